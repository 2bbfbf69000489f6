import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { createProgrammeWrites, getProgramme, getTotals, listProgrammeItems, type TotalsItem } from './repository';
import { DEFAULT_POLICY, type CreateProgramme, type Programme, type ProgrammeTotals } from './schema';

/** Opens a subsidy programme with its budget and the policy it applies; its money starts at zero. */
export async function createProgramme(ctx: Ctx, input: CreateProgramme): Promise<Programme & { totals: ProgrammeTotals }> {
  const programme: Programme = {
    id: newId('prg'),
    ...input,
    policy: input.policy ?? DEFAULT_POLICY[input.kind],
    requiredDocuments: input.requiredDocuments ?? [],
    createdBy: ctx.actor.sub,
    createdAt: ctx.now.toISOString(),
    version: 1,
  };
  await commit(ctx, [
    ...createProgrammeWrites(programme),
    auditRecord(ctx, { action: 'programme.created', entityType: 'programme', entityId: programme.id, after: programme }),
  ]);
  return { ...programme, totals: { budgetFen: programme.budgetFen, committedFen: 0, paidFen: 0, reversedFen: 0, remainingFen: programme.budgetFen } };
}

export function totalsView(totals: TotalsItem): ProgrammeTotals {
  return {
    budgetFen: totals.budgetFen,
    committedFen: totals.committedFen,
    paidFen: totals.paidFen,
    reversedFen: totals.reversedFen,
    remainingFen: totals.budgetFen - totals.usedFen,
  };
}

export async function requireProgramme(id: string): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme) throw new NotFoundError('programme');
  return programme;
}

/** A programme with its live totals: budget, committed, paid, reversed, remaining. */
export async function getProgrammeWithTotals(id: string): Promise<Programme & { totals: ProgrammeTotals }> {
  const [programme, totals] = await Promise.all([getProgramme(id), getTotals(id)]);
  if (!programme || !totals) throw new NotFoundError('programme');
  return { ...programme, totals: totalsView(totals) };
}

export async function listProgrammes(page: PageQuery) {
  return listProgrammeItems(page);
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getProgramme, getTotals, listProgrammeItems, programmeKeys, totalsRead } from './repository';
export type { TotalsItem } from './repository';
