import { getItem } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import type { StaffMember, StaffRole } from './schema';

/** Every key of the staff directory is built here and nowhere else. */
export const staffKeys = {
  member: (userId: string) => ({ pk: `STAFF#${userId}`, sk: 'STAFF' }),
  /** One item per staff member and role: the directory of a role is one partition. */
  inRole: (role: StaffRole, userId: string) => ({ pk: `STAFF_ROLE#${role}`, sk: `STAFF#${userId}` }),
  role: (role: StaffRole) => `STAFF_ROLE#${role}`,
};

function strip(item: Record<string, unknown>): StaffMember {
  const { userId, displayName, roles, updatedAt } = item as unknown as StaffMember;
  return { userId, displayName, roles, updatedAt };
}

export async function getStaffMember(userId: string): Promise<StaffMember | undefined> {
  const item = await getItem<Record<string, unknown>>(staffKeys.member(userId));
  return item ? strip(item) : undefined;
}

/** The member's record and one directory item per role held; items of roles no longer held go. */
export function staffWrites(member: StaffMember, previousRoles: StaffRole[]): TxItem[] {
  const writes: TxItem[] = [{ Put: { TableName: tableName(), Item: { ...staffKeys.member(member.userId), entity: 'staffMember', ...member } } }];
  for (const role of member.roles) {
    writes.push({ Put: { TableName: tableName(), Item: { ...staffKeys.inRole(role, member.userId), entity: 'staffInRole', ...member } } });
  }
  for (const role of previousRoles.filter((r) => !member.roles.includes(r))) {
    writes.push({ Delete: { TableName: tableName(), Key: staffKeys.inRole(role, member.userId) } });
  }
  return writes;
}

export async function listStaffInRole(role: StaffRole, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: staffKeys.role(role), page });
  return { items: result.items.map(strip), nextCursor: result.nextCursor };
}
