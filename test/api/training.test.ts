import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call } from '../support/api';
import { auditor, finance, idem, officer, ownBankAccount, programmeInput, registeredApplicant } from '../support/subsidies';

afterEach(() => useRealClock());

async function classOf(capacity: number, endsOn = '2026-03-20') {
  const institution = (
    await call('POST', '/v1/training/institutions', { as: officer, body: { name: '成都创业培训学校', listingReference: '川人社认字2025-017' } })
  ).body;
  const course = (await call('POST', '/v1/training/courses', { as: officer, body: { type: 'syb', title: 'SYB 创办你的企业', hours: 80 } })).body;
  const res = await call('POST', '/v1/training/classes', {
    as: officer,
    body: {
      courseId: course.id,
      institutionId: institution.id,
      startsOn: '2026-03-10',
      endsOn,
      venue: '天府新区创业服务中心 3 楼',
      capacity,
      approvalReference: '天府人社培2026-03',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; courseId: string; capacity: number };
}

describe('entrepreneurship training', () => {
  it('fills a class of 30 with exactly 30 of 100 parallel enrolments', async () => {
    const klass = await classOf(30);
    const people: Array<Awaited<ReturnType<typeof registeredApplicant>>> = [];
    for (let i = 0; i < 100; i += 20) people.push(...(await Promise.all(Array.from({ length: 20 }, () => registeredApplicant()))));
    const results = await Promise.all(people.map((p) => call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: p.as, body: {} })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(30);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(70);
    for (const r of refused) expect(r.body.code).toBe('CLASS_FULL');
    expect((await call('GET', `/v1/training/classes/${klass.id}`, { as: auditor })).body.enrolled).toBe(30);
    const listed = await call('GET', `/v1/training/classes/${klass.id}/enrolments?limit=100`, { as: auditor });
    expect(listed.body.items).toHaveLength(30);
  });

  it('enrols a person once per class; an applicant only themselves', async () => {
    const klass = await classOf(5);
    const a = await registeredApplicant();
    const b = await registeredApplicant();
    const both = await Promise.all([0, 1, 2].map(() => call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: a.as, body: {} })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const other = await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: a.as, body: { applicantId: b.applicantId } });
    expect(other.status).toBe(403);
    const byOfficer = await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: officer, body: { applicantId: b.applicantId } });
    expect(byOfficer.status).toBe(201);
    expect((await call('GET', `/v1/training/classes/${klass.id}`, { as: auditor })).body.enrolled).toBe(2);
  });

  it('completes a trainee with a unique certificate number, dated on or after the class ends', async () => {
    const klass = await classOf(5);
    const a = await registeredApplicant();
    const b = await registeredApplicant();
    for (const p of [a, b]) await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: p.as, body: {} });
    const early = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${a.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber: `SYB-${Date.now()}`, certifiedOn: '2026-03-19' },
    });
    expect(early.body.code).toBe('CERTIFIED_BEFORE_END');
    const number = `SYB-${Date.now()}`;
    const done = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${a.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber: number, certifiedOn: '2026-03-20' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', certificateNumber: number });
    const again = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${a.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber: `${number}X`, certifiedOn: '2026-03-21' },
    });
    expect(again.body.code).toBe('ALREADY_COMPLETED');
    const dup = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${b.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber: number, certifiedOn: '2026-03-20' },
    });
    expect(dup.body.code).toBe('CERTIFICATE_NUMBER_TAKEN');
    const own = await call('GET', '/v1/training/certificates', { as: a.as });
    expect(own.body.items).toEqual([expect.objectContaining({ courseType: 'syb', certificateNumber: number, certifiedOn: '2026-03-20' })]);
    expect((await call('GET', `/v1/training/certificates?applicantId=${b.applicantId}`, { as: a.as })).status).toBe(403);
    expect((await call('GET', `/v1/training/certificates?applicantId=${b.applicantId}`, { as: auditor })).body.items).toEqual([]);
  });

  it('pays a training subsidy, and a policy requiring a certificate, only to certificate holders', async () => {
    const klass = await classOf(5);
    const trained = await registeredApplicant();
    const untrained = await registeredApplicant();
    await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: trained.as, body: {} });
    const certificateNumber = `SYB-T-${Date.now()}`;
    await call('POST', `/v1/training/classes/${klass.id}/enrolments/${trained.applicantId}/completion`, {
      as: officer,
      body: { certificateNumber, certifiedOn: '2026-03-25' },
    });
    const training = await call('POST', '/v1/programmes', {
      as: finance,
      body: programmeInput({
        kind: 'training_subsidy',
        policy: `training_subsidy_syb_${Date.now()}`,
        name: 'SYB 培训补贴',
        amountRule: { type: 'fixed', amountFen: 100_000 },
        trainingSubsidy: { claimant: 'trainee', claimWithinMonthsOfCertificate: 60, courseTypes: ['syb'] },
      }),
    });
    expect(training.status, JSON.stringify(training.body)).toBe(201);
    const startupSubsidy = await call('POST', '/v1/programmes', {
      as: finance,
      body: programmeInput({ policy: `startup_trained_${Date.now()}`, eligibility: { requiresTrainingCertificate: true } }),
    });
    expect(startupSubsidy.status, JSON.stringify(startupSubsidy.body)).toBe(201);
    for (const programme of [training.body, startupSubsidy.body]) {
      const certificate = programme.kind === 'training_subsidy' ? { certificateNumber } : {};
      const refused = await call('POST', '/v1/claims', {
        as: untrained.as,
        headers: idem(),
        body: { programmeId: programme.id, bankAccount: ownBankAccount(), ...certificate },
      });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.rule).toBe('requiresTrainingCertificate');
      const paid = await call('POST', '/v1/claims', {
        as: trained.as,
        headers: idem(),
        body: { programmeId: programme.id, bankAccount: ownBankAccount(), ...certificate },
      });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    }
  });

  it('is run by officers', async () => {
    const a = await registeredApplicant();
    expect((await call('POST', '/v1/training/courses', { as: a.as, body: { type: 'gyb', title: 'GYB', hours: 20 } })).status).toBe(403);
    expect((await call('POST', '/v1/training/courses', { as: officer, body: { type: 'xyz', title: 'GYB', hours: 20 } })).status).toBe(400);
  });
});

