import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import { readTogether } from '../db/items';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { toCsv } from '../csv';
import { yuan } from '../money';
import { countWrites } from '../reports';
import { founderSupportedWrites } from '../startups';
import { requireBatch } from './batches';
import { entryWith, ledgerEvent, ledgerLane, makerCheckerAboveFen, requireTotals } from './ledger-entries';
import {
  BatchNotSettleableError,
  batchBeneficiaries,
  batchBeneficiariesRead,
  batchRead,
  confirmLineWrite,
  createBankConfirmationWrite,
  getBankConfirmation,
  ledgerEntryWrite,
  ledgerTotalsWrite,
  listLedger,
  paidOnceWrite,
  releaseCommitmentWrite,
  saveBankConfirmationWrite,
  settleBatchWrite,
} from './repository';
import type { BankConfirmation, ConfirmPayouts, LedgerEntry, PayoutBatch } from './schema';
import { totalsRead, totalsView } from '../programmes';
import { claimItemRead, fromClaimItem, saveClaimWrite, type ClaimItem } from '../claims';
import type { ProgrammeTotals } from '../programmes';

type Line = ConfirmPayouts['lines'][number];

export interface LineResult {
  claimId: string;
  outcome: 'paid' | 'failed';
  ledgerEntryId?: string;
  /** The line had been recorded before (a replayed confirmation): nothing was written again. */
  alreadyRecorded: boolean;
}

/**
 * One line of the bank's answer, in one transaction. Paid: the claim becomes paid, one ledger
 * entry is appended (a per-claim constraint item forbids a second), committed money becomes paid.
 * Failed: the commitment is released and the claim waits, `payment_failed`, for the claimant to
 * correct the account. A line already recorded is reported as such and writes nothing, so replays
 * of a confirmation cannot pay twice.
 */
async function confirmLine(ctx: Ctx, batchId: string, programmeId: string, line: Line): Promise<LineResult> {
  // The claim is read before the batch: a line's outcome and the claim's new status commit together,
  // so a claim seen still batched here is either still batched or its outcome shows in the batch.
  // The programme's totals come with it (their ledger sequence is a condition of the write).
  const [claim, foundTotals] = await readTogether(claimItemRead(line.claimId), totalsRead(programmeId));
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
    const after: ClaimItem = {
      ...rest,
      status: 'payment_failed',
      paymentFailure: { bankReference: line.bankReference, at, batchId },
      updatedAt: at,
      version: claim.version + 1,
    };
    await commit(ctx, [
      saveClaimWrite(after, claim.version),
      releaseCommitmentWrite(batch.programmeId, recorded.amountFen),
      confirmLineWrite(batchId, { claimId: line.claimId, outcome: 'failed', bankReference: line.bankReference }),
      auditRecord(ctx, {
        action: 'claim.payment_failed',
        entityType: 'claim',
        entityId: claim.id,
        before: fromClaimItem(claim),
        after: fromClaimItem(after),
        event: { type: 'ClaimPaymentFailed', data: { claimId: claim.id, batchId, bankReference: line.bankReference } },
      }),
    ]);
    return { claimId: line.claimId, outcome: 'failed', alreadyRecorded: false };
  }
  if (!foundTotals) throw new NotFoundError('programme');
  const totals = foundTotals;
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
  const counts = {
    payments: 1,
    paid_fen: entry.amountFen,
    [`payments__${kind}`]: 1,
    [`paid_fen__${kind}`]: entry.amountFen,
    [`paid_fen_by_policy__${claim.policy}`]: entry.amountFen,
  };
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

/** Settles a batch whose every line has its outcome, with its audit record; a settlement made meanwhile is accepted. */
async function settleIfComplete(ctx: Ctx, batchId: string, lines: LineResult[]): Promise<{ batch: PayoutBatch; lines: LineResult[] }> {
  return retryOnConflict(async () => {
    const batch = await requireBatch(batchId);
    if (batch.status !== 'approved' || batch.confirmedCount !== batch.claimCount) return { batch, lines };
    const after: PayoutBatch = { ...batch, status: 'settled', version: batch.version + 1 };
    // The confirmation's answer, stored with the operation's last transaction under its Idempotency-Key.
    const outcome = { batch: after, lines };
    try {
      await commit(
        ctx,
        [
          settleBatchWrite(batchId, batch.programmeId, batch.claimCount),
          auditRecord(ctx, {
            action: 'payoutBatch.settled',
            entityType: 'payoutBatch',
            entityId: batchId,
            before: batch,
            after,
            event: { type: 'PayoutBatchSettled', data: { batchId, programmeId: batch.programmeId, claimCount: batch.claimCount } },
          }),
        ],
        { answer: { status: 200, body: outcome } },
      );
    } catch (error) {
      // Another confirmation settled it first, or a line was taken out meanwhile: read it again.
      if (!(error instanceof BatchNotSettleableError)) throw error;
      return { batch: await requireBatch(batchId), lines };
    }
    return outcome;
  });
}

async function applyLines(ctx: Ctx, batch: PayoutBatch, lines: Line[]): Promise<{ batch: PayoutBatch; lines: LineResult[] }> {
  const results: LineResult[] = [];
  for (const line of lines) results.push(await ledgerLane(batch.programmeId, () => confirmLine(ctx, batch.id, batch.programmeId, line)));
  return settleIfComplete(ctx, batch.id, results);
}

