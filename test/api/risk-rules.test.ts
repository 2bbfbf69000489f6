import { afterEach, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { now, useFixedClock, useRealClock } from '../../shared/clock';
import { systemCtx } from '../../shared/context';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { checkLedgerConsistency } from '../../shared/risk/ledger-consistency';
import { programmeKeys } from '../../shared/programmes/repository';
import { dispatch } from '../../shared/events/bus';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, type As } from '../support/api';
import { assign, officer as mentorsOfficer, sessionInput, testMentor, testStartup } from '../support/mentors';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month } from '../support/spaces';
import { finance, finance2, idem, officer, openProgramme, paidClaim, payableClaims, preparedBatch, registeredApplicant, startupOf } from '../support/subsidies';

const auditor: As = { role: 'auditor', sub: 'auditor-risk-rules' };

async function openAlerts(rule: string): Promise<any[]> {
  const res = await call('GET', `/v1/risk-alerts?status=open&rule=${rule}&limit=100`, { as: auditor });
  expect(res.status).toBe(200);
  return res.body.items;
}

const account = (accountNumber: string) => ({ bankName: '成都农商银行天府支行', accountName: '测试人', accountNumber });

async function claim(claimant: { as: As }, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/claims', { as: claimant.as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

afterEach(() => useRealClock());

describe('risk rule: the same bank account on claims of different people', () => {
  it('raises one alert for the account, masked, however many more people use it', async () => {
    const programme = await openProgramme();
    const other = await openProgramme();
    const shared = '6228480402564891234';
    await claim(await registeredApplicant(), { programmeId: programme.id, bankAccount: account(shared) });
    expect(await openAlerts('shared_bank_account')).toHaveLength(0);

    await claim(await registeredApplicant(), { programmeId: programme.id, bankAccount: account(shared) });
    await claim(await registeredApplicant(), { programmeId: other.id, bankAccount: account(shared) });

    const alerts = await openAlerts('shared_bank_account');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].summary).toContain('****1234');
    expect(JSON.stringify(alerts[0])).not.toContain(shared);
    expect(alerts[0].facts.people).toBe(2);
  });

  it('stays quiet for distinct accounts, and for one person using one account twice', async () => {
    const before = (await openAlerts('shared_bank_account')).length;
    const programme = await openProgramme();
    // Another policy: a person receives each one-off policy once, but may claim two policies.
    const other = await openProgramme({ policy: 'district_youth_startup_grant' });
    const person = await registeredApplicant();
    await claim(person, { programmeId: programme.id, bankAccount: account('6228480402564895555') });
    await claim(person, { programmeId: other.id, bankAccount: account('6228480402564895555') });
    await claim(await registeredApplicant(), { programmeId: programme.id, bankAccount: account('6228480402564896666') });
    expect(await openAlerts('shared_bank_account')).toHaveLength(before);
  });
});

describe('risk rule: a rent-subsidy claim for months with no allocation', () => {
  /** A rent claim, in the month after the startup moved in, for that (completed) first month. */
  async function rentClaimWithSpace() {
    const founder = await registeredApplicant();
    const startup = await approvedStartupRecord({ founderUserId: founder.as.sub!, founderApplicantId: founder.applicantId });
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const allocation = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(5) });
    expect(allocation.status).toBe(201);
    const programme = await openProgramme({ kind: 'rent_subsidy', amountRule: { type: 'rent_share', percent: 50, capFenPerMonth: 100_000 } });
    useFixedClock(`${month(1)}-10T04:00:00Z`);
    const rentClaim = await claim(founder, {
      programmeId: programme.id,
      startupId: startup.id,
      bankAccount: account(`62284804025${String(Date.now()).slice(-8)}`),
    });
    return {
      manager,
      startupId: startup.id,
      allocationId: allocation.body.id as string,
      unitId: unit.id as string,
      communityId: community.id as string,
      rentClaim,
    };
  }

  it('fires once when the claimed month turns out to have had no allocation', async () => {
    const { startupId, allocationId, unitId, communityId, rentClaim } = await rentClaimWithSpace();
    expect(rentClaim.amountFen).toBe(15_000);
    // The API gives back only months still to come, and claims only months that have ended; this
    // rule guards against records that disagree anyway. Test arrangement: the allocation's record
    // changed behind the services' back, as a data error would leave it.
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `ALLOCATION#${allocationId}`, sk: 'ALLOCATION' },
        UpdateExpression: 'SET fromMonth = :later',
        ExpressionAttributeValues: { ':later': month(1) },
      }),
    );
    const released = { allocationId, startupId, unitId, communityId, fromMonth: month(1), cancelled: false };
    await dispatch([{ type: 'UnitReleased', data: released, at: new Date().toISOString(), requestId: 'data-error' }], { rethrow: true });
    let alerts = (await openAlerts('rent_claim_without_allocation')).filter((a) => a.subjectId === rentClaim.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].facts).toMatchObject({ claimedFen: 15_000, coveredFen: 0 });
    // Verification checks the facts again and refuses; the alert stays the one alert.
    const verification = await call('POST', `/v1/claims/${rentClaim.id}/verification`, { as: officer, body: { decision: 'verify' } });
    expect(verification.status).toBe(422);
    expect(verification.body.code).toBe('FACTS_CHANGED');
    alerts = (await openAlerts('rent_claim_without_allocation')).filter((a) => a.subjectId === rentClaim.id);
    expect(alerts).toHaveLength(1);
  });

  it('stays quiet when only months after the claim are given back', async () => {
    const { manager, allocationId, rentClaim } = await rentClaimWithSpace();
    expect(
      (await call('POST', `/v1/allocations/${allocationId}/release`, { as: manager, body: { effectiveMonth: month(1), reason: '下月退租' } })).status,
    ).toBe(200);
    expect((await call('POST', `/v1/claims/${rentClaim.id}/verification`, { as: officer, body: { decision: 'verify' } })).status).toBe(200);
    expect((await openAlerts('rent_claim_without_allocation')).filter((a) => a.subjectId === rentClaim.id)).toHaveLength(0);
  });
});

