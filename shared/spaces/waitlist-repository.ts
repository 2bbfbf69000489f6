import { defineEntity } from '../db/entity';
import { getItem, putNew, type Read } from '../db/items';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { queryAll, spaceKeys } from './repository';
import type { WaitlistEntry } from './schema';

/** Waitlist entries: one per startup and community (`WAITLIST#<community>` / `STARTUP#<startup>`). */
export const WaitlistEntryEntity = defineEntity<WaitlistEntry, { communityId: string; startupId: string }>({
  name: 'waitlistEntry',
  module: 'spaces',
  prefix: 'WAITLIST#',
  key: (entry) => spaceKeys.waitlistEntry(entry.communityId, entry.startupId),
  serves: 'once per startup and community: its place on the waitlist',
  indexes: {
    gsi1: {
      pk: (entry) => spaceKeys.waitlistQueue(entry.communityId),
      sk: (entry) => `${entry.joinedAt}#${entry.startupId}`,
      serves: "a community's queue, first come first",
    },
    gsi2: { pk: (entry) => spaceKeys.waitlistsOfStartup(entry.startupId), sk: (entry) => entry.communityId, serves: 'the waitlists a startup is on' },
  },
});

const waitlistItem = WaitlistEntryEntity.toItem;

export function joinWaitlistWrite(entry: WaitlistEntry): TxItem {
  return putNew(waitlistItem(entry), () => new ConflictError('The startup is already on this waitlist.', 'ALREADY_WAITLISTED'));
}

/** Leaving a waitlist; a no-op when the startup was not on it. */
export function leaveWaitlistWrite(communityId: string, startupId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: spaceKeys.waitlistEntry(communityId, startupId) } };
}

export function waitlistEntryRead(communityId: string, startupId: string): Read<WaitlistEntry> {
  return { key: spaceKeys.waitlistEntry(communityId, startupId), from: WaitlistEntryEntity.fromItem };
}

export async function getWaitlistEntry(communityId: string, startupId: string): Promise<WaitlistEntry | undefined> {
  const item = await getItem<Record<string, unknown>>(spaceKeys.waitlistEntry(communityId, startupId));
  return item ? WaitlistEntryEntity.fromItem(item) : undefined;
}

/** The whole queue of a community, first come first; waitlists are short by nature. */
export async function waitlistOf(communityId: string): Promise<WaitlistEntry[]> {
  return (await queryAll<Record<string, unknown>>('gsi1', spaceKeys.waitlistQueue(communityId))).map((item) => WaitlistEntryEntity.fromItem(item));
}

export async function waitlistsOfStartup(startupId: string): Promise<WaitlistEntry[]> {
  return (await queryAll<Record<string, unknown>>('gsi2', spaceKeys.waitlistsOfStartup(startupId))).map((item) => WaitlistEntryEntity.fromItem(item));
}
