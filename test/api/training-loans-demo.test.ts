import { describe, expect, it } from 'vitest';
import { findApplicantOfUser } from '../../shared/applicants/service';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedLoans } from '../../infra/local/demo/loans';
import { seedTraining } from '../../infra/local/demo/training';
import { call } from '../support/api';
import { auditor } from '../support/subsidies';

describe('training and loan demo data', () => {
  it('loads certified trainees, an issued loan repaying and an application waiting for certification', async () => {
    await seedApplicants();
    await seedTraining();
    await seedLoans();

    const trainee = (await findApplicantOfUser('demo-applicant-2'))!;
    const certificates = await call('GET', `/v1/training/certificates?applicantId=${trainee.id}`, { as: auditor });
    expect(certificates.body.items).toEqual([expect.objectContaining({ courseType: 'syb' })]);
    const courses = await call('GET', '/v1/training/courses', { as: auditor });
    expect(courses.body.items.map((c: { type: string }) => c.type).sort()).toEqual(['gyb', 'syb']);

    const issued = await call('GET', '/v1/loan-applications?status=issued', { as: auditor });
    expect(issued.body.items).toHaveLength(1);
    expect(issued.body.items[0]).toMatchObject({ applicantId: trainee.id, interestPaidFen: 115_000, loan: { principalFen: 20_000_000 } });
    const waiting = await call('GET', '/v1/loan-applications?status=submitted', { as: auditor });
    expect(waiting.body.items).toHaveLength(1);
  });
});