describe('risk rule: a claim by a startup that has left incubation', () => {
  it('fires once when a startup with a pending claim withdraws, and not again for its next claim', async () => {
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const programme = await openProgramme({ eligibility: { requiresIncubating: false } });
    const first = await claim(founder, { programmeId: programme.id, startupId: startup.id, bankAccount: account('6228480402564897001') });
    expect((await openAlerts('claim_after_exit')).filter((a) => a.subjectId === startup.id)).toHaveLength(0);

    const exit = await call('POST', `/v1/startups/${startup.id}/exit`, { as: officer, body: { outcome: 'withdrawn', reason: '团队解散' } });
    expect(exit.status).toBe(200);
    let alerts = (await openAlerts('claim_after_exit')).filter((a) => a.subjectId === startup.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].facts.claimId).toBe(first.id);

    const later = await openProgramme({ policy: 'district_youth_startup_grant' });
    await claim(founder, { programmeId: later.id, startupId: startup.id, bankAccount: account('6228480402564897001') });
    alerts = (await openAlerts('claim_after_exit')).filter((a) => a.subjectId === startup.id);
    expect(alerts).toHaveLength(1);
  });

  it('fires when a terminated startup claims', async () => {
    const founder = await registeredApplicant();
    const startup = await startupOf(founder, { status: 'terminated' });
    await claim(founder, { programmeId: (await openProgramme()).id, startupId: startup.id, bankAccount: account('6228480402564897002') });
    expect((await openAlerts('claim_after_exit')).filter((a) => a.subjectId === startup.id)).toHaveLength(1);
  });

  it('stays quiet for a graduate claiming its entity subsidy, and for an incubating startup', async () => {
    const graduate = await registeredApplicant();
    const graduated = await startupOf(graduate, { status: 'graduated', creditCode: withCreditCheckCharacter('91510100MA6RTEK01') });
    const entity = await openProgramme({ kind: 'entity_subsidy', eligibility: { requiresCreditCode: true } });
    await claim(graduate, { programmeId: entity.id, startupId: graduated.id, bankAccount: account('6228480402564897003') });
    const founder = await registeredApplicant();
    const incubating = await startupOf(founder);
    await claim(founder, { programmeId: (await openProgramme()).id, startupId: incubating.id, bankAccount: account('6228480402564897004') });
    const subjects = (await openAlerts('claim_after_exit')).map((a) => a.subjectId);
    expect(subjects).not.toContain(graduated.id);
    expect(subjects).not.toContain(incubating.id);
  });
});

