import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../context';
import type { JobSummary } from '../jobs';
import { listLedger } from '../payouts';
import { getTotals, listProgrammeItems, type TotalsItem } from '../programmes';
import { raiseAlert } from './service';

export interface LedgerSums {
  entries: number;
  paidFen: number;
  reversedFen: number;
}

/** A programme's totals as its ledger says they should be: entries counted, payments and reversals summed. */
export async function sumLedger(programmeId: string): Promise<LedgerSums> {
  const sums: LedgerSums = { entries: 0, paidFen: 0, reversedFen: 0 };
  let cursor: string | undefined;
  do {
    const page = await listLedger(programmeId, undefined, undefined, { limit: 100, cursor });
    for (const entry of page.items) {
      sums.entries += 1;
      if (entry.amountFen >= 0) sums.paidFen += entry.amountFen;
      else sums.reversedFen -= entry.amountFen;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sums;
}

/** The differences between a totals item and its ledger, by name (empty when they agree). */
export function ledgerDifferences(totals: TotalsItem | undefined, ledger: LedgerSums): Record<string, number | string> {
  if (!totals) return { totals: 'missing' };
  const differences: Record<string, number> = {};
  if (totals.ledgerSeq !== ledger.entries) differences.entries = totals.ledgerSeq - ledger.entries;
  if (totals.paidFen !== ledger.paidFen) differences.paidFen = totals.paidFen - ledger.paidFen;
  if (totals.reversedFen !== ledger.reversedFen) differences.reversedFen = totals.reversedFen - ledger.reversedFen;
  // usedFen is kept beside its parts (conditions cannot add): it must still be their sum.
  const used = totals.committedFen + totals.paidFen - totals.reversedFen;
  if (totals.usedFen !== used) differences.usedFen = totals.usedFen - used;
  return differences;
}

/**
 * Compares one programme's totals item with its ledger. A ledger entry written while the check reads
 * (or not yet in the index) could look like a difference, so a difference is read again after
 * `recheckAfterMs` before it counts.
 */
async function checkProgramme(programmeId: string, recheckAfterMs: number) {
  let result = {
    totals: undefined as TotalsItem | undefined,
    ledger: { entries: 0, paidFen: 0, reversedFen: 0 },
    differences: {} as Record<string, number | string>,
  };
  let rechecks = 0;
  for (let reads = 0; reads < 10 && rechecks < 3; reads += 1) {
    const totals = await getTotals(programmeId);
    const ledger = await sumLedger(programmeId);
    // A ledger write in between: read again at once.
    if ((await getTotals(programmeId))?.ledgerSeq !== totals?.ledgerSeq) continue;
    result = { totals, ledger, differences: ledgerDifferences(totals, ledger) };
    if (Object.keys(result.differences).length === 0) break;
    rechecks += 1;
    if (rechecks < 3) await sleep(recheckAfterMs);
  }
  return result;
}

/**
 * Nightly: recomputes each programme's paid and reversed money and entry count from its ledger and
 * compares them with the programme's totals item (what every budget condition is on). Any difference
 * raises a `ledger_mismatch` risk alert on the programme (one open alert per programme at a time).
 */
export async function checkLedgerConsistency(ctx: Ctx, options: { recheckAfterMs?: number } = {}): Promise<JobSummary> {
  const recheckAfterMs = options.recheckAfterMs ?? Number(process.env.FUHUA_LEDGER_RECHECK_MS ?? 2000);
  let programmes = 0;
  let mismatches = 0;
  let alertsRaised = 0;
  let cursor: string | undefined;
  do {
    const page = await listProgrammeItems({ limit: 100, cursor });
    for (const programme of page.items) {
      programmes += 1;
      const { totals, ledger, differences } = await checkProgramme(programme.id, recheckAfterMs);
      if (Object.keys(differences).length === 0) continue;
      mismatches += 1;
      const alert = await raiseAlert(ctx, {
        rule: 'ledger_mismatch',
        subjectType: 'programme',
        subjectId: programme.id,
        summary: `The totals of programme ${programme.name} differ from its ledger (${Object.keys(differences).join(', ')}).`,
        facts: {
          programmeId: programme.id,
          ledgerEntries: ledger.entries,
          ledgerPaidFen: ledger.paidFen,
          ledgerReversedFen: ledger.reversedFen,
          totalsLedgerSeq: totals?.ledgerSeq ?? null,
          totalsPaidFen: totals?.paidFen ?? null,
          totalsReversedFen: totals?.reversedFen ?? null,
          totalsCommittedFen: totals?.committedFen ?? null,
          totalsUsedFen: totals?.usedFen ?? null,
        },
      });
      if (alert) alertsRaised += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { programmes, mismatches, alertsRaised };
}
