import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, type As } from '../support/api';
import { addUnit, allocate, approvedStartupRecord, communityWithManager } from '../support/spaces';
import {
  approvedBatch,
  auditor,
  finance,
  idem,
  officer,
  openProgramme,
  ownBankAccount,
  passDisclosure,
  registeredApplicant,
  startupOf,
} from '../support/subsidies';

afterEach(() => useRealClock());

const claimFor = (as: As, body: Record<string, unknown>) => call('POST', '/v1/claims', { as, body: { bankAccount: ownBankAccount(), ...body } });

let businesses = 0;

/** A registered business of `founder` with `coFounders` more founders, added by an officer. */
async function businessWithFounders(coFounders: number) {
  const founder = await registeredApplicant();
  businesses += 1;
  const creditCode = withCreditCheckCharacter(`91510100MA6CP${String(businesses).padStart(4, '0')}`);
  const business = await startupOf(founder, { status: 'graduated', creditCode, businessName: '天府测试科技有限公司' });
  const partners = [];
  for (let i = 0; i < coFounders; i++) {
    const partner = await registeredApplicant();
    const added = await call('POST', `/v1/startups/${business.id}/co-founders`, { as: officer, body: { applicantId: partner.applicantId } });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    partners.push(partner);
  }
  return { founder, business, partners };
}

describe('a one-off policy, once per person', () => {
  it('pays a person once over every programme of the policy and every year, and names the earlier claim', async () => {
    const thisYear = await openProgramme({ name: '2026年一次性创业补贴' });
    const nextYear = await openProgramme({ name: '2027年一次性创业补贴', opensOn: '2027-01-01', closesOn: '2027-12-31' });
    const person = await registeredApplicant();
    useFixedClock('2026-11-10T02:00:00Z');
    const first = await claimFor(person.as, { programmeId: thisYear.id });
    expect(first.status).toBe(201);
    expect(first.body.policy).toBe('one_off_startup_subsidy');
    useFixedClock('2027-03-10T02:00:00Z');
    const again = await claimFor(person.as, { programmeId: nextYear.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_RECEIVED', earlierClaimId: first.body.id, earlierProgrammeId: thisYear.id, by: 'person' });
    const sameProgramme = await claimFor(person.as, { programmeId: thisYear.id });
    expect(sameProgramme.body).toMatchObject({ code: 'ALREADY_CLAIMED', earlierClaimId: first.body.id });
  });

  it('lets the same person receive a different policy', async () => {
    const oneOff = await openProgramme();
    const districtGrant = await openProgramme({ policy: 'district_youth_startup_grant' });
    const person = await registeredApplicant();
    expect((await claimFor(person.as, { programmeId: oneOff.id })).status).toBe(201);
    expect((await claimFor(person.as, { programmeId: districtGrant.id })).status).toBe(201);
  });

  it('does not let a rejected claim block a corrected one, and shows the claimant why it was rejected', async () => {
    const programme = await openProgramme();
    const person = await registeredApplicant();
    const first = await claimFor(person.as, { programmeId: programme.id });
    const rejected = await call('POST', `/v1/claims/${first.body.id}/verification`, { as: officer, body: { decision: 'reject', notes: '缺少营业执照' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '缺少营业执照' });
    expect((await call('GET', `/v1/claims/${first.body.id}`, { as: person.as })).body.rejectionReason).toBe('缺少营业执照');
    const corrected = await claimFor(person.as, { programmeId: programme.id, evidence: ['营业执照'] });
    expect(corrected.status).toBe(201);
    // A rejection needs a reason the claimant can act on.
    expect((await call('POST', `/v1/claims/${corrected.body.id}/verification`, { as: officer, body: { decision: 'reject' } })).status).toBe(400);
  });
});

describe('a one-off policy, once per business', () => {
  it('does not pay the same business through a second founder, nor in next year’s programme', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', name: '创业实体补贴', eligibility: { requiresCreditCode: true } });
    const nextYear = await openProgramme({ kind: 'entity_subsidy', name: '下年度创业实体补贴', eligibility: { requiresCreditCode: true } });
    const { founder, business, partners } = await businessWithFounders(1);
    const first = await claimFor(founder.as, { programmeId: programme.id, startupId: business.id });
    expect(first.status).toBe(201);
    const partner = await claimFor(partners[0]!.as, { programmeId: programme.id, startupId: business.id });
    expect(partner.status).toBe(409);
    expect(partner.body).toMatchObject({ code: 'ALREADY_RECEIVED', by: 'business', earlierClaimId: first.body.id });
    const later = await claimFor(partners[0]!.as, { programmeId: nextYear.id, startupId: business.id });
    expect(later.body).toMatchObject({ code: 'ALREADY_RECEIVED', by: 'business' });
  });

  it('pays once when 20 founders of one business claim at the same moment', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', name: '创业实体补贴', eligibility: { requiresCreditCode: true } });
    const { founder, business, partners } = await businessWithFounders(19);
    const everyone = [founder, ...partners];
    const results = await Promise.all(everyone.map((person) => claimFor(person.as, { programmeId: programme.id, startupId: business.id })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(19);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'ALREADY_RECEIVED')).toBe(true);
    const listed = await call('GET', `/v1/claims?programmeId=${programme.id}&limit=100`, { as: auditor });
    expect(listed.body.items).toHaveLength(1);
  });

  it('names the account holder: the claimant, or the business for a business’s claim', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', name: '创业实体补贴', eligibility: { requiresCreditCode: true } });
    const { founder, business } = await businessWithFounders(0);
    const stranger = await claimFor(founder.as, { programmeId: programme.id, startupId: business.id, bankAccount: ownBankAccount('王五') });
    expect(stranger.status).toBe(422);
    expect(stranger.body.code).toBe('ACCOUNT_NAME_MISMATCH');
    const ok = await claimFor(founder.as, { programmeId: programme.id, startupId: business.id, bankAccount: ownBankAccount('天府测试科技有限公司') });
    expect(ok.status).toBe(201);
    const personal = await openProgramme();
    const other = await registeredApplicant();
    expect((await claimFor(other.as, { programmeId: personal.id, bankAccount: ownBankAccount('天府测试科技有限公司') })).body.code).toBe(
      'ACCOUNT_NAME_MISMATCH',
    );
  });
});

