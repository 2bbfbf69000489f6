import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRecord } from '../../shared/audit/service';
import { systemCtx } from '../../shared/context';
import type { DomainEvent } from '../../shared/events/bus';
import { EVENT_TYPES, parseEvent, UndeclaredEventError } from '../../shared/events/catalogue';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const producers = sources('shared')
  .filter((path) => !path.endsWith(join('events', 'catalogue.ts')))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('the catalogue of domain events', () => {
  it('refuses to record an event that is not declared, even one that got past the type checker', () => {
    const event = { type: 'StartupRenamed', data: { startupId: 'stp_1' } } as unknown as DomainEvent;
    expect(() => auditRecord(systemCtx('req_1'), { action: 'startup.renamed', entityType: 'startup', entityId: 'stp_1', event })).toThrow(UndeclaredEventError);
  });

  it('records a declared event on the audit record of its change', () => {
    const event: DomainEvent = { type: 'StartupStartedIncubation', data: { startupId: 'stp_1' } };
    const { record } = auditRecord(systemCtx('req_1'), { action: 'startup.incubating', entityType: 'startup', entityId: 'stp_1', event });
    expect(record.event).toEqual(event);
  });

  it('parses data by its declaration: unknown types and mismatched data are refused', () => {
    expect(parseEvent('MentorAssigned', { assignmentId: 'asg_1', mentorId: 'mnt_1', startupId: 'stp_1', extra: 1 })).toEqual({
      type: 'MentorAssigned',
      data: { assignmentId: 'asg_1', mentorId: 'mnt_1', startupId: 'stp_1' },
    });
    expect(() => parseEvent('MentorAssigned', { assignmentId: 'asg_1' })).toThrow();
    expect(() => parseEvent('NoSuchEvent', {})).toThrow(UndeclaredEventError);
  });

  it('declares only events some module emits (a declaration left behind is found)', () => {
    const unused = EVENT_TYPES.filter((type) => !producers.includes(`'${type}'`));
    expect(unused).toEqual([]);
  });
});
