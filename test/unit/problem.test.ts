import { describe, expect, it } from 'vitest';
import { problemBody } from '../../shared/http/problem';

describe('problem details', () => {
  it('keep status, type, title, detail and code their RFC 9457 meaning whatever facts an error carries', () => {
    const body = problemBody(409, 'EVENT_NOT_OPEN', 'A closed event takes no entries.', {
      status: 'closed',
      code: 'OTHER',
      title: 'x',
      type: 'y',
      detail: 'z',
      currentStatus: 'closed',
    });
    expect(body).toMatchObject({ status: 409, code: 'EVENT_NOT_OPEN', title: 'Conflict', detail: 'A closed event takes no entries.', currentStatus: 'closed' });
    expect(body.type).toBe('urn:fuhua:problem:event-not-open');
  });
});