describe('rent subsidies: each month once', () => {
  /** A startup housed from `from` (rent 30,000 fen a month), and two rent programmes paying 50 %. */
  async function housed(from: string, to: string) {
    const founder = await registeredApplicant();
    const startup = await approvedStartupRecord({
      founderUserId: founder.as.sub!,
      founderApplicantId: founder.applicantId,
      incubationStart: `${from}-01`,
      incubationEnd: '2099-12-31',
    });
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    expect((await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: from, toMonth: to })).status).toBe(201);
    const rent = (name: string, extra: Record<string, unknown> = {}) =>
      openProgramme({ kind: 'rent_subsidy', name, amountRule: { type: 'rent_share', percent: 50, capFenPerMonth: 100_000 }, ...extra });
    return { founder, startup, rent };
  }

  it('pays only completed months inside the programme’s period', async () => {
    useFixedClock('2027-01-05T02:00:00Z');
    const { founder, startup, rent } = await housed('2027-01', '2027-12');
    const programme = await rent('2027年上半年场租补贴', { coveredPeriod: { from: '2027-01', to: '2027-03' } });
    useFixedClock('2027-04-15T02:00:00Z');
    const current = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id, periods: ['2027-04'] });
    expect(current.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'periods' });
    const outside = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id, periods: ['2027-03', '2027-05'] });
    expect(outside.body.rule).toBe('periods');
    const claim = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id });
    expect(claim.status).toBe(201);
    expect(claim.body.facts.periods.map((p: { period: string }) => p.period)).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(claim.body.amountFen).toBe(3 * 15_000);
  });

  it('never pays a month twice across programmes, and frees the months of a rejected claim', async () => {
    useFixedClock('2027-01-05T02:00:00Z');
    const { founder, startup, rent } = await housed('2027-01', '2027-06');
    const first = await rent('区级场租补贴');
    const second = await rent('园区场租补贴', { policy: 'park_rent_support' });
    useFixedClock('2027-03-10T02:00:00Z');
    const january = await claimFor(founder.as, { programmeId: first.id, startupId: startup.id, periods: ['2027-01'] });
    expect(january.status).toBe(201);
    const twice = await claimFor(founder.as, { programmeId: second.id, startupId: startup.id, periods: ['2027-01', '2027-02'] });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'ALREADY_SUBSIDISED', period: '2027-01', earlierClaimId: january.body.id });
    // Without naming months, a claim takes only those still to be paid.
    const rest = await claimFor(founder.as, { programmeId: second.id, startupId: startup.id });
    expect(rest.body.facts.periods.map((p: { period: string }) => p.period)).toEqual(['2027-02']);
    await call('POST', `/v1/claims/${january.body.id}/verification`, { as: officer, body: { decision: 'reject', notes: '租赁合同不符' } });
    const again = await claimFor(founder.as, { programmeId: second.id, startupId: startup.id, periods: ['2027-01'] });
    expect(again.status).toBe(201);
  });

  it('pays each month once when two rent programmes are claimed for the same months at the same moment', async () => {
    useFixedClock('2027-01-05T02:00:00Z');
    const { founder, startup, rent } = await housed('2027-01', '2027-06');
    const programmes = [await rent('区级场租补贴'), await rent('园区场租补贴', { policy: 'park_rent_support' })];
    useFixedClock('2027-05-10T02:00:00Z');
    const months = ['2027-01', '2027-02', '2027-03', '2027-04'];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimFor(founder.as, { programmeId: programmes[i % 2]!.id, startupId: startup.id, periods: months })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'ALREADY_SUBSIDISED')).toBe(true);
    const paidMonths = [];
    for (const programme of programmes) {
      const listed = await call('GET', `/v1/claims?programmeId=${programme.id}&limit=100`, { as: auditor });
      for (const claim of listed.body.items) paidMonths.push(...claim.facts.periods.map((p: { period: string }) => p.period));
    }
    expect(paidMonths.sort()).toEqual(months);
  });

  it('frees the months of a claim reversed in full, and keeps those of a partial reversal', async () => {
    process.env.FUHUA_MAKER_CHECKER_ABOVE_FEN = String(1e12);
    try {
      useFixedClock('2027-01-05T02:00:00Z');
      const { founder, startup, rent } = await housed('2027-01', '2027-06');
      const programme = await rent('区级场租补贴');
      useFixedClock('2027-02-10T02:00:00Z');
      const claim = (await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id })).body;
      await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } });
      await passDisclosure(programme.id, [claim]);
      const batch = await approvedBatch(programme.id, [claim]);
      const paid = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
        as: finance,
        headers: idem(),
        body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'RENT-1' }] },
      });
      const entryId = paid.body.lines[0].ledgerEntryId;
      const reverse = (amountFen: number) =>
        call('POST', `/v1/ledger/${entryId}/reversal`, { as: finance, headers: idem(), body: { amountFen, reason: '多付追回' } });
      expect((await reverse(5_000)).status).toBe(201);
      const other = await rent('园区场租补贴', { policy: 'park_rent_support' });
      expect((await claimFor(founder.as, { programmeId: other.id, startupId: startup.id, periods: ['2027-01'] })).body.code).toBe('ALREADY_SUBSIDISED');
      expect((await reverse(10_000)).status).toBe(201);
      expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.status).toBe('reversed');
      expect((await claimFor(founder.as, { programmeId: other.id, startupId: startup.id, periods: ['2027-01'] })).status).toBe(201);
    } finally {
      delete process.env.FUHUA_MAKER_CHECKER_ABOVE_FEN;
    }
  });
});

