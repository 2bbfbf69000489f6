import { dayOf } from '../clock';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, UnprocessableError } from '../errors';
import type { BankConfirmation, BatchLine, LedgerEntry, PayoutBatch, ReversalRequest } from './schema';
import { programmeKeys } from '../programmes';

/** Keys of payout batches and the disbursement ledger. */
export const payoutKeys = {
  batch: (id: string) => ({ pk: `PAYOUT_BATCH#${id}`, sk: 'BATCH' }),
  batchesOf: (programmeId: string) => `PAYOUT_BATCHES#${programmeId}`,
  /** Every programme's batches of one status, newest first: what waits for approval, confirmation… */
  batchesIn: (status: string) => `PAYOUT_BATCHES_IN#${status}`,
  /** One programme's batches of one status (gsi3), newest first. */
  batchesOfIn: (programmeId: string, status: string) => `PAYOUT_BATCHES_OF#${programmeId}#${status}`,
  entry: (id: string) => ({ pk: `LEDGER_ENTRY#${id}`, sk: 'ENTRY' }),
  /**
   * How much of a payment entry has been reversed: a counter beside the immutable entry, in a
   * partition of its own so that IAM can deny updates of `LEDGER_ENTRY#…` and still allow this one.
   */
  reversals: (entryId: string) => ({ pk: `LEDGER_REVERSALS#${entryId}`, sk: 'REVERSALS' }),
  ledgerOf: (programmeId: string) => `LEDGER#${programmeId}`,
  /** One payment per claim, ever: the last guard against paying a claim twice. */
  paidOnce: (claimId: string) => ({ pk: `PAID_ONCE#${claimId}`, sk: 'PAID_ONCE' }),
  /** The sum of a programme's batches approved on one Beijing-time day (the two-approver threshold). */
  approvedOn: (programmeId: string, day: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: `APPROVED_ON#${day}` }),
  beneficiaries: (batchId: string) => ({ pk: `PAYOUT_BATCH#${batchId}`, sk: 'BENEFICIARIES' }),
  bankConfirmation: (id: string) => ({ pk: `BANK_CONFIRMATION#${id}`, sk: 'BANK_CONFIRMATION' }),
  /** Bank confirmations of one status (pending: waiting for a second finance user), newest first. */
  bankConfirmationsIn: (status: string) => `BANK_CONFIRMATIONS_IN#${status}`,
  reversalRequest: (id: string) => ({ pk: `REVERSAL_REQUEST#${id}`, sk: 'REVERSAL_REQUEST' }),
  /** Reversal requests of one status (pending: waiting for a second finance user), newest first. */
  reversalRequestsIn: (status: string) => `REVERSAL_REQUESTS_IN#${status}`,
};

// ---- batches ----

type BatchItem = Omit<PayoutBatch, 'lines'> & { lines: Record<string, BatchLine> };

const batchSortKey = (batch: BatchItem) => `${batch.preparedAt}#${batch.id}`;

/** A batch; its lines a map by claim id, so each confirmation line is one conditional update of its own entry. */
export const PayoutBatchEntity = defineEntity<BatchItem, { id: string }>({
  name: 'payoutBatch',
  module: 'payouts',
  prefix: 'PAYOUT_BATCH#',
  skPrefix: 'BATCH',
  key: (batch) => payoutKeys.batch(batch.id),
  serves: 'one batch by id',
  indexes: {
    gsi1: { pk: (batch) => payoutKeys.batchesOf(batch.programmeId), sk: batchSortKey, serves: "a programme's batches, newest first" },
    gsi2: { pk: (batch) => payoutKeys.batchesIn(batch.status), sk: batchSortKey, serves: "every programme's batches of one status, newest first" },
    gsi3: {
      pk: (batch) => payoutKeys.batchesOfIn(batch.programmeId, batch.status),
      sk: batchSortKey,
      serves: "a programme's batches of one status, newest first",
    },
  },
});

/** The logins a batch pays, kept beside it (never on the batch's view). */
export const BatchBeneficiariesEntity = defineEntity<{ userIds: string[] }, { batchId: string }>({
  name: 'batchBeneficiaries',
  module: 'payouts',
  prefix: 'PAYOUT_BATCH#',
  skPrefix: 'BENEFICIARIES',
  key: (beneficiaries) => payoutKeys.beneficiaries(beneficiaries.batchId),
  serves: 'the logins a batch pays (never allowed to act on it)',
});

function batchItem(batch: PayoutBatch): BatchItem & { pk: string; sk: string } & Record<string, unknown> {
  return PayoutBatchEntity.toItem({ ...batch, lines: Object.fromEntries(batch.lines.map((line) => [line.claimId, line])) });
}