/** What a confirmation would pay, from the amounts the batch holds for its lines. */
function paidTotal(batch: PayoutBatch, lines: Line[]): number {
  return lines.reduce((sum, line) => {
    const recorded = batch.lines.find((l) => l.claimId === line.claimId);
    if (!recorded) throw new UnprocessableError(`Claim ${line.claimId} is not in this batch.`, 'CLAIM_NOT_IN_BATCH', { claimId: line.claimId });
    return sum + (line.status === 'paid' ? recorded.amountFen : 0);
  }, 0);
}

export type ConfirmationOutcome = { applied: { batch: PayoutBatch; lines: LineResult[] } } | { pending: BankConfirmation };

/**
 * Records the bank's confirmation of a batch, line by line; the batch is settled when every line is.
 * A confirmation paying more than the maker-checker threshold is only recorded: a second finance
 * user confirms it (`approveBankConfirmation`) before any money is booked.
 */
export async function confirmPayouts(ctx: Ctx, batchId: string, input: ConfirmPayouts): Promise<ConfirmationOutcome> {
  const [batch, beneficiaries] = await readTogether(batchRead(batchId), batchBeneficiariesRead(batchId));
  if (!batch) throw new NotFoundError('payout batch');
  refuseOwnRecord(ctx, beneficiaries ?? [], 'a payout batch');
  const paidFen = paidTotal(batch, input.lines);
  if (paidFen <= makerCheckerAboveFen()) return { applied: await applyLines(ctx, batch, input.lines) };
  if (batch.status !== 'approved') throw new ConflictError('Only an approved batch takes confirmations.', 'BATCH_NOT_APPROVED');
  const confirmation: BankConfirmation = {
    id: newId('bcf'),
    batchId,
    programmeId: batch.programmeId,
    status: 'pending',
    lines: input.lines,
    paidFen,
    recordedBy: ctx.actor.sub,
    recordedAt: ctx.now.toISOString(),
    version: 1,
  };
  await commit(
    ctx,
    [
      createBankConfirmationWrite(confirmation),
      auditRecord(ctx, { action: 'bankConfirmation.recorded', entityType: 'payoutBatch', entityId: batchId, after: confirmation }),
    ],
    { answer: { status: 202, body: confirmation, version: confirmation.version } },
  );
  return { pending: confirmation };
}

export async function requireBankConfirmation(id: string): Promise<BankConfirmation> {
  const confirmation = await getBankConfirmation(id);
  if (!confirmation) throw new NotFoundError('bank confirmation');
  return confirmation;
}

/**
 * A second finance user (not the one who recorded it, nor anyone the batch pays) confirms a recorded
 * bank confirmation; its lines are then booked exactly as a direct confirmation would book them.
 * The approval is marked first, so only one checker approves; the same checker may run it again to
 * finish lines an interruption left (each line is booked once, whatever happens).
 */
export async function approveBankConfirmation(ctx: Ctx, id: string): Promise<{ batch: PayoutBatch; lines: LineResult[] }> {
  const approved = await retryOnConflict(async () => {
    const confirmation = await requireBankConfirmation(id);
    if (confirmation.recordedBy === ctx.actor.sub) {
      throw new ForbiddenError('The user who recorded a bank confirmation may not confirm it.', 'SELF_APPROVAL');
    }
    refuseOwnRecord(ctx, await batchBeneficiaries(confirmation.batchId), 'a payout batch');
    if (confirmation.status === 'approved') {
      if (confirmation.approvedBy !== ctx.actor.sub) throw new ConflictError('Another finance user has confirmed this already.', 'ALREADY_APPROVED');
      return confirmation;
    }
    const after: BankConfirmation = {
      ...confirmation,
      status: 'approved',
      approvedBy: ctx.actor.sub,
      approvedAt: ctx.now.toISOString(),
      version: confirmation.version + 1,
    };
    await commit(ctx, [
      saveBankConfirmationWrite(after, confirmation.version),
      auditRecord(ctx, { action: 'bankConfirmation.approved', entityType: 'payoutBatch', entityId: confirmation.batchId, before: confirmation, after }),
    ]);
    return after;
  });
  return applyLines(ctx, await requireBatch(approved.batchId), approved.lines);
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

const LEDGER_COLUMNS = [
  'sequence',
  'at',
  'kind',
  'claimId',
  'batchId',
  'amountYuan',
  'bankReference',
  'reversesEntryId',
  'reason',
  'runningPaidYuan',
  'runningReversedYuan',
  'runningNetYuan',
  'entryId',
  'by',
] as const;

/**
 * A programme's ledger (between two Beijing-time days, if given) as CSV, in order, with the running
 * totals of each entry: the whole period, read a page of 100 at a time from its own partition.
 */
export async function exportLedgerCsv(programmeId: string, from: string | undefined, to: string | undefined): Promise<string> {
  await requireTotals(programmeId);
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listLedger(programmeId, from, to, { limit: 100, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv(
    LEDGER_COLUMNS,
    entries.map((e) => [
      e.sequence,
      e.at,
      e.kind,
      e.claimId,
      e.batchId,
      yuan(e.amountFen),
      e.bankReference,
      e.reversesEntryId,
      e.reason,
      yuan(e.runningPaidFen),
      yuan(e.runningReversedFen),
      yuan(e.runningNetFen),
      e.id,
      e.by,
    ]),
  );
}
