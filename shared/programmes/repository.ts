import { defineEntity } from '../db/entity';
import { getItem, putNew, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { DEFAULT_POLICY, type Programme } from './schema';

/** Every key of programmes and their money is built here and nowhere else. */
export const programmeKeys = {
  programme: (id: string) => ({ pk: `PROGRAMME#${id}`, sk: 'PROGRAMME' }),
  /** The programme's money (budget, committed, paid, reversed): the item every budget condition is on. */
  totals: (programmeId: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: 'TOTALS' }),
  programmes: () => 'PROGRAMMES',
};

export const ProgrammeEntity = defineEntity<Programme, { id: string }>({
  name: 'programme',
  module: 'programmes',
  prefix: 'PROGRAMME#',
  skPrefix: 'PROGRAMME',
  key: (programme) => programmeKeys.programme(programme.id),
  serves: 'one programme by id; its partition also holds its money totals',
  indexes: {
    gsi1: { pk: () => programmeKeys.programmes(), sk: (programme) => `${programme.createdAt}#${programme.id}`, serves: 'every programme, newest first' },
  },
});

/** The programme's money (budget, committed, paid, reversed): the item every budget condition is on. */
export const ProgrammeTotalsEntity = defineEntity<TotalsItem, { programmeId: string }>({
  name: 'programmeTotals',
  module: 'programmes',
  prefix: 'PROGRAMME#',
  skPrefix: 'TOTALS',
  key: (totals) => programmeKeys.totals(totals.programmeId),
  serves: "a programme's budget, committed, paid and reversed money and its ledger sequence",
});

export interface TotalsItem {
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  reversedFen: number;
  /** committed + paid − reversed, kept in step because DynamoDB conditions cannot add. */
  usedFen: number;
  /** Number of ledger entries written: serialises ledger writes so running totals are exact. */
  ledgerSeq: number;
}

export function createProgrammeWrites(programme: Programme): TxItem[] {
  const totals: TotalsItem = { budgetFen: programme.budgetFen, committedFen: 0, paidFen: 0, reversedFen: 0, usedFen: 0, ledgerSeq: 0 };
  return [
    putNew(ProgrammeEntity.toItem(programme), () => new ConflictError('Programme id collision; retry.')),
    putNew(
      { ...ProgrammeTotalsEntity.key({ programmeId: programme.id }), entity: ProgrammeTotalsEntity.name, ...totals },
      () => new ConflictError('Programme id collision; retry.'),
    ),
  ];
}

export async function getProgramme(id: string): Promise<Programme | undefined> {
  const item = await getItem<Record<string, unknown>>(programmeKeys.programme(id));
  return item ? programmeOf(item) : undefined;
}

/** Programmes stored before policies and working-day disclosure read with today's defaults. */
function programmeOf(item: Record<string, unknown>): Programme {
  const { disclosureDays: _old, ...programme } = ProgrammeEntity.fromItem(item) as Programme & { disclosureDays?: number };
  return { ...programme, policy: programme.policy ?? DEFAULT_POLICY[programme.kind], disclosureWorkingDays: programme.disclosureWorkingDays ?? 5 };
}

export async function getTotals(programmeId: string): Promise<TotalsItem | undefined> {
  const item = await getItem<TotalsItem>(programmeKeys.totals(programmeId));
  return item;
}

/** The totals of a programme, to read with other known keys in one call (`readTogether`). */
export function totalsRead(programmeId: string): Read<TotalsItem> {
  return { key: programmeKeys.totals(programmeId), from: (item) => item as unknown as TotalsItem };
}

export async function listProgrammeItems(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: programmeKeys.programmes(), newestFirst: true, page });
  return { items: result.items.map(programmeOf), nextCursor: result.nextCursor };
}
