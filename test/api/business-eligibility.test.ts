import { afterEach, describe, expect, it } from 'vitest';
import { submitBusinessWrite } from '../../shared/businesses/repository';
import type { Business } from '../../shared/businesses/schema';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { transact } from '../../shared/db/write';
import { businessRecord } from '../support/businesses';
import { call } from '../support/api';
import { openProgramme, ownBankAccount, registeredApplicant, startupOf } from '../support/subsidies';

afterEach(() => useRealClock());

/** A founder whose startup has an active business registered on 15 January 2026. */
async function founderWithBusiness(overrides: Partial<Business> = {}) {
  const claimant = await registeredApplicant();
  const startup = await startupOf(claimant, { creditCode: undefined });
  await transact([submitBusinessWrite(businessRecord(startup.id, overrides), undefined)]);
  return { claimant, startup };
}

const claim = (claimant: { as: import('../support/api').As }, programmeId: string, startupId: string) =>
  call('POST', '/v1/claims', { as: claimant.as, body: { programmeId, startupId, bankAccount: ownBankAccount() } });

describe('policies that read the verified business', () => {
  it('takes a claim from the 6th month since registration, and from the 18th for a programme that asks 18 (Beijing days)', async () => {
    const first = await openProgramme({ name: '一次性创业补贴（6 个月）', eligibility: { minOperatingMonths: 6 } });
    // A separate policy here; one policy in two stages is test/api/tiered-subsidy.test.ts.
    const second = await openProgramme({ name: '创业补贴（18 个月）', policy: 'startup_subsidy_18_months', eligibility: { minOperatingMonths: 18 } });
    const { claimant, startup } = await founderWithBusiness();
    useFixedClock('2026-07-14T15:59:00Z'); // 23:59 on 14 July in Beijing: 5 whole months
    const early = await claim(claimant, first.id, startup.id);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'NOT_ELIGIBLE', rule: 'minOperatingMonths' });
    useFixedClock('2026-07-14T16:00:00Z'); // 15 July in Beijing
    expect((await claim(claimant, first.id, startup.id)).status).toBe(201);
    useFixedClock('2027-07-14T15:59:00Z');
    expect((await claim(claimant, second.id, startup.id)).body.rule).toBe('minOperatingMonths');
    useFixedClock('2027-07-14T16:00:00Z');
    expect((await claim(claimant, second.id, startup.id)).status).toBe(201);
  });

  it('refuses a business that is not verified and active, and a claim after the deadline from registration', async () => {
    const programme = await openProgramme({ eligibility: { minOperatingMonths: 0, claimWithinMonthsOfRegistration: 36 } });
    const submitted = await founderWithBusiness({ status: 'submitted' });
    expect((await claim(submitted.claimant, programme.id, submitted.startup.id)).body.rule).toBe('activeBusiness');
    const { claimant, startup } = await founderWithBusiness();
    useFixedClock('2029-01-15T16:00:00Z'); // 16 January 2029 in Beijing: past 36 months
    expect((await claim(claimant, programme.id, startup.id)).body.rule).toBe('claimWithinMonthsOfRegistration');
    useFixedClock('2029-01-15T15:59:00Z'); // the last day
    expect((await claim(claimant, programme.id, startup.id)).status).toBe(201);
  });

  it('pays a first-business policy only to a first-time founder, and reads minimums from verified facts only', async () => {
    const firstOnly = await openProgramme({ eligibility: { requiresFirstTimeFounder: true } });
    const second = await founderWithBusiness({ firstTimeFounder: false });
    expect((await claim(second.claimant, firstOnly.id, second.startup.id)).body.rule).toBe('requiresFirstTimeFounder');
    const insured = await openProgramme({ eligibility: { minFounderSocialInsuranceMonths: 6 } });
    const { claimant, startup } = await founderWithBusiness();
    const refused = await claim(claimant, insured.id, startup.id);
    expect(refused.body).toMatchObject({ rule: 'minFounderSocialInsuranceMonths' });
    expect(refused.body.detail).toContain('verified: 0');
  });
});
