import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedPolicy } from '../../infra/local/demo/policy';
import { seedStaff } from '../../infra/local/demo/staff';
import { isReviewOverdue } from '../../shared/startups';
import { dayOf, now } from '../../shared/clock';
import { call } from '../support/api';
import { auditor } from '../support/subsidies';

describe('the policy demo data', () => {
  it('loads a business registered mid-incubation, a tiered claim at each stage and a review overdue', async () => {
    await seedStaff();
    await seedApplicants();
    await seedPolicy();
    const founder = { role: 'applicant' as const, sub: 'demo-applicant-3' };
    const claims = await call('GET', '/v1/claims?mine=true', { as: founder });
    const staged = claims.body.items.filter((c: { stage?: number }) => c.stage !== undefined);
    expect(staged.map((c: { stage: number; status: string }) => [c.stage, c.status]).sort()).toEqual([
      [1, 'verified'],
      [2, 'submitted'],
    ]);
    const startup = await call('GET', `/v1/startups/${staged[0].startupId}`, { as: auditor });
    expect(startup.body.creditCode).toMatch(/^92510100MA6CDEM03/);
    expect(startup.body.incubationStart < staged[0].facts.stageReachedOn).toBe(true);
    const business = await call('GET', `/v1/startups/${startup.body.id}/business`, { as: auditor });
    expect(business.body).toMatchObject({ status: 'active' });
    expect(business.body.registeredOn > startup.body.incubationStart).toBe(true);
    expect(isReviewOverdue(startup.body, dayOf(now()))).toBe(true);
  });
});