describe('training in the report counters', () => {
  it('counts enrolments and completions (人次) by course type and by the trainee’s group, shown in the public figures', async () => {
    const klass = await classOf(10);
    const migrant = await registeredApplicant();
    const veterans = [await registeredApplicant({ category: 'veteran' }), await registeredApplicant({ category: 'veteran' })];
    // Enrolled in May 2031, certified in June 2031 (Beijing months), a year no other test touches.
    useFixedClock('2031-05-10T02:00:00.000Z');
    for (const p of [migrant, ...veterans])
      expect((await call('POST', `/v1/training/classes/${klass.id}/enrolments`, { as: p.as, body: {} })).status).toBe(201);
    for (const [i, p] of [migrant, ...veterans].entries()) {
      const done = await call('POST', `/v1/training/classes/${klass.id}/enrolments/${p.applicantId}/completion`, {
        as: officer,
        body: { certificateNumber: `SYB-2031-${String(i).padStart(4, '0')}-${klass.id.slice(-6)}`, certifiedOn: '2031-06-15' },
      });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    useRealClock();
    const summary = await call('GET', '/v1/reports/summary?from=2031-05&to=2031-06', { as: auditor });
    expect(summary.status, JSON.stringify(summary.body)).toBe(200);
    expect(summary.body.training).toEqual({
      enrolments: 3,
      completions: 3,
      enrolmentsByCourseType: { syb: 3 },
      completionsByCourseType: { syb: 3 },
      completionsByCourseTypeAndGroup: { syb: { returning_migrant_worker: 1, veteran: 2 } },
    });
    const june = await call('GET', '/v1/reports/summary?from=2031-06&to=2031-06', { as: auditor });
    expect(june.body.training).toMatchObject({ enrolments: 0, completions: 3 });
    const stats = await call('GET', '/v1/public/stats?year=2031', {});
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    expect(stats.body).toMatchObject({ trainingCompletions: 3, trainingCompletionsByCourseType: { syb: 3 } });
  });
});
