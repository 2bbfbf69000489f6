import { defineEntity } from '../db/entity';
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

const STAFF_ATTRIBUTES = ['userId', 'displayName', 'roles', 'updatedAt'] as const;

/** A staff member's record. */
export const StaffMemberEntity = defineEntity<StaffMember, { userId: string }>({
  name: 'staffMember',
  module: 'staff',
  prefix: 'STAFF#',
  key: (member) => staffKeys.member(member.userId),
  serves: 'one staff member by user id',
  attributes: STAFF_ATTRIBUTES,
});

/** A copy of the member's record per role held: the directory of a role is one partition. */
export const StaffInRole = defineEntity<StaffMember, { role: StaffRole; userId: string }>({
  name: 'staffInRole',
  module: 'staff',
  prefix: 'STAFF_ROLE#',
  key: (entry) => staffKeys.inRole(entry.role, entry.userId),
  serves: 'the directory of one role',
  attributes: STAFF_ATTRIBUTES,
});

export async function getStaffMember(userId: string): Promise<StaffMember | undefined> {
  const item = await getItem<Record<string, unknown>>(staffKeys.member(userId));
  return item ? StaffMemberEntity.fromItem(item) : undefined;
}

/** The member's record and one directory item per role held; items of roles no longer held go. */
export function staffWrites(member: StaffMember, previousRoles: StaffRole[]): TxItem[] {
  const writes: TxItem[] = [{ Put: { TableName: tableName(), Item: StaffMemberEntity.toItem(member) } }];
  for (const role of member.roles) {
    writes.push({ Put: { TableName: tableName(), Item: { ...StaffInRole.key({ role, userId: member.userId }), entity: StaffInRole.name, ...member } } });
  }
  for (const role of previousRoles.filter((r) => !member.roles.includes(r))) {
    writes.push({ Delete: { TableName: tableName(), Key: staffKeys.inRole(role, member.userId) } });
  }
  return writes;
}

export async function listStaffInRole(role: StaffRole, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: staffKeys.role(role), page });
  return { items: result.items.map(StaffInRole.fromItem), nextCursor: result.nextCursor };
}
