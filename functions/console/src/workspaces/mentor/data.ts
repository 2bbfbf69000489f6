import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';

export type Mentor = Schemas['Mentor'];
export type Assignment = Schemas['Assignment'];
export type Session = Schemas['Session'];

/** The signed-in mentor's profile (its id names their sessions and report). */
export function useMe() {
  return useLoad(() => api.GET('/v1/mentors/me'));
}

/** Every assignment of the mentor, newest first (a mentor takes at most 20 at once). */
export function useAssignments(mentorId: string | undefined) {
  return useLoad(async () => (mentorId ? api.GET('/v1/assignments', { params: { query: { mentorId, limit: 100 } } }) : { data: undefined }), [mentorId]);
}

/** Whether the mentor may still correct a session: within its window and not yet confirmed by the founder. */
export const correctable = (session: Session, now = new Date()) => !session.confirmation && new Date(session.editableUntil) > now;

/** The 12-hour daily cap of a mentor's sessions, in minutes. */
export const DAILY_CAP_MINUTES = 12 * 60;

/** Minutes as hours in words' digits: 90 → "1.5". */
export const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/** `month` moved by `n` months, `YYYY-MM` (strings of this form sort as the months they name). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}
