import { recordMyself } from '../../../shared/staff';
import type { Role } from '../../../shared/roles';
import { demoCtx } from './actors';

/**
 * The demo staff as if each had signed in and recorded their name: reviewers and judges are chosen
 * from this directory, so it is loaded before the applications and events that assign them.
 */
export const DEMO_STAFF: Array<{ sub: string; role: Role; displayName: string }> = [
  { sub: 'demo-officer', role: 'officer', displayName: '王建华' },
  { sub: 'demo-officer-2', role: 'officer', displayName: '陈晓红' },
  { sub: 'demo-mentor', role: 'mentor', displayName: '周建国' },
  { sub: 'demo-mentor-2', role: 'mentor', displayName: '林晓燕' },
  { sub: 'demo-mentor-3', role: 'mentor', displayName: '何志强' },
  { sub: 'demo-mentor-4', role: 'mentor', displayName: '苏雅琴' },
  { sub: 'demo-mentor-5', role: 'mentor', displayName: '马德华' },
];

export async function seedStaff(): Promise<void> {
  for (const member of DEMO_STAFF) await recordMyself(demoCtx(member.role, member.sub), { displayName: member.displayName });
}
