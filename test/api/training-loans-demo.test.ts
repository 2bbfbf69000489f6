import { describe, expect, it } from 'vitest';
import { findApplicantOfUser } from '../../shared/applicants/service';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedLoans } from '../../infra/local/demo/loans';
import { seedTraining } from '../../infra/local/demo/training';
import { call } from '../support/api';
import { auditor } from '../support/subsidies';

describe('training and loan demo data', () => {
  it('loads certified trainees and their training-subsidy claims, an issued loan repaying with its quarter settled with the bank, and an application waiting for certification', async () => {
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

    const programmes = (await call('GET', '/v1/programmes?limit=100', { as: auditor })).body.items as Array<{ id: string; kind: string; name: string }>;
    const claimsOf = async (kind: string, name: string) => {
      const programme = programmes.find((p) => p.kind === kind && p.name.includes(name));
      expect(programme, `${kind} ${name}`).toBeDefined();
      return (await call('GET', `/v1/claims?programmeId=${programme!.id}&status=submitted`, { as: auditor })).body.items;
    };
    // The training subsidies: the trainee's own claim, and the institution's entered by an officer.
    expect(await claimsOf('training_subsidy', '学员申领')).toEqual([
      expect.objectContaining({ applicantId: trainee.id, facts: expect.objectContaining({ courseType: 'syb', paidTo: 'trainee' }) }),
    ]);
    expect(await claimsOf('training_subsidy', '机构申领')).toEqual([
      expect.objectContaining({
        facts: expect.objectContaining({ paidTo: 'institution', institutionName: '成都天府新区职业技能培训学校' }),
        bankAccount: expect.objectContaining({ accountName: '成都天府新区职业技能培训学校' }),
      }),
    ]);
    // The bank's quarterly interest settlement: one claim for the issued loan, half the quarter's interest, paid to the bank.
    expect(await claimsOf('loan_interest_subsidy', '贴息')).toEqual([
      expect.objectContaining({
        applicantId: trainee.id,
        amountFen: 86_250,
        bankSettlement: expect.objectContaining({ applicationId: issued.body.items[0].id }),
        bankAccount: expect.objectContaining({ accountName: '成都农村商业银行股份有限公司' }),
      }),
    ]);
  });
});
