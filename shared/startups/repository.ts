import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { Startup, StartupStatus } from './schema';

/** Every key of the startup aggregate is built here. */
export const startupKeys = {
  startup: (id: string) => ({ pk: `STARTUP#${id}`, sk: 'STARTUP' }),
  byStatus: (status: StartupStatus) => `STARTUPS#${status}`,
  byFounder: (userId: string) => `FOUNDER#${userId}`,
};

type StartupItem = Startup & { pk: string; sk: string; entity: 'startup' };

function toItem(startup: Startup) {
  const sortKey = `${startup.createdAt}#${startup.id}`;
  return {
    ...startupKeys.startup(startup.id),
    entity: 'startup' as const,
    ...startup,
    gsi1pk: startupKeys.byStatus(startup.status),
    gsi1sk: sortKey,
    gsi2pk: startupKeys.byFounder(startup.founderUserId),
    gsi2sk: sortKey,
  };
}

export function fromItem(item: Record<string, unknown>): Startup {
  const { pk: _pk, sk: _sk, entity: _e, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...startup } = item;
  return startup as unknown as Startup;
}

export function createStartupWrite(startup: Startup): TxItem {
  return putNew(toItem(startup), () => new ConflictError('Startup already exists.'));
}

/** Replaces the startup if its version is still `expectedVersion`; `startup.version` is ignored. */
export function saveStartupWrite(startup: Startup, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned(toItem({ ...startup, version: expectedVersion + 1 }), expectedVersion, onStale);
}

export async function getStartup(id: string): Promise<Startup | undefined> {
  const item = await getItem<StartupItem>(startupKeys.startup(id));
  return item ? fromItem(item) : undefined;
}

export async function listStartupsByStatus(status: StartupStatus, page: PageQuery) {
  const result = await queryPage<StartupItem>({ index: 'gsi1', partition: startupKeys.byStatus(status), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listStartupsOfFounder(userId: string, page: PageQuery) {
  const result = await queryPage<StartupItem>({ index: 'gsi2', partition: startupKeys.byFounder(userId), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}
