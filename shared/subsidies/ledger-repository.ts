import { dayOf } from '../clock';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, UnprocessableError } from '../errors';
import type { BatchLine, LedgerEntry, PayoutBatch } from './payout-schema';
import { subsidyKeys } from './repository';

/** Keys of payout batches and the disbursement ledger. */
export const payoutKeys = {
  batch: (id: string) => ({ pk: `PAYOUT_BATCH#${id}`, sk: 'BATCH' }),
  batchesOf: (programmeId: string) => `PAYOUT_BATCHES#${programmeId}`,
  entry: (id: string) => ({ pk: `LEDGER_ENTRY#${id}`, sk: 'ENTRY' }),
  /** How much of a payment entry has been reversed: a counter beside the immutable entry. */
  reversals: (entryId: string) => ({ pk: `LEDGER_ENTRY#${entryId}`, sk: 'REVERSALS' }),
  ledgerOf: (programmeId: string) => `LEDGER#${programmeId}`,
  /** One payment per claim, ever: the last guard against paying a claim twice. */
  paidOnce: (claimId: string) => ({ pk: `PAID_ONCE#${claimId}`, sk: 'PAID_ONCE' }),
};

// ---- batches ----

type BatchItem = Omit<PayoutBatch, 'lines'> & { lines: Record<string, BatchLine> };

function batchItem(batch: PayoutBatch): BatchItem & { pk: string; sk: string } & Record<string, unknown> {
  return {
    ...payoutKeys.batch(batch.id),
    entity: 'payoutBatch',
    ...batch,
    // A map by claim id, so each confirmation line is one conditional update of its own entry.
    lines: Object.fromEntries(batch.lines.map((line) => [line.claimId, line])),
    gsi1pk: payoutKeys.batchesOf(batch.programmeId),
    gsi1sk: `${batch.preparedAt}#${batch.id}`,
  };
}

export async function getBatch(id: string): Promise<PayoutBatch | undefined> {
  const item = await getItem<BatchItem & Record<string, unknown>>(payoutKeys.batch(id));
  if (!item) return undefined;
  const { pk: _p, sk: _s, entity: _e, gsi1pk: _a, gsi1sk: _b, lines, ...batch } = item;
  return { ...(batch as Omit<PayoutBatch, 'lines'>), lines: Object.values(lines).sort((a, b) => a.claimId.localeCompare(b.claimId)) };
}

export function createBatchWrite(batch: PayoutBatch): TxItem {
  return putNew(batchItem(batch), () => new ConflictError('Batch id collision; retry.'));
}

/** Approvals (lines untouched): the version condition makes two approvals of one batch serial. */
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
      UpdateExpression: `${set} ADD confirmedCount :one`,
      ConditionExpression: '#status = :approved AND attribute_exists(#lines.#claim) AND attribute_not_exists(#lines.#claim.outcome)',
      ExpressionAttributeNames: { '#status': 'status', '#lines': 'lines', '#claim': line.claimId },
      ExpressionAttributeValues: values,
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

/** Closes a batch once every line has an outcome. */
export function settleBatchWrite(batchId: string, claimCount: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.batch(batchId),
      UpdateExpression: 'SET #status = :settled ADD version :one',
      ConditionExpression: '#status = :approved AND confirmedCount = :count',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':settled': 'settled', ':approved': 'approved', ':count': claimCount, ':one': 1 },
    },
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
      Key: subsidyKeys.totals(programmeId),
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
      Key: subsidyKeys.totals(programmeId),
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
      Key: subsidyKeys.totals(programmeId),
      UpdateExpression: 'SET ledgerSeq = :next ADD committedFen :committed, paidFen :paid, reversedFen :reversed, usedFen :used',
      ConditionExpression: paid > 0 ? 'ledgerSeq = :seq AND committedFen >= :paid' : 'ledgerSeq = :seq',
      ExpressionAttributeValues: { ':seq': seq, ':next': seq + 1, ':committed': -paid, ':paid': paid, ':reversed': reversed, ':used': -reversed },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

// ---- ledger ----

type EntryItem = LedgerEntry & Record<string, unknown>;

export function ledgerEntryWrite(entry: LedgerEntry): TxItem {
  return putNew(
    {
      ...payoutKeys.entry(entry.id),
      entity: 'ledgerEntry',
      ...entry,
      gsi1pk: payoutKeys.ledgerOf(entry.programmeId),
      // The Beijing-time day, so that `from`/`to` of the ledger are the centre's days.
      gsi1sk: `${dayOf(new Date(entry.at))}#${String(entry.sequence).padStart(10, '0')}`,
    },
    () => new ConflictError('Ledger entries are never overwritten.', 'LEDGER_APPEND_ONLY'),
  );
}

export function paidOnceWrite(claimId: string, entryId: string): TxItem {
  return putNew({ ...payoutKeys.paidOnce(claimId), entity: 'paidOnce', ledgerEntryId: entryId }, () => new TransactionConflictError());
}

/** Adds a reversal to an entry's counter; the condition keeps the total within the original amount. */
export function reversalCounterWrite(entryId: string, originalFen: number, amountFen: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: payoutKeys.reversals(entryId),
      UpdateExpression: 'SET entity = :entity ADD reversedFen :amount',
      ConditionExpression: 'attribute_not_exists(reversedFen) OR reversedFen <= :room',
      ExpressionAttributeValues: { ':entity': 'ledgerReversals', ':amount': amountFen, ':room': originalFen - amountFen },
    },
    onConditionFailed: () => new UnprocessableError('Reversals of an entry may not exceed the amount paid.', 'REVERSAL_EXCEEDS_ENTRY', { originalFen }),
  };
}

export async function getLedgerEntry(id: string): Promise<LedgerEntry | undefined> {
  const item = await getItem<EntryItem>(payoutKeys.entry(id));
  if (!item) return undefined;
  const { pk: _p, sk: _s, entity: _e, gsi1pk: _a, gsi1sk: _b, ...entry } = item;
  return entry as LedgerEntry;
}

export async function getReversedFen(entryId: string): Promise<number> {
  return (await getItem<{ reversedFen?: number }>(payoutKeys.reversals(entryId)))?.reversedFen ?? 0;
}

export async function listLedger(programmeId: string, from: string | undefined, to: string | undefined, page: PageQuery) {
  const result = await queryPage<EntryItem>({
    index: 'gsi1',
    partition: payoutKeys.ledgerOf(programmeId),
    between: [from ?? '0000-00-00', `${to ?? '9999-12-31'}#~`],
    page,
  });
  return {
    items: result.items.map(({ pk: _p, sk: _s, entity: _e, gsi1pk: _a, gsi1sk: _b, ...entry }) => entry as LedgerEntry),
    nextCursor: result.nextCursor,
  };
}
