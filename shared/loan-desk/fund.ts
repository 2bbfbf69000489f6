import { auditRecord, commit } from '../audit';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import { defineEntity } from '../db/entity';
import { getItem, putNew } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { retryOnConflict, TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import { getLoanPolicy, versionOn } from './policy';
import type { CreateGuaranteeFund, FundDeposit, FundEntry, FundLoan, GuaranteeFund, OnTimeRate } from './schema';

/**
 * The guarantee fund (担保基金): one item holds its balance, the loans it guarantees still
 * outstanding, its multiple and its headroom (multiple × balance − outstanding). A guarantee takes
 * its amount from the headroom under `headroomFen >= :amount` in the guarantee's own transaction,
 * so parallel guarantees never take the fund past its multiple. Deposits, compensations and
 * recoveries are ledger entries in the fund's partition, each written with the fund's new balance.
 * Changes that scale by the multiple (money in or out) are conditioned on the multiple read.
 */
export const fundKeys = {
  fund: (id: string) => ({ pk: `GUARANTEE_FUND#${id}`, sk: 'FUND' }),
  entry: (id: string, day: string, entryId: string) => ({ pk: `GUARANTEE_FUND#${id}`, sk: `ENTRY#${day}#${entryId}` }),
  loan: (id: string, applicationId: string) => ({ pk: `GUARANTEE_FUND#${id}`, sk: `LOAN#${applicationId}` }),
  onTime: (id: string, year: number) => ({ pk: `GUARANTEE_FUND#${id}`, sk: `ONTIME#${year}` }),
  partition: (id: string) => `GUARANTEE_FUND#${id}`,
  all: () => 'GUARANTEE_FUNDS',
};

type StoredFund = Omit<GuaranteeFund, 'lastYear'>;

export const GuaranteeFundEntity = defineEntity<StoredFund, { id: string }>({
  name: 'guaranteeFund',
  module: 'loan-desk',
  prefix: 'GUARANTEE_FUND#',
  skPrefix: 'FUND',
  key: (f) => fundKeys.fund(f.id),
  serves: 'one guarantee fund: balance, outstanding, multiple and headroom (the guarantee’s condition)',
  indexes: { gsi1: { pk: () => fundKeys.all(), sk: (f) => `${f.createdAt}#${f.id}`, serves: 'the guarantee funds, oldest first' } },
});

export const GuaranteeFundEntryEntity = defineEntity<FundEntry, { fundId: string; day: string; id: string }>({
  name: 'guaranteeFundEntry',
  module: 'loan-desk',
  prefix: 'GUARANTEE_FUND#',
  skPrefix: 'ENTRY#',
  key: (e) => fundKeys.entry(e.fundId, e.day, e.id),
  serves: 'a fund’s ledger (deposits, compensations, recoveries) by day',
});

export const GuaranteeFundLoanEntity = defineEntity<FundLoan, { fundId: string; applicationId: string }>({
  name: 'guaranteeFundLoan',
  module: 'loan-desk',
  prefix: 'GUARANTEE_FUND#',
  skPrefix: 'LOAN#',
  key: (l) => fundKeys.loan(l.fundId, l.applicationId),
  serves: 'the loan applications a fund guarantees',
});

export const GuaranteeFundOnTimeEntity = defineEntity<{ instalments: number; onTime: number }, { fundId: string; year: number }>({
  name: 'guaranteeFundOnTime',
  module: 'loan-desk',
  prefix: 'GUARANTEE_FUND#',
  skPrefix: 'ONTIME#',
  key: (c) => fundKeys.onTime(c.fundId, c.year),
  serves: 'instalments of a fund’s loans falling due in a year, and those paid on time (the rate that sets the multiple)',
});

const strip = <T>(item: Record<string, unknown>): T => GuaranteeFundEntity.fromItem(item) as unknown as T;

export async function fundRecord(id: string): Promise<StoredFund> {
  const item = await getItem<Record<string, unknown>>(fundKeys.fund(id));
  if (!item) throw new NotFoundError('guarantee fund');
  return strip<StoredFund>(item);
}

async function onTimeRate(id: string, year: number): Promise<OnTimeRate> {
  const item = await getItem<{ instalments?: number; onTime?: number }>(fundKeys.onTime(id, year));
  const instalments = item?.instalments ?? 0;
  const onTime = item?.onTime ?? 0;
  return { year, instalments, onTime, rateBp: instalments === 0 ? null : Math.floor((onTime * 10_000) / instalments) };
}

/** A fund with last year's (Beijing time) on-time repayment rate of its loans, as of now. */
export async function getFund(ctx: Ctx, id: string): Promise<GuaranteeFund> {
  const fund = await fundRecord(id);
  return { ...fund, lastYear: await onTimeRate(id, Number(dayOf(ctx.now).slice(0, 4)) - 1) };
}

async function policyToday(ctx: Ctx) {
  const day = dayOf(ctx.now);
  const policy = versionOn(await getLoanPolicy(), day);
  if (!policy) throw new ConflictError(`No loan policy applies on ${day}.`, 'NO_LOAN_POLICY');
  return policy;
}

export async function createFund(ctx: Ctx, input: CreateGuaranteeFund): Promise<GuaranteeFund> {
  const at = ctx.now.toISOString();
  const fund: StoredFund = {
    id: newId('gfd'),
    name: input.name,
    balanceFen: 0,
    outstandingFen: 0,
    multiple: (await policyToday(ctx)).fundMultiple,
    headroomFen: 0,
    createdAt: at,
    version: 1,
  };
  await commit(ctx, [
    putNew(
      { ...fundKeys.fund(fund.id), entity: 'guaranteeFund', ...fund, gsi1pk: fundKeys.all(), gsi1sk: `${at}#${fund.id}` },
      () => new ConflictError('Id collision; retry.'),
    ),
    auditRecord(ctx, { action: 'guaranteeFund.created', entityType: 'guaranteeFund', entityId: fund.id, after: fund }),
  ]);
  return { ...fund, lastYear: await onTimeRate(fund.id, Number(dayOf(ctx.now).slice(0, 4)) - 1) };
}

export async function listFunds(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: fundKeys.all(), page });
  return { items: result.items.map((item) => strip<GuaranteeFund>(item)), nextCursor: result.nextCursor };
}

