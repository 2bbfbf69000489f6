import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../../shared/audit/service';
import type { AuditRecord } from '../../shared/audit/schema';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { onEvent, type DomainEvent } from '../../shared/events/bus';
import { runJob } from '../../functions/schedules/jobs';
import { programmeKeys } from '../../shared/programmes/repository';
import { call } from '../support/api';
import { publishedEvent, officer as eventOfficer } from '../support/events';
import { addUnit, allocate, approvedStartupRecord, communityWithManager } from '../support/spaces';
import { auditor, finance, idem, officer, openProgramme, paidClaim, preparedBatch, publishedNotice, submittedClaim, verifiedClaim } from '../support/subsidies';

let runs = 0;
const job = (name: string, at: string) => {
  runs += 1;
  return runJob(name, { requestId: `job-test-${name}-${runs}`, now: new Date(at) });
};

/** Every audit record a job run wrote: what it changed (each change carries one). */
async function changesOf(requestId: string): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchAudit({ actorId: 'system' }, { limit: 100, cursor });
    records.push(...page.items.filter((record) => record.requestId === requestId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}
const lastRequest = (name: string) => `job-test-${name}-${runs}`;

const events: Array<DomainEvent & { requestId: string }> = [];
for (const type of ['DisclosureNoticeClosed', 'AllocationFinished', 'EventRegistrationClosed'] as const)
  onEvent(type, async (event) => void events.push(event));

afterAll(() => useRealClock());

describe('close-disclosures: each disclosure notice is closed when its window has ended', () => {
  it('closes notices whose window has ended, with an event, and nothing else; a second run changes nothing', async () => {
    // Sunday 1 November 2026, 16:00 in Beijing.
    useFixedClock('2026-11-01T08:00:00.000Z');
    const five = await openProgramme();
    const ten = await openProgramme({ disclosureWorkingDays: 10 });
    const { claim: ended } = await verifiedClaim(five.id);
    const { claim: open } = await verifiedClaim(ten.id);
    const { claim: unverified } = await submittedClaim(five.id);
    // Five working days: 2–6 November, closing at 24:00 on Friday the 6th (16:00 UTC); ten: to the 13th.
    const short = await publishedNotice(five.id, [ended]);
    const long = await publishedNotice(ten.id, [open]);
    expect(short.closesAt).toBe('2026-11-06T16:00:00.000Z');
    expect(long.closesAt).toBe('2026-11-13T16:00:00.000Z');

    // Before the end of the first window nothing is due.
    expect(await job('close-disclosures', '2026-11-06T15:59:59.999Z')).toEqual({ closed: 0 });
    expect(await changesOf(lastRequest('close-disclosures'))).toEqual([]);

    expect(await job('close-disclosures', '2026-11-06T16:00:00.000Z')).toEqual({ closed: 1 });
    const changes = await changesOf(lastRequest('close-disclosures'));
    expect(changes.map((c) => [c.action, c.entityId, c.actorKind, c.at])).toEqual([
      ['disclosureNotice.closed', short.id, 'system', '2026-11-06T16:00:00.000Z'],
    ]);
    expect(events.filter((e) => e.type === 'DisclosureNoticeClosed').map((e) => e.data)).toEqual([
      { noticeId: short.id, number: short.number, programmeId: five.id, claimCount: 1 },
    ]);

    const read = async (id: string) => (await call('GET', `/v1/disclosure-notices/${id}`, { as: officer })).body;
    expect(await read(short.id)).toMatchObject({ status: 'closed', closedAt: '2026-11-06T16:00:00.000Z', version: 2 });
    expect(await read(long.id)).toMatchObject({ status: 'open', version: 1 });
    const unchanged = await call('GET', `/v1/claims/${unverified.id}`, { as: officer });
    expect(unchanged.body).toEqual(unverified);

    // Idempotent: nothing left to do, nothing written.
    expect(await job('close-disclosures', '2026-11-06T16:15:00.000Z')).toEqual({ closed: 0 });
    expect(await changesOf(lastRequest('close-disclosures'))).toEqual([]);

    // The payable rule reads the claim's own window: the closed notice's claim goes into a batch, the other does not.
    useFixedClock('2026-11-07T01:00:00.000Z');
    await expect(preparedBatch(five.id, [ended])).resolves.toMatchObject({ claimCount: 1 });
    const early = await call('POST', '/v1/payout-batches', {
      as: finance,
      headers: idem(),
      body: { programmeId: ten.id, claimIds: [open.id], declaredCount: 1, declaredTotalFen: open.amountFen },
    });
    expect(early.body.code).toBe('CLAIM_NOT_PAYABLE');

    // The second window ends later.
    expect(await job('close-disclosures', '2026-11-13T16:00:00.000Z')).toEqual({ closed: 1 });
    expect((await changesOf(lastRequest('close-disclosures'))).map((c) => c.entityId)).toEqual([long.id]);
  });
});

describe('finish-allocations: allocations whose last month has passed are marked finished', () => {
  it('finishes active allocations that ended, leaves running and released ones alone; a second run changes nothing', async () => {
    useFixedClock('2026-11-05T08:00:00.000Z');
    const { community, manager } = await communityWithManager();
    const allocateNew = async (fromMonth: string, toMonth: string) => {
      const startup = await approvedStartupRecord();
      const unit = await addUnit(community.id, manager);
      const res = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth, toMonth });
      expect(res.status).toBe(201);
      return res.body;
    };
    const oneMonth = await allocateNew('2026-11', '2026-11');
    const threeMonths = await allocateNew('2026-11', '2027-01');
    const releasedEarly = await allocateNew('2026-11', '2027-06');
    const release = await call('POST', `/v1/allocations/${releasedEarly.id}/release`, {
      as: manager,
      body: { effectiveMonth: '2026-12', reason: 'moved out' },
    });
    expect(release.body.allocation).toMatchObject({ status: 'released', lastMonth: '2026-11' });
    const read = async (id: string) => (await call('GET', `/v1/allocations/${id}`, { as: officer })).body;
    const releasedBefore = await read(releasedEarly.id);

    // Still the last month of the one-month allocation: 23:59:59 on 30 November in Beijing.
    expect(await job('finish-allocations', '2026-11-30T15:59:59.999Z')).toEqual({ finished: 0 });

    // 00:10 on 1 December in Beijing, when the daily schedule runs.
    expect(await job('finish-allocations', '2026-11-30T16:10:00.000Z')).toEqual({ finished: 1 });
    const changes = await changesOf(lastRequest('finish-allocations'));
    expect(changes.map((c) => [c.action, c.entityId, c.actorKind])).toEqual([['allocation.finished', oneMonth.id, 'system']]);
    expect(events.filter((e) => e.type === 'AllocationFinished').map((e) => e.data)).toEqual([
      { allocationId: oneMonth.id, startupId: oneMonth.startupId, unitId: oneMonth.unitId, communityId: community.id, lastMonth: '2026-11' },
    ]);
    expect(await read(oneMonth.id)).toMatchObject({
      status: 'finished',
      lastMonth: '2026-11',
      finishedAt: '2026-11-30T16:10:00.000Z',
      version: oneMonth.version + 1,
    });
    expect(await read(threeMonths.id)).toEqual(threeMonths);
    expect(await read(releasedEarly.id)).toEqual(releasedBefore);

    expect(await job('finish-allocations', '2026-12-01T16:10:00.000Z')).toEqual({ finished: 0 });
    expect(await changesOf(lastRequest('finish-allocations'))).toEqual([]);

    expect(await job('finish-allocations', '2027-01-31T16:10:00.000Z')).toEqual({ finished: 1 });
    expect((await changesOf(lastRequest('finish-allocations'))).map((c) => c.entityId)).toEqual([threeMonths.id]);
    expect(await read(releasedEarly.id)).toEqual(releasedBefore);
  });
});

