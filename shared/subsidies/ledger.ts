import { auditRecord, commit } from '../audit/service';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { withLimitedConcurrency } from '../db/hot-item';
import { retryOnConflict, transact, type TxItem } from '../db/transact';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports/counters';
import { founderSupportedWrites } from '../startups/founders';
import { requireBatch } from './batches';
import {
  confirmLineWrite,
  getLedgerEntry,
  getReversedFen,
  ledgerEntryWrite,
  ledgerTotalsWrite,
  listLedger,
  paidOnceWrite,
  releaseCommitmentWrite,
  reversalCounterWrite,
  settleBatchWrite,
} from './ledger-repository';
import type { ConfirmPayouts, LedgerEntry, PayoutBatch, ReverseEntry } from './payout-schema';
import { totalsView } from './programmes';
import { fromClaimItem, getClaimItem, getTotals, saveClaimWrite, type ClaimItem, type TotalsItem } from './repository';
import type { ProgrammeTotals } from './schema';

type Line = ConfirmPayouts['lines'][number];

/**
 * Ledger writes of one programme in flight at once in this process. Every entry advances the
 * programme's `ledgerSeq`, so parallel writers collide on it; beyond a few at a time they mostly
 * spend their retries on each other (see `withLimitedConcurrency`).
 */
const LEDGER_WRITES_IN_FLIGHT = Number(process.env.LEDGER_WRITES_IN_FLIGHT ?? 2);
/** A ledger write re-reads and retries on a collision with a writer in another process. */
const LEDGER_WRITE_ATTEMPTS = 40;

function ledgerLane<T>(programmeId: string, operation: () => Promise<T>): Promise<T> {
  return withLimitedConcurrency(`ledger:${programmeId}`, LEDGER_WRITES_IN_FLIGHT, () => retryOnConflict(operation, LEDGER_WRITE_ATTEMPTS));
}

export interface LineResult {
  claimId: string;
  outcome: 'paid' | 'failed';
  ledgerEntryId?: string;
  /** The line had been recorded before (a replayed confirmation): nothing was written again. */
  alreadyRecorded: boolean;
}

async function requireTotals(programmeId: string): Promise<TotalsItem> {
  const totals = await getTotals(programmeId);
  if (!totals) throw new NotFoundError('programme');
  return totals;
}

function entryWith(totals: TotalsItem, entry: Omit<LedgerEntry, 'sequence' | 'runningPaidFen' | 'runningReversedFen' | 'runningNetFen'>): LedgerEntry {
  const paid = totals.paidFen + Math.max(0, entry.amountFen);
  const reversed = totals.reversedFen + Math.max(0, -entry.amountFen);
  return { ...entry, sequence: totals.ledgerSeq + 1, runningPaidFen: paid, runningReversedFen: reversed, runningNetFen: paid - reversed };
}

function ledgerEvent(entry: LedgerEntry) {
  return {
    type: 'LedgerEntryWritten',
    data: { entryId: entry.id, programmeId: entry.programmeId, claimId: entry.claimId, kind: entry.kind, amountFen: entry.amountFen },
  };
}

/**
 * One line of the bank's answer, in one transaction. Paid: the claim becomes paid, one ledger
 * entry is appended (a per-claim constraint item forbids a second), committed money becomes paid.
 * Failed: the commitment is released and the claim is payable again. A line already recorded is
 * reported as such and writes nothing, so replays of a confirmation cannot pay twice.
 */
