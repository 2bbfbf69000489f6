import { expect } from 'vitest';
import { call, type As } from './api';
import { officer } from './subsidies';

let serial = 0;

/**
 * A listed institution's class of `type` ending on `endsOn`, the trainee enrolled and certified on
 * `certifiedOn`: the certificate's number and the institution.
 */
export async function certifiedTrainee(
  trainee: { as: As; applicantId: string },
  { type, endsOn, certifiedOn, institutionName = '天府创业培训学校' }: { type: string; endsOn: string; certifiedOn: string; institutionName?: string },
): Promise<{ certificateNumber: string; institution: { id: string; name: string } }> {
  const institution = (
    await call('POST', '/v1/training/institutions', { as: officer, body: { name: institutionName, listingReference: '川人社认字2025-021' } })
  ).body;
  const course = (await call('POST', '/v1/training/courses', { as: officer, body: { type, title: `${type.toUpperCase()} 培训`, hours: 40 } })).body;
  const klass = await call('POST', '/v1/training/classes', {
    as: officer,
    body: {
      courseId: course.id,
      institutionId: institution.id,
      startsOn: endsOn,
      endsOn,
      venue: '天府新区创业服务中心 2 楼',
      capacity: 10,
      approvalReference: '天府人社培2026-05',
    },
  });
  expect(klass.status, JSON.stringify(klass.body)).toBe(201);
  expect((await call('POST', `/v1/training/classes/${klass.body.id}/enrolments`, { as: trainee.as, body: {} })).status).toBe(201);
  serial += 1;
  const certificateNumber = `TS-${Date.now()}-${process.pid}-${serial}`;
  const done = await call('POST', `/v1/training/classes/${klass.body.id}/enrolments/${trainee.applicantId}/completion`, {
    as: officer,
    body: { certificateNumber, certifiedOn },
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { certificateNumber, institution };
}
