import { auditRecord, commit } from '../audit';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import type { TxItem } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports';
import { releaseHoldWrites } from '../claims';
import { entryWith, ledgerEvent, ledgerLane, makerCheckerAboveFen, requireTotals } from './ledger-entries';
import {
  createReversalRequestWrite,
  decideReversalRequestWrite,
  getLedgerEntry,
  getReversalRequest,
  getReversals,
  ledgerEntryWrite,
  ledgerTotalsWrite,
  reversalCounterWrite,
  reversalHoldWrite,
  reversalOfHeldWrite,
} from './repository';
import type { LedgerEntry, RefuseReversal, ReversalRequest, ReverseEntry } from './schema';
import { beneficiariesOf, fromClaimItem, getClaimItem, saveClaimWrite, type ClaimItem } from '../claims';

async function payment(entryId: string): Promise<LedgerEntry> {
  // Entries are immutable: read once, outside any retries.
  const original = await getLedgerEntry(entryId);
  if (!original) throw new NotFoundError('ledger entry');
  if (original.kind !== 'payment') throw new UnprocessableError('Only a payment can be reversed.', 'NOT_REVERSIBLE');
  return original;
}

async function paidClaim(original: LedgerEntry): Promise<ClaimItem> {
  const claim = await getClaimItem(original.claimId);
  if (!claim) throw new NotFoundError('claim');
  return claim;
}

/**
 * The writes of a reversing entry: the entry, the programme's totals and the month's counters, and
 * the claim becoming `reversed` (its holds freed, so a corrected claim may be made) once the
 * payment is reversed in full. `counter` is the change to the entry's reversal counter.
 */
async function reversalWrites(ctx: Ctx, original: LedgerEntry, amountFen: number, reason: string, counter: TxItem) {
  // The totals first, then the counter: every reversal advances the totals' ledgerSeq, so one that
  // committed after this read fails this transaction's sequence condition, and one that committed
  // before it shows in the counter read next. Read the other way round, two reversals that finish
  // the payment together could each miss the other and leave the claim `paid`.
  const totals = await requireTotals(original.programmeId);
  const { reversedFen: reversedBefore } = await getReversals(original.id);
  const claim = await paidClaim(original);
  const entry = entryWith(totals, {
    id: newId('led'),
    programmeId: original.programmeId,
    programmeKind: original.programmeKind,
    kind: 'reversal',
    claimId: original.claimId,
    amountFen: -amountFen,
    reversesEntryId: original.id,
    reason,
    at: ctx.now.toISOString(),
    by: ctx.actor.sub,
  });
  const kind = original.programmeKind;
  const whole = reversedBefore + amountFen === original.amountFen;
  const claimAfter: ClaimItem | undefined = whole ? { ...claim, status: 'reversed', holds: [], updatedAt: entry.at, version: claim.version + 1 } : undefined;
  const writes: TxItem[] = [
    counter,
    ledgerEntryWrite(entry),
    ledgerTotalsWrite(original.programmeId, totals.ledgerSeq, { reversedFen: amountFen }),
    ...countWrites(monthOf(ctx.now), {
      reversed_fen: amountFen,
      [`reversed_fen__${kind}`]: amountFen,
      [`reversed_fen_by_policy__${claim.policy}`]: amountFen,
    }),
    ...(claimAfter ? [saveClaimWrite(claimAfter, claim.version), ...releaseHoldWrites(claim.holds ?? [], claim.id)] : []),
    auditRecord(ctx, { action: 'ledger.reversal', entityType: 'ledgerEntry', entityId: entry.id, after: entry, event: ledgerEvent(entry) }),
    ...(claimAfter
      ? [
          auditRecord(ctx, {
            action: 'claim.reversed',
            entityType: 'claim',
            entityId: claim.id,
            before: fromClaimItem(claim),
            after: fromClaimItem(claimAfter),
          }),
        ]
      : []),
  ];
  return { entry, writes };
}

export type ReversalOutcome = { entry: LedgerEntry } | { pending: ReversalRequest };

/**
 * Corrects a payment by a negative entry; the reversals of an entry never exceed it. Above the
 * maker-checker threshold the reversal is only requested: its amount is set aside (so parallel
 * reversals still cannot exceed the payment) until a second finance user confirms or refuses it.
 */
