import { afterEach, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monthOf, now, useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub } from '../support/api';
import { addUnit, allocate, communityWithManager, month } from '../support/spaces';
import {
  auditor,
  bankAccount,
  finance,
  officer,
  openProgramme,
  ownBankAccount,
  programmeInput,
  publishedNotice,
  registeredApplicant,
  startupOf,
  submittedClaim,
  verifiedClaim,
} from '../support/subsidies';

afterEach(() => useRealClock());

describe('programmes', () => {
  it('opens a programme with zero totals and shows live totals', async () => {
    const res = await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ budgetFen: 5_000_000 }) });
    expect(res.status).toBe(201);
    expect(res.body.totals).toEqual({ budgetFen: 5_000_000, committedFen: 0, paidFen: 0, reversedFen: 0, remainingFen: 5_000_000 });
    const read = await call('GET', `/v1/programmes/${res.body.id}`, { as: { role: 'applicant' } });
    expect(read.status).toBe(200);
    expect(read.body.totals.remainingFen).toBe(5_000_000);
    const list = await call('GET', '/v1/programmes', { as: officer });
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('lets only finance open programmes', async () => {
    expect((await call('POST', '/v1/programmes', { as: officer, body: programmeInput() })).status).toBe(403);
  });

  it('refuses a disclosure of fewer than 3 or more than 30 working days, a closing day before the opening and a rule of the wrong kind', async () => {
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ disclosureWorkingDays: 2 }) })).status).toBe(400);
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ disclosureWorkingDays: 3 }) })).status).toBe(201);
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ disclosureWorkingDays: 31 }) })).status).toBe(400);
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ disclosureWorkingDays: 30 }) })).status).toBe(201);
    // Disclosure by calendar days, and none at all, are gone.
    const old = await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ disclosureDays: 0 }) });
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body.errors)).toContain('disclosureDays');
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ opensOn: '2026-02-01', closesOn: '2026-01-31' }) })).status).toBe(400);
    const wrong = await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ kind: 'rent_subsidy' }) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('body.amountRule');
  });

  it('defaults disclosure to 5 working days and the policy to the kind’s own', async () => {
    const res = await call('POST', '/v1/programmes', { as: finance, body: programmeInput() });
    expect(res.body).toMatchObject({ disclosureWorkingDays: 5, policy: 'one_off_startup_subsidy' });
    const named = await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ policy: 'chengdu_youth_startup_grant' }) });
    expect(named.body.policy).toBe('chengdu_youth_startup_grant');
    expect((await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ policy: 'Not A Code' }) })).status).toBe(400);
  });
});

