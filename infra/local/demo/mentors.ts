import { now } from '../../../shared/clock';
import { assignMentor } from '../../../shared/mentors';
import { createMentor } from '../../../shared/mentors';
import { confirmSession, logSession } from '../../../shared/mentors';
import type { CreateMentor } from '../../../shared/mentors';
import { at, demoCtx } from './actors';
import { demoStartups } from './applications';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The mentor team; `demo-mentor` (the demo mentor token) is the first. */
export const DEMO_MENTORS: Array<CreateMentor> = [
  {
    userId: 'demo-mentor',
    name: '周建国',
    organisation: '天府新区创业服务中心',
    sectors: ['it_services', 'modern_agriculture', 'exhibition_services'],
    expertise: ['商业模式', '融资'],
    bio: '二十年软件企业管理经验。',
    maxMentees: 5,
  },
  {
    userId: 'demo-mentor-2',
    name: '林晓燕',
    organisation: '四川大学创新创业学院',
    sectors: ['it_services', 'exhibition_services'],
    expertise: ['产品设计', '市场营销'],
    bio: '',
    maxMentees: 4,
  },
  {
    userId: 'demo-mentor-3',
    name: '何志强',
    organisation: '成都会展服务有限公司',
    sectors: ['exhibition_services', 'culture_tourism'],
    expertise: ['会展策划', '渠道'],
    bio: '',
    maxMentees: 5,
  },
  {
    userId: 'demo-mentor-4',
    name: '苏雅琴',
    organisation: '天府文旅发展公司',
    sectors: ['culture_tourism'],
    expertise: ['民宿运营', '品牌'],
    bio: '',
    maxMentees: 3,
  },
  {
    userId: 'demo-mentor-5',
    name: '马德华',
    organisation: '社区居家养老服务协会',
    sectors: ['elderly_care_home_services'],
    expertise: ['服务标准', '人员培训'],
    bio: '',
    maxMentees: 5,
  },
  {
    userId: 'demo-mentor-6',
    name: '杨丽',
    organisation: '现代农业科技园',
    sectors: ['modern_agriculture'],
    expertise: ['种植技术', '电商销售'],
    bio: '',
    maxMentees: 6,
  },
  {
    userId: 'demo-mentor-7',
    name: '郑凯',
    organisation: '蜀信律师事务所',
    sectors: ['other', 'it_services'],
    expertise: ['公司法务', '知识产权'],
    bio: '',
    maxMentees: 8,
  },
  {
    userId: 'demo-mentor-8',
    name: '黄敏',
    organisation: '锦城会计师事务所',
    sectors: ['modern_agriculture', 'elderly_care_home_services'],
    expertise: ['财务', '税务'],
    bio: '',
    maxMentees: 5,
  },
];

/** Who mentors which demo startup (from the applications demo), by the founder's login. */
const DEMO_MENTORING: Record<string, string[]> = {
  'demo-applicant-2': ['demo-mentor-6', 'demo-mentor'],
  'demo-applicant-3': ['demo-mentor-5', 'demo-mentor-8'],
  'demo-applicant-4': ['demo-mentor-3', 'demo-mentor'],
};

/** 8 mentors, their assignments to the demo startups, and a month of weekly sessions, most older ones confirmed. */
export async function seedMentors(): Promise<void> {
  const today = now();
  const started = new Date(today.getTime() - 35 * DAY_MS);
  const officer = at(demoCtx('officer'), started);
  const mentorIds = new Map<string, string>();
  for (const input of DEMO_MENTORS) mentorIds.set(input.userId, (await createMentor(officer, input)).id);

  let n = 0;
  for (const startup of await demoStartups()) {
    // Assigned a month ago, or when the startup was approved if that was later.
    const since = new Date(Math.max(started.getTime(), Date.parse(startup.createdAt) + DAY_MS));
    for (const mentorUserId of DEMO_MENTORING[startup.founderUserId] ?? []) {
      const assignment = await assignMentor(at(officer, since), { mentorId: mentorIds.get(mentorUserId)!, startupId: startup.id });
      for (const daysAgo of [28, 21, 14, 7, 2]) {
        if (today.getTime() - daysAgo * DAY_MS < since.getTime()) continue;
        n += 1;
        const day = new Date(today.getTime() - daysAgo * DAY_MS);
        const evening = new Date(`${day.toISOString().slice(0, 10)}T10:00:00Z`);
        const session = await logSession(at(demoCtx('mentor', mentorUserId), evening), assignment.id, {
          date: evening.toISOString().slice(0, 10),
          minutes: [45, 60, 90, 120][n % 4]!,
          mode: (['in_person', 'online', 'phone'] as const)[n % 3]!,
          topics: [['商业计划'], ['融资', '财务'], ['市场推广'], ['团队建设'], ['政策申报']][n % 5]!,
          notes: '梳理了当前进展和下一步计划。',
          followUps: n % 2 === 0 ? ['下周提交修改后的计划书'] : [],
        });
        // Founders confirm most sessions older than a week; a few stay unconfirmed.
        if (daysAgo >= 7 && n % 4 !== 0) {
          await confirmSession(at(demoCtx('applicant', startup.founderUserId), new Date(evening.getTime() + DAY_MS)), session.id, {
            rating: [5, 4, 5, 3][n % 4]!,
            comment: '很有帮助',
          });
        }
      }
    }
  }
}