export async function getBatch(id: string): Promise<PayoutBatch | undefined> {
  const item = await getItem<BatchItem & Record<string, unknown>>(payoutKeys.batch(id));
  if (!item) return undefined;
  return fromBatchItem(item);
}

/** A batch, to read with other known keys in one call (`readTogether`). */
export function batchRead(id: string): Read<PayoutBatch> {
  return { key: payoutKeys.batch(id), from: (item) => fromBatchItem(item as BatchItem & Record<string, unknown>) };
}

function fromBatchItem(item: BatchItem & Record<string, unknown>): PayoutBatch {
  const { lines, ...batch } = PayoutBatchEntity.fromItem(item);
  return { ...(batch as Omit<PayoutBatch, 'lines'>), lines: Object.values(lines).sort((a, b) => a.claimId.localeCompare(b.claimId)) };
}

/** Every programme's batches of one status, newest first (one Query on the status's partition). */
/** Batches of one status (every programme), of one programme (every status), or of one programme in one status; newest first. */
export async function listBatchesIn(filter: { status?: PayoutBatch['status']; programmeId?: string }, page: PageQuery) {
  const { status, programmeId } = filter;
  const request =
    programmeId && status
      ? { index: 'gsi3' as const, partition: payoutKeys.batchesOfIn(programmeId, status) }
      : programmeId
        ? { index: 'gsi1' as const, partition: payoutKeys.batchesOf(programmeId) }
        : { index: 'gsi2' as const, partition: payoutKeys.batchesIn(status!) };
  const result = await queryPage<BatchItem & Record<string, unknown>>({ ...request, newestFirst: true, page });
  return { items: result.items.map(fromBatchItem), nextCursor: result.nextCursor };
}

/** The logins a batch pays (its claimants and their startups' founders): none of them may approve or confirm it. */
export function batchBeneficiariesRead(id: string): Read<string[]> {
  return { key: payoutKeys.beneficiaries(id), from: (item) => (item as { userIds?: string[] }).userIds ?? [] };
}

export async function batchBeneficiaries(id: string): Promise<string[]> {
  return (await getItem<{ userIds?: string[] }>(payoutKeys.beneficiaries(id)))?.userIds ?? [];
}

/** The batch, and beside it the logins it pays (fixed when it is prepared). */
export function createBatchWrite(batch: PayoutBatch, beneficiaryUserIds: string[]): TxItem[] {
  return [
    putNew(batchItem(batch), () => new ConflictError('Batch id collision; retry.')),
    putNew(
      { ...BatchBeneficiariesEntity.key({ batchId: batch.id }), entity: BatchBeneficiariesEntity.name, userIds: beneficiaryUserIds },
      () => new ConflictError('Batch id collision; retry.'),
    ),
  ];
}

/** Approvals and removals: the version condition makes changes of one batch serial (confirmations move it too). */
export function saveBatchWrite(batch: PayoutBatch, expectedVersion: number): TxItem {
  return putVersioned(batchItem({ ...batch, version: expectedVersion + 1 }), expectedVersion, () => new TransactionConflictError());
}

/** Records one line's outcome, once: the condition refuses a second outcome for the same line. */
export function confirmLineWrite(
  batchId: string,
  line: Required<Pick<BatchLine, 'claimId' | 'outcome' | 'bankReference'>> & { ledgerEntryId?: string },
): TxItem {
  const values: Record<string, unknown> = { ':outcome': line.outcome, ':ref': line.bankReference, ':one': 1, ':approved': 'approved' };
  let set = 'SET #lines.#claim.outcome = :outcome, #lines.#claim.bankReference = :ref';
  if (line.ledgerEntryId) {
    values[':entry'] = line.ledgerEntryId;
    set += ', #lines.#claim.ledgerEntryId = :entry';
  }
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.batch(batchId),
      // The version moves, so a removal of a line prepared from an older read fails and re-reads.
      UpdateExpression: `${set} ADD confirmedCount :one, version :one`,
      ConditionExpression: '#status = :approved AND attribute_exists(#lines.#claim) AND attribute_not_exists(#lines.#claim.outcome)',
      ExpressionAttributeNames: { '#status': 'status', '#lines': 'lines', '#claim': line.claimId },
      ExpressionAttributeValues: values,
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

/** The batch was settled meanwhile (or is not fully confirmed): the caller re-reads it. */
export class BatchNotSettleableError extends ConflictError {
  constructor() {
    super('The batch is not waiting to be settled.', 'BATCH_NOT_SETTLEABLE');
  }
}

/** Closes a batch once every line has an outcome. */
export function settleBatchWrite(batchId: string, programmeId: string, claimCount: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.batch(batchId),
      // The batch moves to the settled list with its status.
      UpdateExpression: 'SET #status = :settled, gsi2pk = :list, gsi3pk = :programmeList ADD version :one',
      ConditionExpression: '#status = :approved AND confirmedCount = :count',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':settled': 'settled',
        ':list': payoutKeys.batchesIn('settled'),
        ':programmeList': payoutKeys.batchesOfIn(programmeId, 'settled'),
        ':approved': 'approved',
        ':count': claimCount,
        ':one': 1,
      },
    },
    onConditionFailed: () => new BatchNotSettleableError(),
  };
}