describe('ledger-consistency: programme totals are recomputed from the ledger every night', () => {
  beforeAll(() => {
    process.env.FUHUA_LEDGER_RECHECK_MS = '10';
  });
  afterAll(() => {
    delete process.env.FUHUA_LEDGER_RECHECK_MS;
  });

  const mismatchAlerts = async () =>
    (await call('GET', '/v1/risk-alerts?rule=ledger_mismatch&limit=100', { as: auditor })).body.items as Array<{
      subjectId: string;
      facts: Record<string, unknown>;
    }>;

  it('raises no alert on consistent data, exactly one on a tampered totals item, and none again on the next night', async () => {
    useFixedClock('2026-11-20T08:00:00.000Z');
    const tampered = await openProgramme();
    const consistent = await openProgramme();
    const { entryId } = await paidClaim(tampered.id);
    await paidClaim(consistent.id);
    await paidClaim(consistent.id);
    const reversal = await call('POST', `/v1/ledger/${entryId}/reversal`, {
      as: finance,
      headers: idem(),
      body: { amountFen: 1000, reason: 'bank fee refunded' },
    });
    expect(reversal.status).toBeLessThan(300);

    const clean = await job('ledger-consistency', '2026-11-20T18:00:00.000Z');
    expect(clean).toMatchObject({ mismatches: 0, alertsRaised: 0 });
    expect(clean.programmes).toBeGreaterThanOrEqual(2);
    expect(await changesOf(lastRequest('ledger-consistency'))).toEqual([]);
    expect(await mismatchAlerts()).toEqual([]);

    // Someone changes the paid total by hand, keeping usedFen in step so only the ledger can tell.
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: programmeKeys.totals(tampered.id),
        UpdateExpression: 'ADD paidFen :x, usedFen :x',
        ExpressionAttributeValues: { ':x': 50_000 },
      }),
    );
    expect(await job('ledger-consistency', '2026-11-21T18:00:00.000Z')).toMatchObject({ mismatches: 1, alertsRaised: 1 });
    const alerts = await mismatchAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      subjectId: tampered.id,
      facts: { ledgerEntries: 2, ledgerPaidFen: 1_000_000, ledgerReversedFen: 1000, totalsPaidFen: 1_050_000 },
    });
    expect((await changesOf(lastRequest('ledger-consistency'))).map((c) => c.action)).toEqual(['risk.alert_raised']);

    // The alert is open: the next night finds the same difference and raises nothing new.
    expect(await job('ledger-consistency', '2026-11-22T18:00:00.000Z')).toMatchObject({ mismatches: 1, alertsRaised: 0 });
    expect(await changesOf(lastRequest('ledger-consistency'))).toEqual([]);
    expect(await mismatchAlerts()).toHaveLength(1);
  });
});

