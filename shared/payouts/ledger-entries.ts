import type { DomainEvent } from '../events';
import { withLimitedConcurrency } from '../db/hot-item';
import { retryOnConflict } from '../db/transact';
import { NotFoundError } from '../errors';
import type { LedgerEntry } from './schema';
import { getTotals, type TotalsItem } from '../programmes';

/**
 * Ledger writes of one programme in flight at once in this process. Every entry advances the
 * programme's `ledgerSeq`, so parallel writers collide on it; beyond a few at a time they mostly
 * spend their retries on each other (see `withLimitedConcurrency`).
 */
const LEDGER_WRITES_IN_FLIGHT = Number(process.env.LEDGER_WRITES_IN_FLIGHT ?? 2);
/** A ledger write re-reads and retries on a collision with a writer in another process. */
const LEDGER_WRITE_ATTEMPTS = 40;

/** Runs a ledger write of a programme in its lane, re-reading and retrying on a collision. */
export function ledgerLane<T>(programmeId: string, operation: () => Promise<T>): Promise<T> {
  return withLimitedConcurrency(`ledger:${programmeId}`, LEDGER_WRITES_IN_FLIGHT, () => retryOnConflict(operation, LEDGER_WRITE_ATTEMPTS));
}

/**
 * Above this (fen) a reversal, and a bank confirmation paying more, is maker-checker: one finance
 * user records it, a second confirms it. Default 10,000 yuan (`FUHUA_MAKER_CHECKER_ABOVE_FEN`).
 */
export function makerCheckerAboveFen(): number {
  return Number(process.env.FUHUA_MAKER_CHECKER_ABOVE_FEN ?? 1_000_000);
}

export async function requireTotals(programmeId: string): Promise<TotalsItem> {
  const totals = await getTotals(programmeId);
  if (!totals) throw new NotFoundError('programme');
  return totals;
}

/** The entry at the next position of the programme's ledger, with the running totals after it. */
export function entryWith(totals: TotalsItem, entry: Omit<LedgerEntry, 'sequence' | 'runningPaidFen' | 'runningReversedFen' | 'runningNetFen'>): LedgerEntry {
  const paid = totals.paidFen + Math.max(0, entry.amountFen);
  const reversed = totals.reversedFen + Math.max(0, -entry.amountFen);
  return { ...entry, sequence: totals.ledgerSeq + 1, runningPaidFen: paid, runningReversedFen: reversed, runningNetFen: paid - reversed };
}

export function ledgerEvent(entry: LedgerEntry): DomainEvent<'LedgerEntryWritten'> {
  return {
    type: 'LedgerEntryWritten',
    data: { entryId: entry.id, programmeId: entry.programmeId, claimId: entry.claimId, kind: entry.kind, amountFen: entry.amountFen },
  };
}
