import { defineEntity } from '../db/entity';
import type { Assignment, Mentor, Session } from './schema';

/**
 * Every key of the mentoring aggregate (mentors, assignments, sessions, their counters) is built
 * here and nowhere else. Partitions:
 * - `MENTOR#<id>`: the profile (`PROFILE`), one item per sector it covers (`SECTOR#<sector>`, on gsi1
 *   in `MENTORS_BY_SECTOR#<sector>`: the sector index suggestions read), and the per-day minutes
 *   counters (`DAY#<YYYY-MM-DD>`) that cap a mentor's logged hours.
 * - `MENTORED#<mentor login>` / `STARTUP#<id>`: the pair item. It holds `activeAssignmentId` while the
 *   pair is assigned (no duplicate active pair) and stays after the assignment ends, so "has this
 *   mentor ever mentored that startup" is one GetItem.
 * - `STARTUP#<id>` / `MENTORS`: the startup's count of current mentors (at most 3) and the sets of
 *   their assignment and mentor ids.
 * - `MENTOR_STATS#<id>`: per month (`YYYY-MM`) totals and one marker per month and startup
 *   (`YYYY-MM#<startupId>`), so a mentor's report is one bounded Query over a range of months.
 */
export const mentorKeys = {
  profile: (id: string) => ({ pk: `MENTOR#${id}`, sk: 'PROFILE' }),
  sector: (id: string, sector: string) => ({ pk: `MENTOR#${id}`, sk: `SECTOR#${sector}` }),
  day: (mentorId: string, day: string) => ({ pk: `MENTOR#${mentorId}`, sk: `DAY#${day}` }),
  /** One mentor profile per login. */
  login: (sub: string) => ({ pk: `MENTOR_USER#${sub}`, sk: 'MENTOR' }),
  all: () => 'MENTORS',
  active: () => 'MENTORS_ACTIVE',
  bySector: (sector: string) => `MENTORS_BY_SECTOR#${sector}`,

  pair: (mentorUserId: string, startupId: string) => ({ pk: `MENTORED#${mentorUserId}`, sk: `STARTUP#${startupId}` }),
  startupMentors: (startupId: string) => ({ pk: `STARTUP#${startupId}`, sk: 'MENTORS' }),

  assignment: (id: string) => ({ pk: `ASSIGNMENT#${id}`, sk: 'ASSIGNMENT' }),
  assignmentsOfMentor: (mentorId: string) => `MENTOR_ASSIGNMENTS#${mentorId}`,
  assignmentsOfStartup: (startupId: string) => `STARTUP_ASSIGNMENTS#${startupId}`,

  session: (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  sessionsOfMentor: (mentorId: string) => `MENTOR_SESSIONS#${mentorId}`,
  sessionsOfStartup: (startupId: string) => `STARTUP_SESSIONS#${startupId}`,

  stats: (mentorId: string) => `MENTOR_STATS#${mentorId}`,
  monthStats: (mentorId: string, month: string) => ({ pk: `MENTOR_STATS#${mentorId}`, sk: month }),
  monthStartup: (mentorId: string, month: string, startupId: string) => ({ pk: `MENTOR_STATS#${mentorId}`, sk: `${month}#${startupId}` }),
};

const assignmentSortKey = (assignment: Assignment) => `${assignment.startedAt}#${assignment.id}`;
const sessionSortKey = (session: Session) => `${session.date}#${session.id}`;
const mentorSortKey = (mentor: Mentor) => `${mentor.createdAt}#${mentor.id}`;

export const MentorEntity = defineEntity<Mentor, { id: string }>({
  name: 'mentor',
  module: 'mentors',
  prefix: 'MENTOR#',
  key: (mentor) => mentorKeys.profile(mentor.id),
  serves: "one mentor's profile; the partition also holds its sectors and per-day minutes",
  indexes: {
    gsi1: { pk: () => mentorKeys.all(), sk: mentorSortKey, serves: 'every mentor, oldest first' },
    // Sparse: only active mentors are candidates for suggestions outside their sectors.
    gsi2: { pk: () => mentorKeys.active(), sk: mentorSortKey, serves: 'active mentors', when: (mentor) => mentor.active },
  },
});

/** The item that puts a mentor in one sector's index. */
export const MentorSectorEntity = defineEntity<{ mentorId: string; sector: string; createdAt: string }>({
  name: 'mentorSector',
  module: 'mentors',
  prefix: 'MENTOR#',
  skPrefix: 'SECTOR#',
  key: (entry) => mentorKeys.sector(entry.mentorId, entry.sector),
  serves: "a mentor's sectors",
  indexes: {
    gsi1: {
      pk: (entry) => mentorKeys.bySector(entry.sector),
      sk: (entry) => `${entry.createdAt}#${entry.mentorId}`,
      serves: 'the mentors of one sector (suggestions)',
    },
  },
});

/** Minutes logged by a mentor on one Beijing day (a counter with a cap). */
export const MentorDayEntity = defineEntity<{ mentorId: string; day: string }>({
  name: 'mentorDay',
  module: 'mentors',
  prefix: 'MENTOR#',
  skPrefix: 'DAY#',
  key: (counter) => mentorKeys.day(counter.mentorId, counter.day),
  serves: "a mentor's minutes of one day, capped",
});

/** One mentor profile per login. */
export const MentorLoginEntity = defineEntity<{ mentorId: string }, { sub: string }>({
  name: 'mentorLogin',
  module: 'mentors',
  prefix: 'MENTOR_USER#',
  key: (login) => mentorKeys.login(login.sub),
  serves: 'once-only: the mentor profile of a login',
});

export const MentorPairEntity = defineEntity<{ mentorUserId: string; startupId: string }>({
  name: 'mentorPair',
  module: 'mentors',
  prefix: 'MENTORED#',
  key: (pair) => mentorKeys.pair(pair.mentorUserId, pair.startupId),
  serves: 'once per pair: whether a mentor is (or ever was) assigned to a startup',
});

export const StartupMentorsEntity = defineEntity<{ startupId: string }>({
  name: 'startupMentors',
  module: 'mentors',
  prefix: 'STARTUP#',
  skPrefix: 'MENTORS',
  key: (counter) => mentorKeys.startupMentors(counter.startupId),
  serves: "a startup's current mentors (at most 3), counted",
});

export const AssignmentEntity = defineEntity<Assignment, { id: string }>({
  name: 'assignment',
  module: 'mentors',
  prefix: 'ASSIGNMENT#',
  key: (assignment) => mentorKeys.assignment(assignment.id),
  serves: 'one assignment by id',
  indexes: {
    gsi1: { pk: (assignment) => mentorKeys.assignmentsOfMentor(assignment.mentorId), sk: assignmentSortKey, serves: "a mentor's assignments, newest first" },
    gsi2: { pk: (assignment) => mentorKeys.assignmentsOfStartup(assignment.startupId), sk: assignmentSortKey, serves: "a startup's assignments, newest first" },
  },
});

export const SessionEntity = defineEntity<Session, { id: string }>({
  name: 'session',
  module: 'mentors',
  prefix: 'SESSION#',
  key: (session) => mentorKeys.session(session.id),
  serves: 'one session by id',
  indexes: {
    gsi1: { pk: (session) => mentorKeys.sessionsOfMentor(session.mentorId), sk: sessionSortKey, serves: "a mentor's sessions by date" },
    gsi2: { pk: (session) => mentorKeys.sessionsOfStartup(session.startupId), sk: sessionSortKey, serves: "a startup's sessions by date" },
  },
});

export const MentorMonthEntity = defineEntity<{ mentorId: string; month: string }>({
  name: 'mentorMonth',
  module: 'mentors',
  prefix: 'MENTOR_STATS#',
  skPrefix: '{month}',
  key: (counter) => mentorKeys.monthStats(counter.mentorId, counter.month),
  serves: "a mentor's totals of one month (a range of months is one Query)",
});

export const MentorMonthStartupEntity = defineEntity<{ mentorId: string; month: string; startupId: string }>({
  name: 'mentorMonthStartup',
  module: 'mentors',
  prefix: 'MENTOR_STATS#',
  skPrefix: '{month}#{startupId}',
  key: (marker) => mentorKeys.monthStartup(marker.mentorId, marker.month, marker.startupId),
  serves: 'the sessions of a mentor with one startup in one month',
});
