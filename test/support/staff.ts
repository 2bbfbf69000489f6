import { call, uniqueSub, type As } from './api';

/**
 * Records a person in the staff directory (as they would by signing in and giving their name):
 * reviewers and judges are chosen from it, so a test that assigns one records them first.
 */
export async function inStaffDirectory<T extends As>(as: T, displayName = '测试人员'): Promise<T> {
  const res = await call('PUT', '/v1/staff/me', { as, body: { displayName } });
  if (res.status !== 200) throw new Error(`not recorded in the staff directory: ${res.status} ${JSON.stringify(res.body)}`);
  return as;
}

/** A new officer or mentor, recorded in the staff directory. */
export function staffMember(role: 'officer' | 'mentor', prefix: string = role, displayName?: string): Promise<As & { sub: string }> {
  return inStaffDirectory({ role, sub: uniqueSub(prefix) }, displayName);
}
