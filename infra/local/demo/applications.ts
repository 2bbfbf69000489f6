import type { CreateApplication } from '../../../shared/applications';
import { assignReviewer, decideApplication, scoreApplication } from '../../../shared/applications';
import { createApplication, submitApplication, withdrawApplication } from '../../../shared/applications';
import { now } from '../../../shared/clock';
import { listStartupsOfFounder } from '../../../shared/startups';
import type { Startup, StartupStatus } from '../../../shared/startups';
import { startIncubation } from '../../../shared/startups';
import { fileJobReport, verifyJobReport } from '../../../shared/startups';
import { seatsHeldIn } from '../../../shared/spaces';
import { at, demoCtx } from './actors';

const officer = 'demo-officer';
const mentor = 'demo-mentor';

/** The demo founders whose applications were approved; their startups are what other modules' demo data hangs from. */
export const DEMO_FOUNDERS = ['demo-applicant-2', 'demo-applicant-3', 'demo-applicant-4'] as const;

/** The demo startups (optionally of one status), read through the founder index. */
export async function demoStartups(status?: StartupStatus): Promise<Startup[]> {
  const all = [];
  for (const founder of DEMO_FOUNDERS) all.push(...(await listStartupsOfFounder(founder, { limit: 100 })).items);
  return status ? all.filter((s) => s.status === status) : all;
}

export async function demoStartupIds(status?: StartupStatus): Promise<string[]> {
  return (await demoStartups(status)).map((s) => s.id);
}

const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const monthStart = (date: Date, plusMonths: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + plusMonths, 1, 2));

function project(name: string, sector: CreateApplication['sector'], overrides: Partial<CreateApplication> = {}): CreateApplication {
  return {
    projectName: name,
    summary: `${name}：面向天府新区居民与企业的创业项目。`,
    sector,
    team: [
      { name: '创始人', role: 'founder', isCollegeGraduate: true },
      { name: '合伙人', role: 'operations', isCollegeGraduate: false },
    ],
    plannedJobs: 6,
    space: { kind: 'desk', count: 2 },
    businessPlan: '第一年服务 300 户客户，第十四个月实现盈亏平衡，两年内带动就业 10 人。',
    ...overrides,
  };
}

/** Creates, submits and (with `review`) has the demo officer and mentor assign themselves and score. */
async function applyAt(sub: string, when: Date, input: CreateApplication, review: 0 | 1 | 2) {
  const applicant = at(demoCtx('applicant', sub), when);
  const application = await createApplication(applicant, input);
  await submitApplication(at(applicant, daysAfter(when, 1)), application.id);
  const reviewers = [officer, mentor].slice(0, review);
  for (const reviewer of reviewers) await assignReviewer(at(demoCtx('officer', officer), daysAfter(when, 3)), application.id, reviewer);
  for (const [i, reviewer] of reviewers.entries()) {
    const role = reviewer === officer ? 'officer' : 'mentor';
    await scoreApplication(at(demoCtx(role, reviewer), daysAfter(when, 5)), application.id, {
      innovation: 7 + i,
      feasibility: 8,
      team: 7,
      jobCreation: 8 - i,
      socialValue: 9,
      comment: reviewer === officer ? '方案扎实，带动就业明确。' : '团队互补，建议加强市场调研。',
    });
  }
  return application;
}

/** Approves, starts incubation and files a job report for every full month since. */
async function incubatingStartup(sub: string, since: Date, input: CreateApplication, staff: number) {
  const application = await applyAt(sub, since, input, 2);
  const decided = await decideApplication(at(demoCtx('officer', officer), daysAfter(since, 7)), application.id, {
    decision: 'approve',
    reason: '评审平均分达标，同意入孵。',
  });
  const started = daysAfter(since, 10);
  await startIncubation(at(demoCtx('officer', officer), started), decided.startupId!);
  const founder = demoCtx('applicant', sub);
  for (let m = 0; monthStart(started, m + 1) <= founder.now; m++) {
    const month = monthStart(started, m).toISOString().slice(0, 7);
    const employees = staff + m;
    const filedAt = daysAfter(monthStart(started, m + 1), 2);
    await fileJobReport(
      at(founder, filedAt),
      decided.startupId!,
      {
        month,
        employees,
        collegeGraduatesEmployed: Math.ceil(employees / 2),
        revenueFen: 800_000 * (m + 1),
      },
      seatsHeldIn,
    );
    // An officer checks each report against the social-insurance list a few days later; the latest
    // one is still waiting, so the demo shows both states (only verified reports count in figures).
    const checkedAt = daysAfter(filedAt, 5);
    if (checkedAt <= founder.now && monthStart(started, m + 2) <= founder.now) {
      await verifyJobReport(at(demoCtx('officer', officer), checkedAt), decided.startupId!, month, { evidenceReference: `社保参保人员清单 ${month}` });
    }
  }
}

/**
 * Applications in every status and a few startups, made through the services as users would:
 * demo-applicant has a submitted application; demo-applicant-2 and -3 run incubating startups with
 * monthly job reports; demo-applicant-4's startup is approved and waiting for space; demo-applicant-5
 * was rejected once and is under review again; demo-applicant-6 withdrew and keeps a draft.
 */
export async function seedApplications(): Promise<void> {
  const today = now();
  const sixMonthsAgo = monthStart(today, -6);
  const lastMonth = monthStart(today, -1);

  await incubatingStartup('demo-applicant-2', sixMonthsAgo, project('川味农产品电商', 'modern_agriculture', { plannedJobs: 8 }), 3);
  await incubatingStartup(
    'demo-applicant-3',
    monthStart(today, -4),
    project('社区居家养老服务', 'elderly_care_home_services', { space: { kind: 'office', count: 1 } }),
    4,
  );

  const approved = await applyAt('demo-applicant-4', lastMonth, project('会展数字化服务', 'exhibition_services'), 2);
  await decideApplication(at(demoCtx('officer', officer), daysAfter(lastMonth, 7)), approved.id, { decision: 'approve', reason: '项目成熟，同意入孵。' });

  const rejected = await applyAt('demo-applicant-5', monthStart(today, -3), project('校园二手交易平台', 'it_services'), 2);
  await decideApplication(at(demoCtx('officer', officer), daysAfter(monthStart(today, -3), 7)), rejected.id, {
    decision: 'reject',
    reason: '市场同质化严重，建议完善商业模式后再申请。',
  });
  await applyAt('demo-applicant-5', daysAfter(lastMonth, 10), project('高校就业数据服务', 'it_services'), 1);

  const withdrawn = await applyAt('demo-applicant-6', monthStart(today, -2), project('乡村民宿运营', 'culture_tourism'), 0);
  await withdrawApplication(at(demoCtx('applicant', 'demo-applicant-6'), daysAfter(monthStart(today, -2), 4)), withdrawn.id);
  await createApplication(demoCtx('applicant', 'demo-applicant-6'), { projectName: '乡村研学旅行', sector: 'culture_tourism' });

  const mine = await createApplication(demoCtx('applicant', 'demo-applicant'), project('AI 简历诊断工具', 'it_services', { plannedJobs: 4 }));
  await submitApplication(demoCtx('applicant', 'demo-applicant'), mine.id);
}
