import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { Business, Fact } from './schema';

/** Every key of the business aggregate is built here. */
export const businessKeys = {
  /** One registered business per startup, in the startup's partition. */
  business: (startupId: string) => ({ pk: `STARTUP#${startupId}`, sk: 'BUSINESS' }),
  /** A unified social credit code names one business in Fuhua: held from submission until rejection. */
  creditCode: (code: string) => ({ pk: `BUSINESS_CREDIT_CODE#${code}`, sk: 'BUSINESS' }),
  /** The first business a person registered in Fuhua (first-time founder rule). */
  firstBusiness: (applicantId: string) => ({ pk: `FIRST_BUSINESS#${applicantId}`, sk: 'BUSINESS' }),
  fact: (startupId: string, at: string, id: string) => ({ pk: `STARTUP#${startupId}`, sk: `FACT#${at}#${id}` }),
  factPrefix: 'FACT#',
};

type BusinessItem = Business & { pk: string; sk: string; entity: 'business' };

function toItem(business: Business): BusinessItem {
  return { ...businessKeys.business(business.startupId), entity: 'business', ...business };
}

function fromItem(item: Record<string, unknown>): Business {
  const { pk: _p, sk: _s, entity: _e, ...business } = item;
  return business as unknown as Business;
}

export async function getBusiness(startupId: string): Promise<Business | undefined> {
  const item = await getItem<Record<string, unknown>>(businessKeys.business(startupId));
  return item ? fromItem(item) : undefined;
}

/** A first submission, or a new one after a rejection (the rejected record is replaced). */
export function submitBusinessWrite(business: Business, previous: Business | undefined): TxItem {
  if (!previous) return putNew(toItem(business), () => new ConflictError('The startup has submitted its business already.', 'BUSINESS_EXISTS'));
  return putVersioned(toItem(business), previous.version, () => new TransactionConflictError());
}

export function saveBusinessWrite(business: Business, expectedVersion: number): TxItem {
  return putVersioned(toItem(business), expectedVersion, () => new TransactionConflictError());
}

export function claimCreditCodeWrite(code: string, startupId: string): TxItem {
  return putNew(
    { ...businessKeys.creditCode(code), entity: 'businessCreditCode', creditCode: code, startupId },
    () => new ConflictError('Another startup has registered a business with this credit code.', 'CREDIT_CODE_TAKEN'),
  );
}

/** A rejected submission frees its credit code, but only the code this startup holds. */
export function releaseCreditCodeWrite(code: string, startupId: string): TxItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: businessKeys.creditCode(code),
      ConditionExpression: 'startupId = :startupId',
      ExpressionAttributeValues: { ':startupId': startupId },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}

export async function firstBusinessOf(applicantId: string): Promise<{ startupId: string } | undefined> {
  return getItem<{ startupId: string }>(businessKeys.firstBusiness(applicantId));
}

/** Marks the person's first business; a concurrent verification of another re-runs and finds it. */
export function firstBusinessWrite(applicantId: string, startupId: string, at: string): TxItem {
  return putNew({ ...businessKeys.firstBusiness(applicantId), entity: 'firstBusiness', applicantId, startupId, at }, () => new TransactionConflictError());
}

type FactItem = Fact & { pk: string; sk: string; entity: 'fact' };

export function recordFactWrite(fact: Fact): TxItem {
  const item: FactItem = { ...businessKeys.fact(fact.startupId, fact.verifiedAt, fact.id), entity: 'fact', ...fact };
  return putNew(item, () => new ConflictError('Fact id collision; retry.'));
}

export async function listFacts(startupId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    partition: `STARTUP#${startupId}`,
    beginsWith: businessKeys.factPrefix,
    newestFirst: true,
    page,
  });
  const items = result.items.map(({ pk: _p, sk: _s, entity: _e, ...fact }) => fact as unknown as Fact);
  return { items, nextCursor: result.nextCursor };
}