describe('close-event-registrations: registration closes at its deadline', () => {
  it('closes published events whose deadline has passed, and only those; a second run changes nothing', async () => {
    useFixedClock('2026-12-01T02:00:00.000Z');
    const due = await publishedEvent({
      registrationDeadline: '2026-12-03T10:00:00.000Z',
      startsAt: '2026-12-04T02:00:00.000Z',
      endsAt: '2026-12-04T06:00:00.000Z',
    });
    const later = await publishedEvent({
      registrationDeadline: '2026-12-08T10:00:00.000Z',
      startsAt: '2026-12-09T02:00:00.000Z',
      endsAt: '2026-12-09T06:00:00.000Z',
    });
    const read = async (id: string) => (await call('GET', `/v1/events/${id}`, { as: eventOfficer })).body;
    const laterBefore = await read(later.id);

    expect(await job('close-event-registrations', '2026-12-03T09:59:59.999Z')).toEqual({ closed: 0 });
    expect(await job('close-event-registrations', '2026-12-03T10:00:00.000Z')).toEqual({ closed: 1 });
    const changes = await changesOf(lastRequest('close-event-registrations'));
    expect(changes.map((c) => [c.action, c.entityId, c.actorKind])).toEqual([['event.closed', due.id, 'system']]);
    expect(events.filter((e) => e.type === 'EventRegistrationClosed').map((e) => e.data.eventId)).toEqual([due.id]);
    expect(await read(due.id)).toMatchObject({ status: 'closed', version: due.version + 1 });
    expect(await read(later.id)).toEqual(laterBefore);

    expect(await job('close-event-registrations', '2026-12-03T10:05:00.000Z')).toEqual({ closed: 0 });
    expect(await changesOf(lastRequest('close-event-registrations'))).toEqual([]);
  });
});
