import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedStaff } from '../../infra/local/demo/staff';
import { seedEvents } from '../../infra/local/demo/events';
import { call } from '../support/api';
import { officer } from '../support/events';

describe('event demo data', () => {
  it('loads a past roadshow with published results and an upcoming salon with one seat left', async () => {
    await seedStaff();
    await seedApplicants();
    await seedEvents();

    const upcoming = await call('GET', '/v1/public/events');
    expect(upcoming.body.items.map((e: { kind: string }) => e.kind)).toEqual(['salon']);
    const salon = await call('GET', `/v1/events/${upcoming.body.items[0].id}`, { as: officer });
    expect(salon.body).toMatchObject({ status: 'published', capacity: 6, registered: 5, seatsLeft: 1 });

    const past = await call('GET', '/v1/events?status=completed', { as: officer });
    expect(past.body.items).toHaveLength(1);
    const ranking = await call('GET', `/v1/public/events/${past.body.items[0].id}/ranking`);
    expect(ranking.status).toBe(200);
    expect(ranking.body.published).toBe(true);
    expect(ranking.body.items.length).toBeGreaterThanOrEqual(2);
    for (const item of ranking.body.items) expect(item.scoreCount).toBeGreaterThanOrEqual(2);
  });
});