// ---- the day's approvals (two-approver threshold) ----

/** The sum (fen) of a programme's batches approved in one Beijing day, to read with other known keys. */
export function approvedOnRead(programmeId: string, day: string): Read<number> {
  return { key: payoutKeys.approvedOn(programmeId, day), from: (item) => (item as { approvedFen?: number }).approvedFen ?? 0 };
}

export async function getApprovedOn(programmeId: string, day: string): Promise<number> {
  return (await getItem<{ approvedFen?: number }>(payoutKeys.approvedOn(programmeId, day)))?.approvedFen ?? 0;
}

/**
 * Adds an approved batch to the programme's sum of the day. With `threshold` (a single approver) the
 * sum must stay within it; when a parallel approval took the room, the approval is decided again.
 */
export function approvedOnWrite(programmeId: string, day: string, totalFen: number, threshold?: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.approvedOn(programmeId, day),
      UpdateExpression: 'SET entity = :entity ADD approvedFen :total',
      ...(threshold === undefined
        ? { ExpressionAttributeValues: { ':entity': ApprovedOnDayEntity.name, ':total': totalFen } }
        : {
            ConditionExpression: 'attribute_not_exists(approvedFen) OR approvedFen <= :room',
            ExpressionAttributeValues: { ':entity': ApprovedOnDayEntity.name, ':total': totalFen, ':room': threshold - totalFen },
          }),
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

// ---- programme totals ----

/**
 * Commits a batch's total against the budget. DynamoDB conditions cannot add, so `usedFen`
 * (committed + paid − reversed) is kept beside the parts and the condition is `usedFen <= budget − total`.
 */
export function commitBudgetWrite(programmeId: string, budgetFen: number, totalFen: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: programmeKeys.totals(programmeId),
      UpdateExpression: 'ADD committedFen :total, usedFen :total',
      ConditionExpression: 'usedFen <= :room',
      ExpressionAttributeValues: { ':total': totalFen, ':room': budgetFen - totalFen },
    },
    onConditionFailed: () => new ConflictError('Approving this batch would take the programme over its budget.', 'BUDGET_EXCEEDED', { totalFen }),
  };
}

/** A failed payment gives its commitment back to the budget. */
export function releaseCommitmentWrite(programmeId: string, amountFen: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: programmeKeys.totals(programmeId),
      UpdateExpression: 'ADD committedFen :minus, usedFen :minus',
      ConditionExpression: 'committedFen >= :amount',
      ExpressionAttributeValues: { ':minus': -amountFen, ':amount': amountFen },
    },
    onConditionFailed: () => new ConflictError('The programme has no such commitment to release.', 'LEDGER_INCONSISTENT'),
  };
}

/**
 * A ledger write's effect on the totals. `ledgerSeq = :seq` serialises the programme's ledger: the
 * entry's sequence and running totals are exact, and a concurrent writer re-reads and retries.
 */
