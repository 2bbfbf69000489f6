import { findApplicantOfUser } from '../../../shared/applicants';
import { now } from '../../../shared/clock';
import type { Ctx } from '../../../shared/context';
import { commitBookkeeping } from '../../../shared/audit';
import { newId } from '../../../shared/ids';
import { hasMentored } from '../../../shared/mentors';
import { assignJudge, createEntry, publishResults, submitScore } from '../../../shared/programme-events';
import { checkIn, registerForEvent } from '../../../shared/programme-events';
import { createEvent, moveEvent } from '../../../shared/programme-events';
import { createStartupWrite, listStartupsByStatus } from '../../../shared/startups';
import type { Startup } from '../../../shared/startups';
import type { SubmitScore } from '../../../shared/programme-events';
import { demoCtx } from './actors';

const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(now().getTime() + days * DAY);
/** A demo user acting at another moment, so past events go through the same rules as live ones. */
const actingAt = (ctx: Ctx, when: Date): Ctx => ({ ...ctx, now: when });

const FOUNDERS: Array<{ sub: string; name: string }> = [
  { sub: 'demo-applicant-2', name: '巧手家政服务' },
  { sub: 'demo-applicant-3', name: '蓉城文旅数字导览' },
  { sub: 'demo-applicant-5', name: '天府智农科技' },
];

/**
 * Startups to enter the roadshow: those the applications demo approved, or, when that part is not
 * loaded, three written directly for the demo (a startup is normally born from an approved application).
 */
async function demoStartups(): Promise<Startup[]> {
  const found = [...(await listStartupsByStatus('incubating', { limit: 3 })).items, ...(await listStartupsByStatus('approved', { limit: 3 })).items].slice(
    0,
    3,
  );
  if (found.length >= 2) return found;
  const created: Startup[] = [];
  for (const founder of FOUNDERS) {
    const applicant = await findApplicantOfUser(founder.sub);
    const today = now().toISOString();
    const startup: Startup = {
      id: newId('stp'),
      applicationId: newId('app'),
      founderApplicantId: applicant?.id ?? newId('apl'),
      founderUserId: founder.sub,
      name: founder.name,
      sector: 'other',
      status: 'incubating',
      space: { kind: 'desk', count: 1 },
      plannedJobs: 3,
      incubationStart: at(-120).toISOString().slice(0, 10),
      incubationEnd: at(610).toISOString().slice(0, 10),
      createdAt: today,
      updatedAt: today,
      version: 1,
    };
    await commitBookkeeping([createStartupWrite(startup)], { bookkeeping: 'a demo startup written as it would be after its application' });
    created.push(startup);
  }
  return created;
}

const MARKS: SubmitScore[] = [
  { innovation: 8, market: 7, team: 8, execution: 7, socialImpact: 9, comment: '模式清晰，带动就业效果好。' },
  { innovation: 7, market: 8, team: 7, execution: 8, socialImpact: 7 },
  { innovation: 9, market: 6, team: 7, execution: 6, socialImpact: 8 },
];

/** A roadshow held a month ago, results published, and a salon next week with one seat left. */
export async function seedEvents(): Promise<void> {
  const officer = demoCtx('officer');
  const mentor = demoCtx('mentor');
  const secondOfficer = demoCtx('officer', 'demo-officer-2');

  // ---- the past roadshow
  const planned = actingAt(officer, at(-45));
  const roadshow = await createEvent(planned, {
    kind: 'roadshow',
    title: '天府新区创业项目路演（秋季场）',
    description: '孵化项目向投资机构与专家评委路演，评委按创新、市场、团队、执行、社会效益五项打分。',
    startsAt: at(-30).toISOString(),
    endsAt: new Date(at(-30).getTime() + 4 * 3600 * 1000).toISOString(),
    venue: '天府新区创业服务中心 路演厅',
    capacity: 80,
    registrationDeadline: at(-32).toISOString(),
  });
  await moveEvent(planned, roadshow.id, 'published');
  const registrations = [];
  for (const sub of ['demo-applicant', 'demo-applicant-4', 'demo-applicant-6']) {
    registrations.push(await registerForEvent(actingAt(demoCtx('applicant', sub), at(-40)), roadshow.id, {}));
  }
  const startups = await demoStartups();
  const entries = [];
  for (const startup of startups) {
    entries.push(
      await createEntry(actingAt(officer, at(-38)), roadshow.id, {
        startupId: startup.id,
        pitchTitle: `${startup.name}：项目路演`,
        summary: '项目介绍、市场分析与下一步计划。',
      }),
    );
  }
  for (const judge of [officer, mentor, secondOfficer]) await assignJudge(actingAt(officer, at(-37)), roadshow.id, judge.actor.sub);
  await moveEvent(actingAt(officer, at(-31)), roadshow.id, 'closed');
  for (const registration of registrations.slice(0, 2)) await checkIn(actingAt(officer, at(-30)), roadshow.id, registration.id);
  for (const [i, entry] of entries.entries()) {
    for (const [j, judge] of [officer, mentor, secondOfficer].entries()) {
      // A mentor never scores a startup they mentor; the two officers give every entry its two scores.
      if (judge === mentor && (await hasMentored(judge.actor.sub, entry.startupId))) continue;
      await submitScore(actingAt(judge, at(-30)), roadshow.id, entry.id, MARKS[(i + j) % MARKS.length]!);
    }
  }
  await publishResults(actingAt(officer, at(-29)), roadshow.id);
  await moveEvent(actingAt(officer, at(-29)), roadshow.id, 'completed');

  // ---- the upcoming salon, one seat left (for demo-applicant to take)
  const salon = await createEvent(officer, {
    kind: 'salon',
    title: '返乡创业沙龙：从想法到第一笔订单',
    description: '返乡创业者分享经验，创业导师现场答疑。',
    startsAt: at(7).toISOString(),
    endsAt: new Date(at(7).getTime() + 2 * 3600 * 1000).toISOString(),
    venue: '天府新区青年创业社区 一楼共享空间',
    capacity: 6,
    registrationDeadline: at(6).toISOString(),
  });
  await moveEvent(officer, salon.id, 'published');
  for (const sub of ['demo-applicant-2', 'demo-applicant-3', 'demo-applicant-4', 'demo-applicant-5', 'demo-applicant-6']) {
    await registerForEvent(demoCtx('applicant', sub), salon.id, {});
  }
}
