import { getItem, putNew } from '../db/items';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { queryAll, spaceKeys, strip } from './repository';
import type { WaitlistEntry } from './schema';

/** Waitlist entries: one per startup and community (`WAITLIST#<community>` / `STARTUP#<startup>`). */
function waitlistItem(entry: WaitlistEntry) {
  return {
    ...spaceKeys.waitlistEntry(entry.communityId, entry.startupId),
    entity: 'waitlistEntry',
    ...entry,
    gsi1pk: spaceKeys.waitlistQueue(entry.communityId),
    gsi1sk: `${entry.joinedAt}#${entry.startupId}`,
    gsi2pk: spaceKeys.waitlistsOfStartup(entry.startupId),
    gsi2sk: entry.communityId,
  };
}

export function joinWaitlistWrite(entry: WaitlistEntry): TxItem {
  return putNew(waitlistItem(entry), () => new ConflictError('The startup is already on this waitlist.', 'ALREADY_WAITLISTED'));
}

/** Leaving a waitlist; a no-op when the startup was not on it. */
export function leaveWaitlistWrite(communityId: string, startupId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: spaceKeys.waitlistEntry(communityId, startupId) } };
}

export async function getWaitlistEntry(communityId: string, startupId: string): Promise<WaitlistEntry | undefined> {
  const item = await getItem<Record<string, unknown>>(spaceKeys.waitlistEntry(communityId, startupId));
  return item ? strip<WaitlistEntry>(item) : undefined;
}

/** The whole queue of a community, first come first; waitlists are short by nature. */
export async function waitlistOf(communityId: string): Promise<WaitlistEntry[]> {
  return (await queryAll<Record<string, unknown>>('gsi1', spaceKeys.waitlistQueue(communityId))).map((item) => strip<WaitlistEntry>(item));
}

export async function waitlistsOfStartup(startupId: string): Promise<WaitlistEntry[]> {
  return (await queryAll<Record<string, unknown>>('gsi2', spaceKeys.waitlistsOfStartup(startupId))).map((item) => strip<WaitlistEntry>(item));
}