/** Adds to the fund's figures in one update (a transaction touches the fund once); `condition` guards it. */
function fundUpdate(
  id: string,
  add: { balanceFen?: number; outstandingFen?: number; headroomFen?: number },
  condition?: { expression: string; values: Record<string, unknown>; onFailed: () => Error },
): TxItem {
  const values: Record<string, unknown> = { ...condition?.values };
  const parts: string[] = [];
  for (const [field, n] of Object.entries(add)) {
    if (!n) continue;
    values[`:${field}`] = n;
    parts.push(`${field} :${field}`);
  }
  return {
    Update: {
      TableName: tableName(),
      Key: fundKeys.fund(id),
      UpdateExpression: parts.length > 0 ? `ADD ${parts.join(', ')}` : 'SET entity = entity',
      ConditionExpression: condition ? `attribute_exists(pk) AND ${condition.expression}` : 'attribute_exists(pk)',
      ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined,
    },
    onConditionFailed: condition?.onFailed ?? (() => new NotFoundError('guarantee fund')),
  };
}

function entryWrite(ctx: Ctx, fundId: string, entry: Omit<FundEntry, 'id' | 'recordedBy' | 'at'>): TxItem {
  const id = newId('gfe');
  return putNew(
    {
      ...GuaranteeFundEntryEntity.key({ fundId, day: entry.day, id }),
      entity: GuaranteeFundEntryEntity.name,
      id,
      ...entry,
      recordedBy: ctx.actor.sub,
      at: ctx.now.toISOString(),
    },
    () => new ConflictError('Id collision; retry.'),
  );
}

/**
 * Money into or out of the fund (a deposit, a recovery, a compensation): the balance moves, the
 * headroom by the multiple; conditioned on the multiple read (a review between read and write is
 * retried) and, for money out, on the balance covering it.
 */
async function moneyWrites(ctx: Ctx, fundId: string, entry: Omit<FundEntry, 'id' | 'recordedBy' | 'at'>, releaseFen = 0): Promise<TxItem[]> {
  const fund = await fundRecord(fundId);
  if (fund.balanceFen + entry.amountFen < 0) {
    throw new ConflictError(`The fund holds ${fund.balanceFen} fen; it cannot pay ${-entry.amountFen}.`, 'GUARANTEE_FUND_BALANCE');
  }
  return [
    fundUpdate(
      fundId,
      { balanceFen: entry.amountFen, outstandingFen: -releaseFen, headroomFen: fund.multiple * entry.amountFen + releaseFen },
      {
        expression: 'multiple = :multiple AND balanceFen >= :out',
        values: { ':multiple': fund.multiple, ':out': Math.max(0, -entry.amountFen) },
        onFailed: () => new TransactionConflictError(),
      },
    ),
    entryWrite(ctx, fundId, entry),
    auditRecord(ctx, {
      action: `guaranteeFund.${entry.kind}`,
      entityType: 'guaranteeFund',
      entityId: fundId,
      after: { amountFen: entry.amountFen, day: entry.day, reference: entry.reference, applicationId: entry.applicationId },
    }),
  ];
}

export async function recordDeposit(ctx: Ctx, fundId: string, input: FundDeposit): Promise<GuaranteeFund> {
  await retryOnConflict(async () =>
    commit(ctx, await moneyWrites(ctx, fundId, { kind: 'deposit', amountFen: input.amountFen, day: input.depositedOn, reference: input.reference })),
  );
  return getFund(ctx, fundId);
}

/** The guarantor's compensation of a defaulted loan: money out, and the loan's outstanding principal released. */
export function compensationWrites(ctx: Ctx, fundId: string, applicationId: string, day: string, amountFen: number, releaseFen: number) {
  return moneyWrites(ctx, fundId, { kind: 'compensation', amountFen: -amountFen, day, reference: `代偿 ${applicationId}`, applicationId }, releaseFen);
}

