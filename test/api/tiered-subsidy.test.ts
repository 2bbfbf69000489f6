import { afterEach, describe, expect, it } from 'vitest';
import { submitBusinessWrite } from '../../shared/businesses/repository';
import type { Business } from '../../shared/businesses/schema';
import { monthOf, now, useFixedClock, useRealClock } from '../../shared/clock';
import { transact } from '../../shared/db/write';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, type As } from '../support/api';
import { officer, openProgramme, ownBankAccount, registeredApplicant, startupOf } from '../support/subsidies';

afterEach(() => useRealClock());

let codes = 0;

/** A founder whose startup has an active, verified business registered on `registeredOn`. */
async function founderWithBusiness(registeredOn = '2026-01-15') {
  const claimant = await registeredApplicant();
  codes += 1;
  const creditCode = withCreditCheckCharacter(`92510100MA6TR${String(process.pid % 100).padStart(2, '0')}${String(codes).padStart(2, '0')}`);
  const startup = await startupOf(claimant, { creditCode, businessName: '测试个体户' });
  const at = new Date().toISOString();
  const business: Business = {
    startupId: startup.id,
    entityType: 'individual_business',
    name: '测试个体户',
    creditCode,
    registeredOn,
    legalRepresentative: { name: '测试人', idNumberMasked: '110***********0011', applicantId: claimant.applicantId },
    registeredAddress: { district: '天府新区', detail: '华阳街道 1 号' },
    firstBusinessDeclared: true,
    firstTimeFounder: true,
    status: 'active',
    submittedBy: claimant.as.sub!,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transact([submitBusinessWrite(business, undefined)]);
  return { claimant, startup };
}

/** Sichuan's one-off startup subsidy as one policy in two stages: 5,000 yuan at 6 months, up to 10,000 more at 18. */
const tiered = (stage2: Record<string, unknown> = {}) =>
  openProgramme({
    name: '一次性创业补贴（分阶段）',
    policy: `tiered_startup_subsidy_${++codes}`,
    amountRule: { type: 'fixed', amountFen: 1_500_000 },
    stages: [
      { minOperatingMonths: 6, amountFen: 500_000 },
      { minOperatingMonths: 18, amountFen: 1_000_000, ...stage2 },
    ],
  });

const claim = (claimant: { as: As }, programmeId: string, startupId: string, stage?: number) =>
  call('POST', '/v1/claims', { as: claimant.as, body: { programmeId, startupId, bankAccount: ownBankAccount(), ...(stage ? { stage } : {}) } });

const verify = (claimId: string) => call('POST', `/v1/claims/${claimId}/verification`, { as: officer, body: { decision: 'verify' } });

describe('a tiered one-off policy', () => {
  it('refuses stages that do not add up, that are not in order, or on a periodic kind', async () => {
    const base = { kind: 'startup_subsidy', name: '分阶段', budgetFen: 10_000_000, opensOn: '2026-01-01', closesOn: '2030-12-31', eligibility: {} };
    const stages = [
      { minOperatingMonths: 6, amountFen: 500_000 },
      { minOperatingMonths: 18, amountFen: 1_000_000 },
    ];
    const finance: As = { role: 'finance', sub: 'finance-1' };
    const wrongSum = await call('POST', '/v1/programmes', { as: finance, body: { ...base, amountRule: { type: 'fixed', amountFen: 500_000 }, stages } });
    expect(wrongSum.status).toBe(400);
    expect(wrongSum.body.errors[0].field).toBe('body.amountRule');
    const reversed = await call('POST', '/v1/programmes', {
      as: finance,
      body: { ...base, amountRule: { type: 'fixed', amountFen: 1_500_000 }, stages: [stages[1], stages[0]] },
    });
    expect(reversed.body.errors[0].field).toBe('body.stages');
  });

  it('pays stage 1 from the day the 6th month is reached and stage 2 from the 18th, stage 2 only after stage 1 is verified (Beijing days)', async () => {
    const programme = await tiered();
    const { claimant, startup } = await founderWithBusiness('2026-01-15');
    useFixedClock('2026-07-14T15:59:00Z'); // 23:59 on 14 July in Beijing: 5 whole months
    const noStage = await claim(claimant, programme.id, startup.id);
    expect(noStage.status).toBe(400);
    expect(noStage.body.errors[0].field).toBe('body.stage');
    const early = await claim(claimant, programme.id, startup.id, 1);
    expect(early.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'minOperatingMonths' });
    expect(early.body.detail).toContain('2026-07-15');
    useFixedClock('2026-07-14T16:00:00Z'); // 00:00 on 15 July in Beijing
    const first = await claim(claimant, programme.id, startup.id, 1);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ stage: 1, amountFen: 500_000, facts: { stageReachedOn: '2026-07-15' } });

    useFixedClock('2027-07-14T16:00:00Z'); // 15 July 2027: 18 months
    expect((await claim(claimant, programme.id, startup.id, 2)).body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'stageOrder' });
    expect((await verify(first.body.id)).status).toBe(200);
    useFixedClock('2027-07-14T15:59:00Z'); // the day before, in Beijing
    expect((await claim(claimant, programme.id, startup.id, 2)).body.rule).toBe('minOperatingMonths');
    useFixedClock('2027-07-14T16:00:00Z');
    const second = await claim(claimant, programme.id, startup.id, 2);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ stage: 2, amountFen: 1_000_000, facts: { stageReachedOn: '2027-07-15' } });
    // Each stage once: stage 1 again is the earlier claim.
    const again = await claim(claimant, programme.id, startup.id, 1);
    expect(again.body).toMatchObject({ code: 'ALREADY_CLAIMED', earlierClaimId: first.body.id, stage: 1 });
  });

  it('takes exactly one of 10 parallel claims of stage 2', async () => {
    const programme = await tiered();
    const { claimant, startup } = await founderWithBusiness('2026-01-15');
    useFixedClock('2027-08-01T02:00:00Z');
    const first = await claim(claimant, programme.id, startup.id, 1);
    expect((await verify(first.body.id)).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 10 }, () => claim(claimant, programme.id, startup.id, 2)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const mine = await call('GET', '/v1/claims?mine=true', { as: claimant.as });
    expect(mine.body.items.filter((c: { stage?: number }) => c.stage === 2)).toHaveLength(1);
  });

  it('refuses stage 2 once stage 1 is rejected, and a second business of another founder is paid on its own', async () => {
    const programme = await tiered();
    const { claimant, startup } = await founderWithBusiness('2026-01-15');
    useFixedClock('2027-08-01T02:00:00Z');
    const first = await claim(claimant, programme.id, startup.id, 1);
    const rejected = await call('POST', `/v1/claims/${first.body.id}/verification`, { as: officer, body: { decision: 'reject', notes: '材料不全' } });
    expect(rejected.status).toBe(200);
    expect((await claim(claimant, programme.id, startup.id, 2)).body.rule).toBe('stageOrder');
    const other = await founderWithBusiness('2026-01-15');
    expect((await claim(other.claimant, programme.id, other.startup.id, 1)).status).toBe(201);
  });

  it('takes a stage within 12 months of the day it is reached, and scales stage 2 with verified jobs up to its amount', async () => {
    const programme = await tiered({ perJobFen: 200_000, claimWithinMonthsOfEligible: 12 });
    const { claimant, startup } = await founderWithBusiness('2026-01-15');
    useFixedClock('2027-07-20T02:00:00Z');
    const first = await claim(claimant, programme.id, startup.id, 1);
    expect((await verify(first.body.id)).status).toBe(200);
    expect((await claim(claimant, programme.id, startup.id, 2)).body.rule).toBe('minJobsReported');
    const month = monthOf(now());
    const report = await call('POST', `/v1/startups/${startup.id}/job-reports`, {
      as: claimant.as,
      body: { month, employees: 3, collegeGraduatesEmployed: 1 },
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const checked = await call('POST', `/v1/startups/${startup.id}/job-reports/${month}/verification`, {
      as: officer,
      body: { evidenceReference: `社保参保清单 ${month}` },
    });
    expect(checked.status).toBe(200);
    useFixedClock('2028-07-15T16:00:00Z'); // 16 July 2028 in Beijing: past 12 months from 15 July 2027
    expect((await claim(claimant, programme.id, startup.id, 2)).body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'claimWithinMonthsOfEligible' });
    useFixedClock('2028-07-15T15:59:00Z'); // the last day
    const second = await claim(claimant, programme.id, startup.id, 2);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ amountFen: 600_000, facts: { jobsVerified: 3 } });
  });
});
