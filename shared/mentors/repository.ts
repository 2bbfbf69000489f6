import { getItem, getItems, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { MentorEntity, MentorLoginEntity, MentorSectorEntity, mentorKeys } from './keys';
import type { Mentor } from './schema';

type MentorItem = Mentor & { pk: string; sk: string; entity: 'mentor' };

const toItem = MentorEntity.toItem;

export const fromItem = MentorEntity.fromItem;

/** The item that puts a mentor in one sector's index (gsi1 `MENTORS_BY_SECTOR#<sector>`). */
function sectorItem(mentor: Mentor, sector: string) {
  return MentorSectorEntity.toItem({ mentorId: mentor.id, sector, createdAt: mentor.createdAt });
}

export function creationWrites(mentor: Mentor): TxItem[] {
  return [
    putNew(toItem(mentor), () => new ConflictError('Mentor id collision; retry.')),
    putNew(
      { ...MentorLoginEntity.key({ sub: mentor.userId }), entity: MentorLoginEntity.name, mentorId: mentor.id },
      () => new ConflictError('This user already has a mentor profile.', 'MENTOR_EXISTS'),
    ),
    ...mentor.sectors.map((sector) => putNew(sectorItem(mentor, sector), () => new ConflictError('Sector entry exists.'))),
  ];
}

/**
 * The profile replaced under its version (assignments bump the version too, so a profile edit
 * never overwrites a load it did not see), and the sector index brought in line with `sectors`.
 */
export function updateWrites(before: Mentor, after: Mentor): TxItem[] {
  const removed = before.sectors.filter((s) => !after.sectors.includes(s));
  const added = after.sectors.filter((s) => !before.sectors.includes(s));
  return [
    putVersioned(toItem(after), before.version),
    ...removed.map((sector): TxItem => ({ Delete: { TableName: tableName(), Key: mentorKeys.sector(before.id, sector) } })),
    ...added.map((sector) => putNew(sectorItem(after, sector), () => new ConflictError('Sector entry exists.'))),
  ];
}

export function mentorRead(id: string): Read<Mentor> {
  return { key: mentorKeys.profile(id), from: fromItem };
}

export async function getMentorItem(id: string): Promise<Mentor | undefined> {
  const item = await getItem<MentorItem>(mentorKeys.profile(id));
  return item ? fromItem(item) : undefined;
}

export async function getMentorIdOfUser(sub: string): Promise<string | undefined> {
  return (await getItem<{ mentorId: string }>(mentorKeys.login(sub)))?.mentorId;
}

/** Profiles by id, in the order asked (missing ones left out). At most 100 ids per call. */
export async function getMentorItems(ids: string[]): Promise<Mentor[]> {
  if (ids.length === 0) return [];
  const items = await getItems<MentorItem>(ids.map((id) => mentorKeys.profile(id)));
  return items.flatMap((item) => (item ? [fromItem(item)] : []));
}

export async function listMentorItems(page: PageQuery) {
  const result = await queryPage<MentorItem>({ index: 'gsi1', partition: mentorKeys.all(), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

/** A page of one sector's index, then the profiles behind it (for their current load). */
export async function listMentorItemsBySector(sector: string, page: PageQuery) {
  const result = await queryPage<{ mentorId: string }>({ index: 'gsi1', partition: mentorKeys.bySector(sector), page });
  return { items: await getMentorItems(result.items.map((i) => i.mentorId)), nextCursor: result.nextCursor };
}

export async function listActiveMentorItems(page: PageQuery) {
  const result = await queryPage<MentorItem>({ index: 'gsi2', partition: mentorKeys.active(), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

// ---------------------------------------------------------------- mentor–startup pairs

export interface PairItem {
  mentorUserId: string;
  mentorId: string;
  startupId: string;
  firstAssignedAt: string;
  activeAssignmentId?: string;
}

export async function getPair(mentorUserId: string, startupId: string): Promise<PairItem | undefined> {
  return getItem<PairItem>(mentorKeys.pair(mentorUserId, startupId));
}
