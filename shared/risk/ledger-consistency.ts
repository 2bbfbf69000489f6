import type { Ctx } from '../context';
import { listLedger } from '../subsidies/ledger-repository';
import { getTotals, listProgrammeItems } from '../subsidies/repository';
import { raiseAlert } from './service';

export interface LedgerCheckSummary {
  [key: string]: number;
  programmes: number;
  entries: number;
  mismatches: number;
}

/** Every programme, page by page (known partition, no Scan). */
async function* programmeIds(): AsyncGenerator<string> {
  let cursor: string | undefined;
  do {
    const page = await listProgrammeItems({ limit: 100, cursor });
    for (const programme of page.items) yield programme.id;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A programme's ledger summed from its entries: what the totals item should say. */
async function sumLedger(programmeId: string) {
  const sum = { paidFen: 0, reversedFen: 0, entries: 0, lastSequence: 0, gaps: 0 };
  let cursor: string | undefined;
  do {
    const page = await listLedger(programmeId, undefined, undefined, { limit: 100, cursor });
    for (const entry of page.items) {
      sum.entries += 1;
      if (entry.amountFen > 0) sum.paidFen += entry.amountFen;
      else sum.reversedFen -= entry.amountFen;
      sum.lastSequence = Math.max(sum.lastSequence, entry.sequence);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  sum.gaps = sum.lastSequence - sum.entries;
  return sum;
}

/**
 * The nightly ledger check (for the `ledger-consistency` job): recomputes each programme's paid and
 * reversed money from its append-only ledger and compares it with the totals item every payment
 * condition relies on. A difference raises one `ledger_mismatch` alert per programme (not again
 * while it is open), so running the check twice is harmless.
 */
export async function checkLedgerConsistency(ctx: Ctx): Promise<LedgerCheckSummary> {
  const summary: LedgerCheckSummary = { programmes: 0, entries: 0, mismatches: 0 };
  for await (const programmeId of programmeIds()) {
    summary.programmes += 1;
    const [totals, ledger] = await Promise.all([getTotals(programmeId), sumLedger(programmeId)]);
    summary.entries += ledger.entries;
    if (!totals) continue;
    const consistent = totals.paidFen === ledger.paidFen && totals.reversedFen === ledger.reversedFen && totals.ledgerSeq === ledger.entries && ledger.gaps === 0;
    if (consistent) continue;
    summary.mismatches += 1;
    await raiseAlert(ctx, {
      rule: 'ledger_mismatch',
      subjectType: 'programme',
      subjectId: programmeId,
      summary: `Programme ${programmeId}: the totals say ${totals.paidFen} fen paid, ${totals.reversedFen} fen reversed over ${totals.ledgerSeq} entries; the ledger sums to ${ledger.paidFen} paid, ${ledger.reversedFen} reversed over ${ledger.entries} entries.`,
      facts: {
        programmeId,
        totalsPaidFen: totals.paidFen,
        ledgerPaidFen: ledger.paidFen,
        totalsReversedFen: totals.reversedFen,
        ledgerReversedFen: ledger.reversedFen,
        totalsEntries: totals.ledgerSeq,
        ledgerEntries: ledger.entries,
      },
    });
  }
  return summary;
}
