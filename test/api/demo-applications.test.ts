import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedStaff } from '../../infra/local/demo/staff';
import { demoStartupIds, demoStartups, seedApplications } from '../../infra/local/demo/applications';
import { call } from '../support/api';

describe('demo applications', () => {
  it('loads applications in every status and incubating startups with job reports', async () => {
    await seedStaff();
    await seedApplicants();
    await seedApplications();
    const officer = { role: 'officer' as const, sub: 'demo-officer' };
    for (const status of ['submitted', 'under_review', 'approved', 'rejected', 'withdrawn']) {
      const queue = await call('GET', `/v1/applications?status=${status}`, { as: officer });
      expect(queue.body.items.length, status).toBeGreaterThan(0);
    }
    const drafts = await call('GET', '/v1/applications?mine=true', { as: { role: 'applicant', sub: 'demo-applicant-6' } });
    expect(drafts.body.items.map((a: { status: string }) => a.status).sort()).toEqual(['draft', 'withdrawn']);
    const mine = await call('GET', '/v1/applications?mine=true', { as: { role: 'applicant', sub: 'demo-applicant' } });
    expect(mine.body.items.map((a: { status: string }) => a.status)).toEqual(['submitted']);

    expect(await demoStartupIds('incubating')).toHaveLength(2);
    expect(await demoStartupIds('approved')).toHaveLength(1);
    for (const startup of await demoStartups('incubating')) {
      const reports = await call('GET', `/v1/startups/${startup.id}/job-reports`, { as: { role: 'applicant', sub: startup.founderUserId } });
      expect(reports.body.items.length).toBeGreaterThanOrEqual(3);
    }
    const reviewing = await call('GET', '/v1/review-assignments', { as: { role: 'mentor', sub: 'demo-mentor' } });
    expect(reviewing.body.items.length).toBeGreaterThan(0);
  });
});
