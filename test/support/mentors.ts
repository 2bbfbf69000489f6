import { startupRecord } from './startup-record';
import { commit } from '../../shared/audit/service';
import { dayOf, now } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import { newId } from '../../shared/ids';
import type { Sector } from '../../shared/sectors';
import { moveStartup } from '../../shared/startups/lifecycle';
import { getStartup } from '../../shared/startups/repository';
import type { Startup, StartupStatus } from '../../shared/startups/schema';
import { call, uniqueSub, type As } from './api';
import { inStaffDirectory } from './staff';

export const officer: As = { role: 'officer', sub: 'officer-mentors' };
export const auditor: As = { role: 'auditor', sub: 'auditor-mentors' };

/**
 * Test arrangement: a startup written straight to the table, as an approved application would
 * leave it. Race tests need dozens of startups, and the mentoring rules only need the record to
 * exist; `approvedStartup()` (test/support/startups.ts) makes one through the API when the whole
 * path matters.
 */
export async function testStartup(overrides: Partial<Startup> = {}): Promise<Startup> {
  return startupRecord(overrides);
}

/** Moves a startup through its state machine as the applications module would, events included. */
export async function moveTestStartup(id: string, to: StartupStatus): Promise<Startup> {
  const startup = (await getStartup(id))!;
  const ctx: Ctx = { actor: { kind: 'user', sub: officer.sub!, roles: ['officer'] }, role: 'officer', requestId: newId('req'), now: new Date() };
  const { writes, after } = moveStartup(ctx, startup, to, to === 'graduated' ? { leftAt: ctx.now.toISOString() } : {});
  await commit(ctx, writes);
  return after;
}

export const founderOf = (startup: Pick<Startup, 'founderUserId'>): As => ({ role: 'applicant', sub: startup.founderUserId });

export interface TestMentor {
  id: string;
  userId: string;
  as: As;
  etag: string;
  body: Record<string, unknown>;
}

/** A mentor profile made by an officer through the API. */
export async function testMentor(overrides: { sectors?: Sector[]; maxMentees?: number; name?: string } = {}): Promise<TestMentor> {
  const userId = uniqueSub('mentor');
  const res = await call('POST', '/v1/mentors', {
    as: officer,
    body: { userId, name: '导师', organisation: '天府创业服务中心', sectors: ['it_services'], expertise: ['融资'], ...overrides },
  });
  if (res.status !== 201) throw new Error(`mentor not created: ${res.status} ${JSON.stringify(res.body)}`);
  // The mentor has signed in and recorded their name: officers can choose them as a reviewer or judge.
  await inStaffDirectory({ role: 'mentor', sub: userId }, overrides.name ?? '导师');
  return { id: res.body.id, userId, as: { role: 'mentor', sub: userId }, etag: res.headers.get('etag')!, body: res.body };
}

export async function assign(mentorId: string, startupId: string) {
  return call('POST', '/v1/assignments', { as: officer, body: { mentorId, startupId } });
}

/** An active assignment of a fresh mentor to a fresh startup. */
export async function testAssignment(options: { mentor?: TestMentor; startup?: Startup } = {}) {
  const mentor = options.mentor ?? (await testMentor());
  const startup = options.startup ?? (await testStartup());
  const res = await assign(mentor.id, startup.id);
  if (res.status !== 201) throw new Error(`not assigned: ${res.status} ${JSON.stringify(res.body)}`);
  return { mentor, startup, assignment: res.body as { id: string; startDate: string } };
}

export function sessionInput(overrides: Record<string, unknown> = {}) {
  return { date: dayOf(now()), minutes: 60, mode: 'in_person', topics: ['商业计划'], notes: '讨论了融资计划。', followUps: ['完善财务预测'], ...overrides };
}