describe('loan-interest subsidies: no fen of interest twice', () => {
  it('pays each loan-month of interest once, across programmes', async () => {
    useFixedClock('2027-01-05T02:00:00Z');
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const loan = await call('POST', '/v1/loans', {
      as: officer,
      body: {
        startupId: startup.id,
        bank: '成都银行',
        guarantor: '市创业担保中心',
        principalFen: 30_000_000,
        annualRateBp: 500,
        termMonths: 24,
        startDate: '2027-01-05',
      },
    });
    for (const paidOn of ['2027-02-05', '2027-03-05', '2027-04-05']) {
      await call('POST', `/v1/loans/${loan.body.id}/repayments`, { as: officer, body: { paidOn, principalFen: 0, interestFen: 125_000 } });
    }
    const interest = (name: string, extra: Record<string, unknown> = {}) =>
      openProgramme({ kind: 'loan_interest_subsidy', name, amountRule: { type: 'interest_share', percent: 100, capFen: 10_000_000 }, ...extra });
    const first = await interest('2027年贴息（一）');
    const second = await interest('2027年贴息（二）', { policy: 'city_interest_support' });
    useFixedClock('2027-04-20T02:00:00Z');
    // April is not over yet: only February and March are claimable.
    const claim = await claimFor(founder.as, { programmeId: first.id, startupId: startup.id });
    expect(claim.status).toBe(201);
    expect(claim.body.amountFen).toBe(250_000);
    const twice = await claimFor(founder.as, { programmeId: second.id, startupId: startup.id, periods: ['2027-03'] });
    expect(twice.body).toMatchObject({ code: 'ALREADY_SUBSIDISED', period: '2027-03' });
    useFixedClock('2027-05-02T02:00:00Z');
    const april = await claimFor(founder.as, { programmeId: second.id, startupId: startup.id });
    expect(april.body.facts.periods).toEqual([{ period: '2027-04', loanId: loan.body.id, basisFen: 125_000, amountFen: 125_000 }]);
  });

  it('takes at most 36 loan-months in one claim (one hold each in its transaction), the earliest first', async () => {
    useFixedClock('2025-01-05T02:00:00Z');
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const months = Array.from({ length: 19 }, (_, i) => `${2025 + Math.floor((i + 1) / 12)}-${String(((i + 1) % 12) + 1).padStart(2, '0')}`);
    for (let n = 0; n < 2; n++) {
      const loan = await call('POST', '/v1/loans', {
        as: officer,
        body: {
          startupId: startup.id,
          bank: '成都银行',
          guarantor: '市创业担保中心',
          principalFen: 10_000_000,
          annualRateBp: 500,
          termMonths: 36,
          startDate: '2025-01-05',
        },
      });
      for (const month of months) {
        await call('POST', `/v1/loans/${loan.body.id}/repayments`, { as: officer, body: { paidOn: `${month}-05`, principalFen: 0, interestFen: 1_000 } });
      }
    }
    const programme = await openProgramme({
      kind: 'loan_interest_subsidy',
      name: '贴息',
      opensOn: '2025-01-01',
      amountRule: { type: 'interest_share', percent: 100, capFen: 10_000_000 },
    });
    useFixedClock('2026-10-10T02:00:00Z');
    const all = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id, periods: months });
    expect(all.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'periods' });
    const claim = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id });
    expect(claim.status).toBe(201);
    expect(claim.body.facts.periods).toHaveLength(36);
    expect(claim.body.facts.periods.at(-1).period).toBe(months[17]);
    const rest = await claimFor(founder.as, { programmeId: programme.id, startupId: startup.id });
    expect(rest.body.facts.periods.map((p: { period: string }) => p.period)).toEqual([months[18], months[18]]);
  });
});