describe('risk rule: mentors', () => {
  // Monday 2 March 2026; sessions are logged on the Friday of that week.
  const monday = '2026-03-02';
  const dayOfWeek = (n: number) => `2026-03-0${2 + n}`;

  async function assignedOn(day: string) {
    useFixedClock(`${day}T01:00:00Z`);
    const mentor = await testMentor();
    const startup = await testStartup();
    const res = await assign(mentor.id, startup.id);
    expect(res.status).toBe(201);
    return { mentor, startup, assignmentId: res.body.id as string };
  }

  async function log(mentor: As, assignmentId: string, date: string, minutes: number) {
    const res = await call('POST', `/v1/assignments/${assignmentId}/sessions`, { as: mentor, body: sessionInput({ date, minutes }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('raises one alert for a week above 40 hours', async () => {
    const { mentor, assignmentId } = await assignedOn(monday);
    useFixedClock(`${dayOfWeek(4)}T20:00:00Z`);
    // Four days of 11 hours (within the 12-hour daily cap): 44 hours.
    for (const day of [0, 1, 2, 3]) for (const minutes of [330, 330]) await log(mentor.as, assignmentId, dayOfWeek(day), minutes);
    await log(mentor.as, assignmentId, dayOfWeek(4), 60);
    const alerts = (await openAlerts('mentor_overload')).filter((a) => a.subjectId === `${mentor.id}:${monday}`);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].facts.minutes).toBeGreaterThan(40 * 60);
  });

  it('stays quiet at 33 hours a week', async () => {
    const { mentor, assignmentId } = await assignedOn(monday);
    useFixedClock(`${dayOfWeek(4)}T20:00:00Z`);
    for (const day of [0, 1, 2]) for (const minutes of [330, 330]) await log(mentor.as, assignmentId, dayOfWeek(day), minutes);
    expect((await openAlerts('mentor_overload')).filter((a) => a.subjectId.startsWith(mentor.id))).toHaveLength(0);
  });

  it('raises one alert for sessions logged on a startup after the assignment ended', async () => {
    const { mentor, startup, assignmentId } = await assignedOn(monday);
    useFixedClock(`${dayOfWeek(1)}T09:00:00Z`);
    await log(mentor.as, assignmentId, monday, 60);
    expect((await call('POST', `/v1/assignments/${assignmentId}/end`, { as: mentorsOfficer, body: { reason: '导师调整' } })).status).toBe(200);
    expect((await openAlerts('session_without_assignment')).filter((a) => a.subjectId === `${mentor.id}:${startup.id}`)).toHaveLength(0);

    useFixedClock(`${dayOfWeek(2)}T09:00:00Z`);
    await log(mentor.as, assignmentId, dayOfWeek(1), 60);
    await log(mentor.as, assignmentId, dayOfWeek(1), 45);
    expect((await openAlerts('session_without_assignment')).filter((a) => a.subjectId === `${mentor.id}:${startup.id}`)).toHaveLength(1);
  });
});

describe('risk rule: a large payout batch approved within 10 minutes of its preparation', () => {
  async function payable(claims: number) {
    const programme = await openProgramme({ budgetFen: 100_000_000, amountRule: { type: 'fixed', amountFen: 10_000_000 } });
    return { programme, claims: (await payableClaims(programme.id, claims)).map((c) => c.claim) };
  }
  async function batchOf(claims: number) {
    const { programme, claims: payableOnes } = await payable(claims);
    return preparedBatch(programme.id, payableOnes);
  }
  const approve = (id: string) => call('POST', `/v1/payout-batches/${id}/approval`, { as: finance2, headers: idem() });

  it('fires once for 300,000 yuan approved at once, even if the approval is delivered again', async () => {
    const batch = await batchOf(3);
    expect(batch.totalFen).toBe(30_000_000);
    expect((await approve(batch.id)).status).toBe(200);
    const approved = { batchId: batch.id, programmeId: batch.programmeId, totalFen: batch.totalFen, claimCount: batch.claimCount };
    await dispatch([{ type: 'PayoutBatchApproved', data: approved, at: now().toISOString(), requestId: 'redelivered' }], { rethrow: true });
    const alerts = (await openAlerts('fast_large_batch_approval')).filter((a) => a.subjectId === batch.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].facts).toMatchObject({ totalFen: 30_000_000, preparedBy: finance.sub, approvedBy: finance2.sub });
  });

  it('stays quiet for 200,000 yuan approved at once, and for 300,000 yuan approved after 11 minutes', async () => {
    const small = await batchOf(2);
    expect((await approve(small.id)).status).toBe(200);
    const { programme, claims } = await payable(3);
    const start = now();
    useFixedClock(start);
    const large = await preparedBatch(programme.id, claims);
    useFixedClock(new Date(start.getTime() + 11 * 60 * 1000));
    expect((await approve(large.id)).status).toBe(200);
    const subjects = (await openAlerts('fast_large_batch_approval')).map((a) => a.subjectId);
    expect(subjects).not.toContain(small.id);
    expect(subjects).not.toContain(large.id);
  });
});

describe('the nightly ledger check', () => {
  it('finds nothing on a ledger in step with its totals, then one alert per programme that is not', async () => {
    const programme = await openProgramme();
    await paidClaim(programme.id);
    expect((await checkLedgerConsistency(systemCtx('ledger-check'), { recheckAfterMs: 0 })).mismatches).toBe(0);

    // Test arrangement: the totals item damaged behind the services' back.
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: programmeKeys.totals(programme.id),
        UpdateExpression: 'ADD paidFen :more',
        ExpressionAttributeValues: { ':more': 100 },
      }),
    );
    expect((await checkLedgerConsistency(systemCtx('ledger-check'), { recheckAfterMs: 0 })).mismatches).toBe(1);
    expect((await checkLedgerConsistency(systemCtx('ledger-check'), { recheckAfterMs: 0 })).mismatches).toBe(1);
    const alerts = (await openAlerts('ledger_mismatch')).filter((a) => a.subjectId === programme.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].facts).toMatchObject({ totalsPaidFen: 1_000_100, ledgerPaidFen: 1_000_000 });
  });
});
