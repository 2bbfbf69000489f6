import { defineEntity } from '../db/entity';
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

/** One registered business per startup, in the startup's partition. */
export const BusinessEntity = defineEntity<Business, { startupId: string }>({
  name: 'business',
  module: 'businesses',
  prefix: 'STARTUP#',
  skPrefix: 'BUSINESS',
  key: (business) => businessKeys.business(business.startupId),
  serves: "a startup's registered business",
});

/** A unified social credit code names one business in Fuhua: held from submission until rejection. */
export const BusinessCreditCodeEntity = defineEntity<{ creditCode: string; startupId: string }>({
  name: 'businessCreditCode',
  module: 'businesses',
  prefix: 'BUSINESS_CREDIT_CODE#',
  key: (claim) => businessKeys.creditCode(claim.creditCode),
  serves: 'once-only: the business that holds a credit code',
});

/** The first business a person registered in Fuhua (first-time founder rule). */
export const FirstBusinessEntity = defineEntity<{ applicantId: string; startupId: string; at: string }>({
  name: 'firstBusiness',
  module: 'businesses',
  prefix: 'FIRST_BUSINESS#',
  key: (mark) => businessKeys.firstBusiness(mark.applicantId),
  serves: "once-only: a person's first business",
});

/** A verified fact about a startup's business, in the startup's partition. */
export const FactEntity = defineEntity<Fact, { startupId: string; verifiedAt: string; id: string }>({
  name: 'fact',
  module: 'businesses',
  prefix: 'STARTUP#',
  skPrefix: businessKeys.factPrefix,
  key: (fact) => businessKeys.fact(fact.startupId, fact.verifiedAt, fact.id),
  serves: "a startup's facts, newest first (begins_with FACT#)",
});

const toItem = BusinessEntity.toItem;
const fromItem = BusinessEntity.fromItem;

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
    BusinessCreditCodeEntity.toItem({ creditCode: code, startupId }),
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
  return putNew(FirstBusinessEntity.toItem({ applicantId, startupId, at }), () => new TransactionConflictError());
}

export function recordFactWrite(fact: Fact): TxItem {
  return putNew(FactEntity.toItem(fact), () => new ConflictError('Fact id collision; retry.'));
}

export async function listFacts(startupId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    partition: businessKeys.business(startupId).pk,
    beginsWith: businessKeys.factPrefix,
    newestFirst: true,
    page,
  });
  const items = result.items.map(FactEntity.fromItem);
  return { items, nextCursor: result.nextCursor };
}
