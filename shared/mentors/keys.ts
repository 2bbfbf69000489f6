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