export function ledgerTotalsWrite(programmeId: string, seq: number, change: { paidFen?: number; reversedFen?: number }): TxItem {
  const paid = change.paidFen ?? 0;
  const reversed = change.reversedFen ?? 0;
  return {
    Update: {
      TableName: tableName(),
      Key: programmeKeys.totals(programmeId),
      UpdateExpression: 'SET ledgerSeq = :next ADD committedFen :committed, paidFen :paid, reversedFen :reversed, usedFen :used',
      ConditionExpression: paid > 0 ? 'ledgerSeq = :seq AND committedFen >= :paid' : 'ledgerSeq = :seq',
      ExpressionAttributeValues: { ':seq': seq, ':next': seq + 1, ':committed': -paid, ':paid': paid, ':reversed': reversed, ':used': -reversed },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

// ---- ledger ----

type EntryItem = LedgerEntry & Record<string, unknown>;

/** One ledger entry, immutable (IAM denies its updates): payments and reversals. */
export const LedgerEntryEntity = defineEntity<LedgerEntry, { id: string }>({
  name: 'ledgerEntry',
  module: 'payouts',
  prefix: 'LEDGER_ENTRY#',
  key: (entry) => payoutKeys.entry(entry.id),
  serves: 'one ledger entry by id',
  indexes: {
    gsi1: {
      pk: (entry) => payoutKeys.ledgerOf(entry.programmeId),
      // The Beijing-time day, so that `from`/`to` of the ledger are the centre's days.
      sk: (entry) => `${dayOf(new Date(entry.at))}#${String(entry.sequence).padStart(10, '0')}`,
      skTemplate: '{Beijing day of at}#{sequence, 10 digits}',
      serves: "a programme's ledger by Beijing day and sequence",
    },
  },
});

/** How much of a payment entry has been reversed (and held by pending requests), beside the immutable entry. */
export const LedgerReversalsEntity = defineEntity<{ reversedFen: number; heldFen: number }, { entryId: string }>({
  name: 'ledgerReversals',
  module: 'payouts',
  prefix: 'LEDGER_REVERSALS#',
  key: (counter) => payoutKeys.reversals(counter.entryId),
  serves: "a payment entry's reversed and held money, within the amount paid",
});

/** One payment per claim, ever. */
export const PaidOnceEntity = defineEntity<{ ledgerEntryId: string }, { claimId: string }>({
  name: 'paidOnce',
  module: 'payouts',
  prefix: 'PAID_ONCE#',
  key: (mark) => payoutKeys.paidOnce(mark.claimId),
  serves: 'once-only: the payment of a claim',
});

/** The sum of a programme's batches approved on one Beijing-time day, in the programme's partition. */
export const ApprovedOnDayEntity = defineEntity<{ approvedFen: number }, { programmeId: string; day: string }>({
  name: 'approvedOnDay',
  module: 'payouts',
  prefix: 'PROGRAMME#',
  skPrefix: 'APPROVED_ON#',
  key: (day) => payoutKeys.approvedOn(day.programmeId, day.day),
  serves: "a programme's money approved on one day (the two-approver threshold)",
});

export const BankConfirmationEntity = defineEntity<BankConfirmation, { id: string }>({
  name: 'bankConfirmation',
  module: 'payouts',
  prefix: 'BANK_CONFIRMATION#',
  key: (confirmation) => payoutKeys.bankConfirmation(confirmation.id),
  serves: 'one bank confirmation by id',
  indexes: {
    gsi1: {
      pk: (confirmation) => payoutKeys.bankConfirmationsIn(confirmation.status),
      sk: (confirmation) => `${confirmation.recordedAt}#${confirmation.id}`,
      serves: 'bank confirmations of one status, newest first',
    },
  },
});

export const ReversalRequestEntity = defineEntity<ReversalRequest, { id: string }>({
  name: 'reversalRequest',
  module: 'payouts',
  prefix: 'REVERSAL_REQUEST#',
  key: (request) => payoutKeys.reversalRequest(request.id),
  serves: 'one reversal request by id',
  indexes: {
    gsi1: {
      pk: (request) => payoutKeys.reversalRequestsIn(request.status),
      sk: (request) => `${request.requestedAt}#${request.id}`,
      serves: 'reversal requests of one status, newest first',
    },
  },
});

export function ledgerEntryWrite(entry: LedgerEntry): TxItem {
  return putNew(LedgerEntryEntity.toItem(entry), () => new ConflictError('Ledger entries are never overwritten.', 'LEDGER_APPEND_ONLY'));
}

export function paidOnceWrite(claimId: string, entryId: string): TxItem {
  return putNew({ ...PaidOnceEntity.key({ claimId }), entity: PaidOnceEntity.name, ledgerEntryId: entryId }, () => new TransactionConflictError());
}

/**
 * The reversal counter beside a payment entry: `reversedFen` written by reversals, `heldFen` the
 * reversed money plus what pending reversal requests have set aside. Conditions cannot add, so
 * `heldFen` is kept in step and the condition is `heldFen <= original − amount`.
 */
function reversalCounter(entryId: string, originalFen: number, change: { reversedFen: number; heldFen: number }, check: boolean): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.reversals(entryId),
      UpdateExpression: 'SET entity = :entity ADD reversedFen :reversed, heldFen :held',
      ...(check ? { ConditionExpression: 'attribute_not_exists(heldFen) OR heldFen <= :room' } : {}),
      ExpressionAttributeValues: {
        ':entity': LedgerReversalsEntity.name,
        ':reversed': change.reversedFen,
        ':held': change.heldFen,
        ...(check ? { ':room': originalFen - change.heldFen } : {}),
      },
    },
    onConditionFailed: () => new UnprocessableError('Reversals of an entry may not exceed the amount paid.', 'REVERSAL_EXCEEDS_ENTRY', { originalFen }),
  };
}