describe('claims', () => {
  it('computes a fixed amount on the server, stores the bank account protected and shows it masked', async () => {
    const programme = await openProgramme();
    const { claim, claimant } = await submittedClaim(programme.id, { bankAccount });
    expect(claim.amountFen).toBe(1_000_000);
    expect(claim.status).toBe('submitted');
    expect(claim.bankAccount).toEqual({ bankName: bankAccount.bankName, accountName: bankAccount.accountName, accountNumberMasked: '****0018' });
    expect(JSON.stringify(claim)).not.toContain(bankAccount.accountNumber);
    const items =
      (
        await db.send(
          new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CLAIM#${claim.id}` } }),
        )
      ).Items ?? [];
    const audit =
      (
        await db.send(
          new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${claim.id}` } }),
        )
      ).Items ?? [];
    expect(items.length + audit.length).toBeGreaterThanOrEqual(2);
    for (const item of [...items, ...audit]) expect(JSON.stringify(item)).not.toContain(bankAccount.accountNumber);
    const mine = await call('GET', '/v1/claims?mine=true', { as: claimant.as });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([claim.id]);
  });

  it('ignores an amount sent by the client (unknown field → 400)', async () => {
    const programme = await openProgramme();
    const { as } = await registeredApplicant();
    const res = await call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount, amountFen: 99 } });
    expect(res.status).toBe(400);
  });

  it('refuses a second claim on the same programme by the same person', async () => {
    const programme = await openProgramme();
    const { claimant } = await submittedClaim(programme.id);
    const again = await call('POST', '/v1/claims', { as: claimant.as, body: { programmeId: programme.id, bankAccount } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CLAIMED');
  });

  it('gives exactly one claim to 50 parallel duplicate submissions', async () => {
    const programme = await openProgramme();
    const { as } = await registeredApplicant();
    const results = await Promise.all(Array.from({ length: 50 }, () => call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ALREADY_CLAIMED')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const list = await call('GET', `/v1/claims?programmeId=${programme.id}`, { as: officer });
    expect(list.body.items).toHaveLength(1);
  });

  it('lets a claimant see their own claim only; staff see any', async () => {
    const programme = await openProgramme();
    const { claim, claimant } = await submittedClaim(programme.id);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: claimant.as })).status).toBe(200);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: auditor })).status).toBe(200);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: { role: 'applicant', sub: uniqueSub() } })).status).toBe(404);
    expect((await call('GET', `/v1/claims?programmeId=${programme.id}`, { as: claimant.as })).status).toBe(403);
  });
});

describe('eligibility on submission, each rule on its boundary', () => {
  it('takes claims on the opening and closing days, not a day outside', async () => {
    const programme = await openProgramme({ opensOn: '2026-03-01', closesOn: '2026-03-31' });
    // Days in Beijing time: 1 March begins at 16:00 UTC on 28 February.
    useFixedClock('2026-02-28T15:59:59Z');
    const { as } = await registeredApplicant();
    const early = await call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount } });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'programmeOpen' });
    useFixedClock('2026-02-28T16:00:00Z');
    expect((await submittedClaim(programme.id)).claim.status).toBe('submitted');
    useFixedClock('2026-03-31T15:59:59Z');
    expect((await submittedClaim(programme.id)).claim.status).toBe('submitted');
    useFixedClock('2026-03-31T16:00:00Z');
    const late = await call('POST', '/v1/claims', { as: (await registeredApplicant()).as, body: { programmeId: programme.id, bankAccount } });
    expect(late.body.rule).toBe('programmeOpen');
  });

  it('admits only the listed applicant categories', async () => {
    const programme = await openProgramme({ eligibility: { categories: ['veteran'] } });
    const other = await registeredApplicant({ category: 'unemployed_youth' });
    const refused = await call('POST', '/v1/claims', { as: other.as, body: { programmeId: programme.id, bankAccount } });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('categories');
    const veteran = await registeredApplicant({ category: 'veteran' });
    expect((await submittedClaim(programme.id, { claimant: veteran })).claim.status).toBe('submitted');
  });

  it('requires an incubating startup of the claimant', async () => {
    const programme = await openProgramme({ eligibility: { requiresIncubating: true } });
    const founder = await registeredApplicant();
    const approved = await startupOf(founder, { status: 'approved' });
    const noStartup = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount } });
    expect(noStartup.body.rule).toBe('startup');
    const notYet = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: approved.id } });
    expect(notYet.status).toBe(422);
    expect(notYet.body.rule).toBe('requiresIncubating');
    const incubating = await startupOf(founder);
    const someoneElse = await registeredApplicant();
    expect((await call('POST', '/v1/claims', { as: someoneElse.as, body: { programmeId: programme.id, bankAccount, startupId: incubating.id } })).status).toBe(
      404,
    );
    expect((await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: incubating.id } })).status).toBe(201);
  });

  it('pays entity subsidies only to registered businesses (credit code)', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', name: '创业实体补贴', eligibility: { requiresCreditCode: true } });
    const founder = await registeredApplicant();
    const unregistered = await startupOf(founder, { status: 'graduated' });
    const refused = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: unregistered.id } });
    expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'requiresCreditCode' });
    const registered = await startupOf(founder, { status: 'graduated', creditCode: '91510100MA6CGUXX1X' });
    expect((await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: registered.id } })).status).toBe(201);
  });

  it('requires the latest job report an officer has verified to reach the minimum', async () => {
    const programme = await openProgramme({ eligibility: { minJobsReported: 3 } });
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const claim = () => call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: startup.id } });
    expect((await claim()).body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'minJobsReported' });
    const month = monthOf(now());
    const verify = () =>
      call('POST', `/v1/startups/${startup.id}/job-reports/${month}/verification`, { as: officer, body: { evidenceReference: `社保参保清单 ${month}` } });
    const report = await call('POST', `/v1/startups/${startup.id}/job-reports`, { as: founder.as, body: { month, employees: 2, collegeGraduatesEmployed: 1 } });
    expect(report.status).toBe(201);
    expect((await verify()).status).toBe(200);
    expect((await claim()).body.rule).toBe('minJobsReported');
    const corrected = await call('PATCH', `/v1/startups/${startup.id}/job-reports/${month}`, {
      as: founder.as,
      body: { employees: 3 },
      headers: { 'if-match': '"2"' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('reported');
    // Three jobs on the founder's word are not yet three jobs: the corrected report needs an officer again.
    expect((await claim()).body.rule).toBe('minJobsReported');
    expect((await verify()).status).toBe(200);
    const accepted = await claim();
    expect(accepted.status).toBe(201);
    expect(accepted.body.facts).toMatchObject({ jobsVerified: 3 });
  });

  it('computes a rent subsidy from the months occupied so far, capped per month', async () => {
    const programme = await openProgramme({ kind: 'rent_subsidy', name: '场租补贴', amountRule: { type: 'rent_share', percent: 30, capFenPerMonth: 12_000 } });
    const { community, manager } = await communityWithManager();
    const desk = await addUnit(community.id, manager, { kind: 'desk', monthlyRentFen: 30_000 });
    const office = await addUnit(community.id, manager, { kind: 'office', monthlyRentFen: 200_000 });
    const deskFounder = await registeredApplicant();
    const deskStartup = await startupOf(deskFounder);
    const officeFounder = await registeredApplicant();
    const officeStartup = await startupOf(officeFounder, { space: { kind: 'office', count: 1 } });
    const none = await call('POST', '/v1/claims', { as: deskFounder.as, body: { programmeId: programme.id, bankAccount, startupId: deskStartup.id } });
    expect(none.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'rentRecorded' });
    expect((await allocate(manager, { startupId: deskStartup.id, unitId: desk.id, fromMonth: month(0), toMonth: month(5) })).status).toBe(201);
    expect((await allocate(manager, { startupId: officeStartup.id, unitId: office.id, fromMonth: month(0), toMonth: month(5) })).status).toBe(201);
    // Two months have ended (the first two of the allocation): only those are paid, not the one under way nor the future.
    const [first, second] = [month(0), month(1)];
    useFixedClock(`${month(2)}-15T04:00:00Z`);
    const rent = await call('POST', '/v1/claims', { as: deskFounder.as, body: { programmeId: programme.id, bankAccount, startupId: deskStartup.id } });
    expect(rent.status).toBe(201);
    expect(rent.body.amountFen).toBe(2 * 9_000);
    expect(rent.body.facts.periods).toEqual([
      { period: first, basisFen: 30_000, amountFen: 9_000 },
      { period: second, basisFen: 30_000, amountFen: 9_000 },
    ]);
    const capped = await call('POST', '/v1/claims', {
      as: officeFounder.as,
      body: { programmeId: programme.id, bankAccount: ownBankAccount(), startupId: officeStartup.id },
    });
    expect(capped.body.amountFen).toBe(2 * 12_000);
  });

  it('pays no rent for an allocation cancelled before its first month: it never held the unit', async () => {
    const programme = await openProgramme({ kind: 'rent_subsidy', name: '场租补贴', amountRule: { type: 'rent_share', percent: 30, capFenPerMonth: 12_000 } });
    const { community, manager } = await communityWithManager();
    const desk = await addUnit(community.id, manager, { kind: 'desk', monthlyRentFen: 30_000 });
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: desk.id, fromMonth: month(0), toMonth: month(5) });
    const cancelled = await call('POST', `/v1/allocations/${allocation.id}/release`, {
      as: manager,
      body: { effectiveMonth: month(0), reason: 'did not move in' },
    });
    expect(cancelled.body.allocation.status).toBe('cancelled');
    // Months later, the months it was made for have ended: none of them is rent on record.
    useFixedClock(`${month(3)}-15T04:00:00Z`);
    const claim = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: startup.id } });
    expect(claim.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'rentRecorded' });
    const named = await call('POST', '/v1/claims', {
      as: founder.as,
      body: { programmeId: programme.id, bankAccount, startupId: startup.id, periods: [month(0)] },
    });
    expect(named.status).toBe(422);
    expect(named.body.code).toBe('NOT_ELIGIBLE');
  });

  it('computes an interest subsidy from the recorded loans, capped', async () => {
    const programme = await openProgramme({ kind: 'loan_interest_subsidy', name: '贴息', amountRule: { type: 'interest_share', percent: 50, capFen: 30_000 } });
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const none = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: startup.id } });
    expect(none.body.rule).toBe('interestRecorded');
    const loan = await call('POST', '/v1/loans', {
      as: officer,
      body: {
        startupId: startup.id,
        bank: '成都银行',
        guarantor: '市创业担保中心',
        principalFen: 10_000_000,
        annualRateBp: 435,
        termMonths: 24,
        startDate: '2026-01-10',
      },
    });
    expect(loan.status).toBe(201);
    await call('POST', `/v1/loans/${loan.body.id}/repayments`, { as: officer, body: { paidOn: '2026-02-10', principalFen: 0, interestFen: 40_000 } });
    const claim = await call('POST', '/v1/claims', { as: founder.as, body: { programmeId: programme.id, bankAccount, startupId: startup.id } });
    expect(claim.status).toBe(201);
    expect(claim.body.amountFen).toBe(20_000);
    expect(claim.body.facts.periods).toEqual([{ period: '2026-02', loanId: loan.body.id, basisFen: 40_000, amountFen: 20_000 }]);
    const other = await registeredApplicant();
    const otherStartup = await startupOf(other);
    const big = await call('POST', '/v1/loans', {
      as: officer,
      body: {
        startupId: otherStartup.id,
        bank: '成都银行',
        guarantor: '担保',
        principalFen: 10_000_000,
        annualRateBp: 435,
        termMonths: 24,
        startDate: '2026-01-10',
      },
    });
    await call('POST', `/v1/loans/${big.body.id}/repayments`, { as: officer, body: { paidOn: '2026-02-10', principalFen: 0, interestFen: 100_000 } });
    const capped = await call('POST', '/v1/claims', {
      as: other.as,
      body: { programmeId: programme.id, bankAccount: ownBankAccount(), startupId: otherStartup.id },
    });
    expect(capped.body.amountFen).toBe(30_000);
  });
});

describe('verification and public disclosure', () => {
  it('verifies once (without opening disclosure: a notice does), and emits ClaimVerified', async () => {
    const programme = await openProgramme();
    useFixedClock('2026-05-01T08:00:00Z');
    const { claim } = await submittedClaim(programme.id);
    const res = await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'verified', verifiedAt: '2026-05-01T08:00:00.000Z' });
    expect(res.body.disclosureEndsAt).toBeUndefined();
    const again = await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'reject', notes: '重复审核' } });
    expect(again.status).toBe(409);
    const trail = await call('GET', `/v1/audit?entityId=${claim.id}`, { as: auditor });
    const verified = trail.body.items.find((r: { action: string }) => r.action === 'claim.verified');
    expect(verified.event).toEqual({ type: 'ClaimVerified', data: { claimId: claim.id, programmeId: programme.id, amountFen: claim.amountFen } });
    expect((await call('POST', `/v1/claims/${claim.id}/verification`, { as: finance, body: { decision: 'verify' } })).status).toBe(403);
  });

  it('publishes verified claims on a notice, with masked name and identity number, without login', async () => {
    const programme = await openProgramme();
    const claimant = await registeredApplicant({ name: '欧阳修远' });
    const { claim } = await verifiedClaim(programme.id, { claimant, bankAccount: ownBankAccount('欧阳修远') });
    const before = await call('GET', '/v1/public/disclosures?limit=100');
    expect(before.body.items.map((d: { claimId: string }) => d.claimId)).not.toContain(claim.id);
    const notice = await publishedNotice(programme.id, [claim]);
    const res = await call('GET', '/v1/public/disclosures?limit=100');
    expect(res.status).toBe(200);
    const entry = res.body.items.find((d: { claimId: string }) => d.claimId === claim.id);
    expect(entry).toMatchObject({ name: '欧***', programmeName: programme.name, amountFen: 1_000_000, open: true, noticeNumber: notice.number });
    expect(entry.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(JSON.stringify(res.body)).not.toContain('欧阳修远');
    expect(JSON.stringify(res.body)).not.toContain('accountNumber');
  });

  it('takes objections while the notice is open, until 24:00 Beijing time of its last working day', async () => {
    const programme = await openProgramme({ disclosureWorkingDays: 3 });
    // Monday 1 June 2026: the window is 2, 3 and 4 June, closing at 24:00 on the 4th (16:00 UTC).
    useFixedClock('2026-06-01T02:00:00Z');
    const { claim } = await verifiedClaim(programme.id);
    const notYet = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '此人并未实际经营' } });
    expect(notYet.status).toBe(404);
    const notice = await publishedNotice(programme.id, [claim]);
    expect(notice).toMatchObject({ firstDay: '2026-06-02', lastDay: '2026-06-04', closesAt: '2026-06-04T16:00:00.000Z' });
    useFixedClock('2026-06-04T15:59:59Z');
    expect((await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '最后一秒的异议' } })).status).toBe(201);
    useFixedClock('2026-06-04T16:00:00Z');
    const closed = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '窗口已经关闭了' } });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('DISCLOSURE_CLOSED');
  });

  it('rejects the claim when an officer upholds an objection (the claimant sees why); a dismissal leaves it standing', async () => {
    const programme = await openProgramme();
    const { claim, claimant } = await verifiedClaim(programme.id);
    await publishedNotice(programme.id, [claim]);
    const first = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '材料不实，请核查', contact: '13900000000' } });
    const second = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '重复领取补贴' } });
    const dismissed = await call('POST', `/v1/objections/${first.body.id}/resolution`, { as: officer, body: { decision: 'dismissed' } });
    expect(dismissed.body.status).toBe('dismissed');
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body).toMatchObject({ status: 'verified', openObjections: 1 });
    const upheld = await call('POST', `/v1/objections/${second.body.id}/resolution`, {
      as: officer,
      body: { decision: 'upheld', notes: '经核实已在他区领取' },
    });
    expect(upheld.status).toBe(200);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body).toMatchObject({ status: 'rejected', openObjections: 0, upheldObjections: 1 });
    const seen = await call('GET', `/v1/claims/${claim.id}`, { as: claimant.as });
    expect(seen.body.rejectionReason).toContain('经核实已在他区领取');
    expect((await call('POST', `/v1/objections/${second.body.id}/resolution`, { as: officer, body: { decision: 'dismissed' } })).body.code).toBe(
      'OBJECTION_RESOLVED',
    );
    // Officers see how to reach an objector; auditors read the objections without it.
    const list = await call('GET', `/v1/claims/${claim.id}/objections`, { as: officer });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.find((o: { id: string }) => o.id === first.body.id).contact).toBe('13900000000');
    const audited = await call('GET', `/v1/claims/${claim.id}/objections`, { as: auditor });
    expect(JSON.stringify(audited.body)).not.toContain('13900000000');
    expect(JSON.stringify(upheld.body)).not.toContain('13900000000');
  });
});

describe('the claims export', () => {
  it("gives staff a programme's claims as CSV, by status, masked, and refuses applicants", async () => {
    const programme = await openProgramme({ name: `导出测试补贴 ${uniqueSub('e')}` });
    const { claim: verified } = await verifiedClaim(programme.id);
    const submitted = await submittedClaim(programme.id);
    const all = await call('GET', `/v1/claims/export.csv?programmeId=${programme.id}`, { as: auditor });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('text/csv');
    const lines = String(all.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id,programmeName,status,applicantNameMasked,idNumberMasked,startupName,amountYuan,amountBasis,submittedAt,verifiedAt,noticeNumber,openRiskAlerts,batchId,paidAt',
    );
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(verified.id))).toContain(',verified,');
    expect(lines.find((l) => l.startsWith(submitted.claim.id))).toContain(',submitted,');
    expect(lines.join('\n')).toContain('10000.00');
    // Masked only: no full identity or account number.
    expect(lines.join('\n')).not.toMatch(/\d{15,}/);
    const onlyVerified = await call('GET', `/v1/claims/export.csv?programmeId=${programme.id}&status=verified`, { as: finance });
    expect(String(onlyVerified.body).trim().split('\r\n')).toHaveLength(2);
    expect((await call('GET', `/v1/claims/export.csv?programmeId=${programme.id}`, { as: submitted.claimant.as })).status).toBe(403);
    expect((await call('GET', '/v1/claims/export.csv', { as: auditor })).status).toBe(400);
  });
});