export function recoveryWrites(ctx: Ctx, fundId: string, applicationId: string, day: string, amountFen: number, source: string) {
  return moneyWrites(ctx, fundId, { kind: 'recovery', amountFen, day, reference: source, applicationId });
}

/** A new guarantee: its amount taken from the headroom under the condition that it is there, and the loan listed under the fund. */
export async function guaranteeWrites(fundId: string, loan: FundLoan): Promise<TxItem[]> {
  const fund = await fundRecord(fundId);
  const refused = () =>
    new ConflictError(`The fund may guarantee ${fund.multiple} times its balance; ${loan.guaranteedFen} fen more would exceed it.`, 'GUARANTEE_FUND_MULTIPLE', {
      multiple: fund.multiple,
    });
  if (fund.headroomFen < loan.guaranteedFen) throw refused();
  return [
    fundUpdate(
      fundId,
      { outstandingFen: loan.guaranteedFen, headroomFen: -loan.guaranteedFen },
      { expression: 'headroomFen >= :amount', values: { ':amount': loan.guaranteedFen }, onFailed: refused },
    ),
    putNew(
      { ...GuaranteeFundLoanEntity.key({ fundId, applicationId: loan.applicationId }), entity: GuaranteeFundLoanEntity.name, ...loan },
      () => new ConflictError('Already guaranteed.'),
    ),
  ];
}

/** Principal no longer guaranteed (repaid, or less issued than guaranteed): back into the headroom. */
export function releaseWrite(fundId: string, fen: number): TxItem[] {
  return fen > 0 ? [fundUpdate(fundId, { outstandingFen: -fen, headroomFen: fen })] : [];
}

/** An instalment of a fund's loan that fell due in `year`: counted, and counted on time if paid by its due date. */
export function onTimeWrite(fundId: string, year: number, onTime: boolean): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: GuaranteeFundOnTimeEntity.key({ fundId, year }),
      UpdateExpression: 'SET entity = :entity ADD instalments :one, onTime :onTime',
      ExpressionAttributeValues: { ':entity': GuaranteeFundOnTimeEntity.name, ':one': 1, ':onTime': onTime ? 1 : 0 },
    },
  };
}

/**
 * The yearly review: `year`'s on-time repayment rate sets the multiple (the good-record multiple at
 * or above the policy's threshold, else the base one) and the headroom is recomputed, under the
 * condition that balance, outstanding and multiple are still as read. Audited with the rate.
 */
export async function reviewFund(ctx: Ctx, fundId: string, year: number): Promise<GuaranteeFund> {
  if (year >= Number(dayOf(ctx.now).slice(0, 4))) throw new ValidationError('Review a year that has ended.', [{ field: 'body.year', message: 'a past year' }]);
  await retryOnConflict(async () => {
    const before = await fundRecord(fundId);
    const policy = await policyToday(ctx);
    const rate = await onTimeRate(fundId, year);
    const multiple = rate.rateBp !== null && rate.rateBp >= policy.goodRecordOnTimeRateBp ? policy.fundMultipleGoodRecord : policy.fundMultiple;
    const review = { ...rate, reviewedBy: ctx.actor.sub, reviewedAt: ctx.now.toISOString() };
    const after: StoredFund = { ...before, multiple, headroomFen: multiple * before.balanceFen - before.outstandingFen, review, version: before.version + 1 };
    await commit(ctx, [
      {
        Update: {
          TableName: tableName(),
          Key: fundKeys.fund(fundId),
          UpdateExpression: 'SET multiple = :multiple, headroomFen = :headroom, review = :review, #version = :next',
          ConditionExpression: 'balanceFen = :balance AND outstandingFen = :outstanding AND multiple = :was',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: {
            ':multiple': multiple,
            ':headroom': after.headroomFen,
            ':review': review,
            ':next': after.version,
            ':balance': before.balanceFen,
            ':outstanding': before.outstandingFen,
            ':was': before.multiple,
          },
        },
        onConditionFailed: () => new TransactionConflictError(),
      },
      auditRecord(ctx, { action: 'guaranteeFund.reviewed', entityType: 'guaranteeFund', entityId: fundId, before, after }),
    ]);
  });
  return getFund(ctx, fundId);
}

export async function listFundEntries(fundId: string, page: PageQuery) {
  await fundRecord(fundId);
  const result = await queryPage<Record<string, unknown>>({ partition: fundKeys.partition(fundId), beginsWith: 'ENTRY#', page });
  return { items: result.items.map(GuaranteeFundEntryEntity.fromItem), nextCursor: result.nextCursor };
}

export async function listFundLoans(fundId: string, page: PageQuery) {
  await fundRecord(fundId);
  const result = await queryPage<Record<string, unknown>>({ partition: fundKeys.partition(fundId), beginsWith: 'LOAN#', page });
  return { items: result.items.map(GuaranteeFundLoanEntity.fromItem), nextCursor: result.nextCursor };
}