/** A reversal written at once: reversed and held grow together, within the original amount. */
export function reversalCounterWrite(entryId: string, originalFen: number, amountFen: number): TxItem {
  return reversalCounter(entryId, originalFen, { reversedFen: amountFen, heldFen: amountFen }, true);
}

/** A reversal request sets its amount aside (or gives it back when refused), within the original amount. */
export function reversalHoldWrite(entryId: string, originalFen: number, amountFen: number): TxItem {
  return reversalCounter(entryId, originalFen, { reversedFen: 0, heldFen: amountFen }, amountFen > 0);
}

/** A confirmed request turns the money it set aside into a reversal. */
export function reversalOfHeldWrite(entryId: string, originalFen: number, amountFen: number): TxItem {
  return reversalCounter(entryId, originalFen, { reversedFen: amountFen, heldFen: 0 }, false);
}

export async function getLedgerEntry(id: string): Promise<LedgerEntry | undefined> {
  const item = await getItem<EntryItem>(payoutKeys.entry(id));
  if (!item) return undefined;
  return LedgerEntryEntity.fromItem(item);
}

export async function getReversals(entryId: string): Promise<{ reversedFen: number; heldFen: number }> {
  const item = await getItem<{ reversedFen?: number; heldFen?: number }>(payoutKeys.reversals(entryId));
  return { reversedFen: item?.reversedFen ?? 0, heldFen: item?.heldFen ?? item?.reversedFen ?? 0 };
}

// ---- maker-checker records ----

export async function getBankConfirmation(id: string): Promise<BankConfirmation | undefined> {
  const item = await getItem<Record<string, unknown>>(payoutKeys.bankConfirmation(id));
  if (!item) return undefined;
  return fromBankConfirmationItem(item);
}

const fromBankConfirmationItem = BankConfirmationEntity.fromItem;
const bankConfirmationItem = BankConfirmationEntity.toItem;

export function createBankConfirmationWrite(confirmation: BankConfirmation): TxItem {
  return putNew(bankConfirmationItem(confirmation), () => new ConflictError('Id collision; retry.'));
}

export function saveBankConfirmationWrite(confirmation: BankConfirmation, expectedVersion: number): TxItem {
  return putVersioned(bankConfirmationItem(confirmation), expectedVersion, () => new TransactionConflictError());
}

/** Bank confirmations of one status, newest first. */
export async function listBankConfirmationsIn(status: BankConfirmation['status'], page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: payoutKeys.bankConfirmationsIn(status), newestFirst: true, page });
  return { items: result.items.map(fromBankConfirmationItem), nextCursor: result.nextCursor };
}

export async function getReversalRequest(id: string): Promise<ReversalRequest | undefined> {
  const item = await getItem<Record<string, unknown>>(payoutKeys.reversalRequest(id));
  if (!item) return undefined;
  return fromReversalRequestItem(item);
}

const fromReversalRequestItem = ReversalRequestEntity.fromItem;
const reversalRequestItem = ReversalRequestEntity.toItem;

export function createReversalRequestWrite(request: ReversalRequest): TxItem {
  return putNew(reversalRequestItem(request), () => new ConflictError('Id collision; retry.'));
}

/** Reversal requests of one status, newest first. */
export async function listReversalRequestsIn(status: ReversalRequest['status'], page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: payoutKeys.reversalRequestsIn(status), newestFirst: true, page });
  return { items: result.items.map(fromReversalRequestItem), nextCursor: result.nextCursor };
}

/** Decides a pending request once: a second decision, even at the same moment, finds it decided. */
export function decideReversalRequestWrite(request: ReversalRequest, expectedVersion: number): TxItem {
  return putVersioned(reversalRequestItem(request), expectedVersion, () => new TransactionConflictError());
}

export async function listLedger(programmeId: string, from: string | undefined, to: string | undefined, page: PageQuery) {
  const result = await queryPage<EntryItem>({
    index: 'gsi1',
    partition: payoutKeys.ledgerOf(programmeId),
    between: [from ?? '0000-00-00', `${to ?? '9999-12-31'}#~`],
    page,
  });
  return {
    items: result.items.map(LedgerEntryEntity.fromItem),
    nextCursor: result.nextCursor,
  };
}