export async function reverseEntry(ctx: Ctx, entryId: string, input: ReverseEntry): Promise<ReversalOutcome> {
  const original = await payment(entryId);
  refuseOwnRecord(ctx, beneficiariesOf(await paidClaim(original)), 'a payment');
  const exceeds = (held: number) =>
    new UnprocessableError('Reversals of an entry may not exceed the amount paid.', 'REVERSAL_EXCEEDS_ENTRY', {
      originalFen: original.amountFen,
      reversedFen: held,
    });
  if (input.amountFen > makerCheckerAboveFen()) {
    const { heldFen } = await getReversals(entryId);
    if (heldFen + input.amountFen > original.amountFen) throw exceeds(heldFen);
    const request: ReversalRequest = {
      id: newId('rvr'),
      entryId,
      programmeId: original.programmeId,
      claimId: original.claimId,
      amountFen: input.amountFen,
      reason: input.reason,
      status: 'pending',
      requestedBy: ctx.actor.sub,
      requestedAt: ctx.now.toISOString(),
      version: 1,
    };
    await commit(
      ctx,
      [
        reversalHoldWrite(entryId, original.amountFen, input.amountFen),
        createReversalRequestWrite(request),
        auditRecord(ctx, { action: 'ledger.reversal_requested', entityType: 'ledgerEntry', entityId: entryId, after: request }),
      ],
      { answer: { status: 202, body: request, version: request.version } },
    );
    return { pending: request };
  }
  return ledgerLane(original.programmeId, async () => {
    const { heldFen } = await getReversals(entryId);
    if (heldFen + input.amountFen > original.amountFen) throw exceeds(heldFen);
    const { entry, writes } = await reversalWrites(
      ctx,
      original,
      input.amountFen,
      input.reason,
      reversalCounterWrite(entryId, original.amountFen, input.amountFen),
    );
    await commit(ctx, writes, { answer: { status: 201, body: entry } });
    return { entry };
  });
}

export async function requireReversalRequest(id: string): Promise<ReversalRequest> {
  const request = await getReversalRequest(id);
  if (!request) throw new NotFoundError('reversal request');
  return request;
}

function checker(ctx: Ctx, request: ReversalRequest): void {
  if (request.requestedBy === ctx.actor.sub) throw new ForbiddenError('The user who requested a reversal may not confirm it.', 'SELF_APPROVAL');
}

/** A second finance user confirms a pending reversal: the reversing entry is written, once. */
export async function confirmReversal(ctx: Ctx, id: string): Promise<ReversalRequest> {
  const first = await requireReversalRequest(id);
  checker(ctx, first);
  const original = await payment(first.entryId);
  refuseOwnRecord(ctx, beneficiariesOf(await paidClaim(original)), 'a payment');
  return ledgerLane(original.programmeId, async () => {
    const request = await requireReversalRequest(id);
    if (request.status !== 'pending') throw new ConflictError(`The reversal request was already ${request.status}.`, 'REVERSAL_DECIDED');
    const { entry, writes } = await reversalWrites(
      ctx,
      original,
      request.amountFen,
      request.reason,
      reversalOfHeldWrite(request.entryId, original.amountFen, request.amountFen),
    );
    const after: ReversalRequest = {
      ...request,
      status: 'confirmed',
      decidedBy: ctx.actor.sub,
      decidedAt: ctx.now.toISOString(),
      ledgerEntryId: entry.id,
      version: request.version + 1,
    };
    await commit(
      ctx,
      [
        decideReversalRequestWrite(after, request.version),
        ...writes,
        auditRecord(ctx, { action: 'ledger.reversal_confirmed', entityType: 'ledgerEntry', entityId: request.entryId, before: request, after }),
      ],
      { answer: { status: 200, body: after, version: after.version } },
    );
    return after;
  });
}

/** A finance user refuses (or the requester withdraws) a pending reversal: the amount set aside is given back. */
export async function refuseReversal(ctx: Ctx, id: string, input: RefuseReversal): Promise<ReversalRequest> {
  const first = await requireReversalRequest(id);
  const original = await payment(first.entryId);
  return ledgerLane(original.programmeId, async () => {
    const request = await requireReversalRequest(id);
    if (request.status !== 'pending') throw new ConflictError(`The reversal request was already ${request.status}.`, 'REVERSAL_DECIDED');
    const after: ReversalRequest = {
      ...request,
      status: 'refused',
      decidedBy: ctx.actor.sub,
      decidedAt: ctx.now.toISOString(),
      refusalReason: input.reason,
      version: request.version + 1,
    };
    await commit(ctx, [
      decideReversalRequestWrite(after, request.version),
      reversalHoldWrite(request.entryId, original.amountFen, -request.amountFen),
      auditRecord(ctx, { action: 'ledger.reversal_refused', entityType: 'ledgerEntry', entityId: request.entryId, before: request, after }),
    ]);
    return after;
  });
}