async function confirmLine(ctx: Ctx, batchId: string, line: Line): Promise<LineResult> {
  // The claim is read before the batch: a line's outcome and the claim's new status commit together,
  // so a claim seen still batched here is either still batched or its outcome shows in the batch.
  const claim = await getClaimItem(line.claimId);
  const batch = await requireBatch(batchId);
  const recorded = batch.lines.find((l) => l.claimId === line.claimId);
  if (!recorded) throw new UnprocessableError(`Claim ${line.claimId} is not in this batch.`, 'CLAIM_NOT_IN_BATCH', { claimId: line.claimId });
  if (recorded.outcome) {
    if (recorded.outcome !== line.status) {
      throw new ConflictError(`Claim ${line.claimId} was already confirmed ${recorded.outcome}.`, 'LINE_ALREADY_CONFIRMED', { claimId: line.claimId });
    }
    return { claimId: line.claimId, outcome: recorded.outcome, ledgerEntryId: recorded.ledgerEntryId, alreadyRecorded: true };
  }
  if (batch.status !== 'approved') throw new ConflictError('Only an approved batch takes confirmations.', 'BATCH_NOT_APPROVED');
  if (!claim || claim.status !== 'batched' || claim.batchId !== batchId) {
    throw new ConflictError(`Claim ${line.claimId} is not waiting for payment in this batch.`, 'LEDGER_INCONSISTENT', { claimId: line.claimId });
  }
  const at = ctx.now.toISOString();
  if (line.status === 'failed') {
    const { batchId: _b, ...rest } = claim;
    const after: ClaimItem = { ...rest, status: 'verified', updatedAt: at, version: claim.version + 1 };
    await commit(ctx, [
      saveClaimWrite(after, claim.version),
      releaseCommitmentWrite(batch.programmeId, recorded.amountFen),
      confirmLineWrite(batchId, { claimId: line.claimId, outcome: 'failed', bankReference: line.bankReference }),
      auditRecord(ctx, { action: 'claim.payment_failed', entityType: 'claim', entityId: claim.id, before: fromClaimItem(claim), after: fromClaimItem(after) }),
    ]);
    return { claimId: line.claimId, outcome: 'failed', alreadyRecorded: false };
  }
  const totals = await requireTotals(batch.programmeId);
  const entry = entryWith(totals, {
    id: newId('led'),
    programmeId: batch.programmeId,
    programmeKind: batch.programmeKind,
    kind: 'payment',
    claimId: claim.id,
    batchId,
    amountFen: recorded.amountFen,
    bankReference: line.bankReference,
    at,
    by: ctx.actor.sub,
  });
  const after: ClaimItem = { ...claim, status: 'paid', paidAt: at, ledgerEntryId: entry.id, updatedAt: at, version: claim.version + 1 };
  const kind = batch.programmeKind;
  const counts = { payments: 1, paid_fen: entry.amountFen, [`payments__${kind}`]: 1, [`paid_fen__${kind}`]: entry.amountFen };
  // A founder whose business is paid an entity subsidy started a business with support: counted once.
  const counters =
    kind === 'entity_subsidy' && claim.startupId ? await founderSupportedWrites(ctx, claim.startupId, counts) : countWrites(monthOf(ctx.now), counts);
  await commit(ctx, [
    saveClaimWrite(after, claim.version),
    paidOnceWrite(claim.id, entry.id),
    ledgerEntryWrite(entry),
    ledgerTotalsWrite(batch.programmeId, totals.ledgerSeq, { paidFen: entry.amountFen }),
    confirmLineWrite(batchId, { claimId: claim.id, outcome: 'paid', bankReference: line.bankReference, ledgerEntryId: entry.id }),
    ...counters,
    auditRecord(ctx, { action: 'ledger.payment', entityType: 'ledgerEntry', entityId: entry.id, after: entry, event: ledgerEvent(entry) }),
  ]);
  return { claimId: line.claimId, outcome: 'paid', ledgerEntryId: entry.id, alreadyRecorded: false };
}

/** Records the bank's confirmation of a batch, line by line; the batch is settled when every line is. */
export async function confirmPayouts(ctx: Ctx, batchId: string, input: ConfirmPayouts): Promise<{ batch: PayoutBatch; lines: LineResult[] }> {
  const { programmeId } = await requireBatch(batchId);
  const results: LineResult[] = [];
  for (const line of input.lines) results.push(await ledgerLane(programmeId, () => confirmLine(ctx, batchId, line)));
  let batch = await requireBatch(batchId);
  if (batch.status === 'approved' && batch.confirmedCount === batch.claimCount) {
    await transact([settleBatchWrite(batchId, batch.claimCount)]).catch(() => undefined); // a concurrent confirmation may have settled it
    batch = await requireBatch(batchId);
  }
  return { batch, lines: results };
}

/** Corrects a payment by a negative entry; the reversals of an entry never exceed it. */
export async function reverseEntry(ctx: Ctx, entryId: string, input: ReverseEntry): Promise<LedgerEntry> {
  // Entries are immutable: read once, outside the retries.
  const original = await getLedgerEntry(entryId);
  if (!original) throw new NotFoundError('ledger entry');
  if (original.kind !== 'payment') throw new UnprocessableError('Only a payment can be reversed.', 'NOT_REVERSIBLE');
  return ledgerLane(original.programmeId, async () => {
    const already = await getReversedFen(entryId);
    if (already + input.amountFen > original.amountFen) {
      throw new UnprocessableError('Reversals of an entry may not exceed the amount paid.', 'REVERSAL_EXCEEDS_ENTRY', {
        originalFen: original.amountFen,
        reversedFen: already,
      });
    }
    const totals = await requireTotals(original.programmeId);
    const entry = entryWith(totals, {
      id: newId('led'),
      programmeId: original.programmeId,
      programmeKind: original.programmeKind,
      kind: 'reversal',
      claimId: original.claimId,
      amountFen: -input.amountFen,
      reversesEntryId: original.id,
      reason: input.reason,
      at: ctx.now.toISOString(),
      by: ctx.actor.sub,
    });
    const kind = original.programmeKind;
    const writes: TxItem[] = [
      reversalCounterWrite(original.id, original.amountFen, input.amountFen),
      ledgerEntryWrite(entry),
      ledgerTotalsWrite(original.programmeId, totals.ledgerSeq, { reversedFen: input.amountFen }),
      ...countWrites(monthOf(ctx.now), { reversed_fen: input.amountFen, [`reversed_fen__${kind}`]: input.amountFen }),
    ];
    await commit(ctx, [
      ...writes,
      auditRecord(ctx, { action: 'ledger.reversal', entityType: 'ledgerEntry', entityId: entry.id, after: entry, event: ledgerEvent(entry) }),
    ]);
    return entry;
  });
}

/** A programme's ledger in order, with running totals on each entry and the programme's totals now. */
export async function readLedger(
  programmeId: string,
  from: string | undefined,
  to: string | undefined,
  page: PageQuery,
): Promise<{ items: LedgerEntry[]; nextCursor: string | null; totals: ProgrammeTotals }> {
  const totals = await requireTotals(programmeId);
  const result = await listLedger(programmeId, from, to, page);
  return { ...result, totals: totalsView(totals) };
}
