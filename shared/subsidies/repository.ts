import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { dueWrite, type Due } from '../db/due';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { AppError, ConflictError } from '../errors';
import type { Claim, ClaimStatus, Objection, Programme } from './schema';

/** Every key of programmes, claims and objections is built here and nowhere else. */
export const subsidyKeys = {
  programme: (id: string) => ({ pk: `PROGRAMME#${id}`, sk: 'PROGRAMME' }),
  /** The programme's money (budget, committed, paid, reversed): the item every budget condition is on. */
  totals: (programmeId: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: 'TOTALS' }),
  programmes: () => 'PROGRAMMES',
  claim: (id: string) => ({ pk: `CLAIM#${id}`, sk: 'CLAIM' }),
  /** One claim per person per programme, ever. */
  claimOnce: (programmeId: string, applicantId: string) => ({ pk: `CLAIM_ONCE#${programmeId}#${applicantId}`, sk: 'CLAIM_ONCE' }),
  claimsOf: (programmeId: string) => `CLAIMS_OF#${programmeId}`,
  /** Who has claimed with a bank account, by its keyed fingerprint: one item per person. */
  accountHolders: (fingerprint: string) => `BANK_ACCOUNT#${fingerprint}`,
  accountHolder: (fingerprint: string, applicantId: string) => ({ pk: subsidyKeys.accountHolders(fingerprint), sk: `APPLICANT#${applicantId}` }),
  claimant: (userId: string) => `CLAIMANT#${userId}`,
  disclosures: () => 'DISCLOSURES',
  objection: (id: string) => ({ pk: `OBJECTION#${id}`, sk: 'OBJECTION' }),
  objectionsOf: (claimId: string) => `OBJECTIONS_OF#${claimId}`,
  /** Public objections per claim per hour, a counter with a ceiling. */
  objectionRate: (claimId: string, hour: string) => ({ pk: `CLAIM#${claimId}`, sk: `OBJECTION_RATE#${hour}` }),
};

const DISCLOSED: readonly ClaimStatus[] = ['verified', 'batched', 'paid'];
const STRIP = new Set(['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'bankAccountCipher', 'bankAccountFingerprint']);

function strip<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STRIP.has(k))) as T;
}

// ---- programmes ----

export interface TotalsItem {
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  reversedFen: number;
  /** committed + paid − reversed, kept in step because DynamoDB conditions cannot add. */
  usedFen: number;
  /** Number of ledger entries written: serialises ledger writes so running totals are exact. */
  ledgerSeq: number;
}

export function createProgrammeWrites(programme: Programme): TxItem[] {
  const totals: TotalsItem = { budgetFen: programme.budgetFen, committedFen: 0, paidFen: 0, reversedFen: 0, usedFen: 0, ledgerSeq: 0 };
  return [
    putNew(
      {
        ...subsidyKeys.programme(programme.id),
        entity: 'programme',
        ...programme,
        gsi1pk: subsidyKeys.programmes(),
        gsi1sk: `${programme.createdAt}#${programme.id}`,
      },
      () => new ConflictError('Programme id collision; retry.'),
    ),
    putNew({ ...subsidyKeys.totals(programme.id), entity: 'programmeTotals', ...totals }, () => new ConflictError('Programme id collision; retry.')),
  ];
}

export async function getProgramme(id: string): Promise<Programme | undefined> {
  const item = await getItem<Record<string, unknown>>(subsidyKeys.programme(id));
  return item ? strip<Programme>(item) : undefined;
}

export async function getTotals(programmeId: string): Promise<TotalsItem | undefined> {
  const item = await getItem<TotalsItem>(subsidyKeys.totals(programmeId));
  return item;
}

export async function listProgrammeItems(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: subsidyKeys.programmes(), newestFirst: true, page });
  return { items: result.items.map((i) => strip<Programme>(i)), nextCursor: result.nextCursor };
}

// ---- claims ----

/** The stored claim: the view plus the sealed account and its keyed fingerprint (never returned). */
export type ClaimItem = Claim & { bankAccountCipher: string; bankAccountFingerprint?: string };

function claimItem(claim: ClaimItem) {
  return {
    ...subsidyKeys.claim(claim.id),
    entity: 'claim',
    ...claim,
    gsi1pk: subsidyKeys.claimsOf(claim.programmeId),
    gsi1sk: `${claim.status}#${claim.submittedAt}#${claim.id}`,
    gsi2pk: subsidyKeys.claimant(claim.applicantUserId),
    gsi2sk: `${claim.submittedAt}#${claim.id}`,
    // Sparse public index: only claims that passed verification are disclosed.
    ...(DISCLOSED.includes(claim.status) && claim.disclosureStartsAt
      ? { gsi3pk: subsidyKeys.disclosures(), gsi3sk: `${claim.disclosureStartsAt}#${claim.id}` }
      : {}),
  };
}

export function fromClaimItem(item: Record<string, unknown>): Claim {
  return strip<Claim>(item);
}

export interface AccountHolder {
  applicantId: string;
  applicantNameMasked: string;
  accountNumberMasked: string;
  claimId: string;
  at: string;
}

export function submitClaimWrites(claim: ClaimItem): TxItem[] {
  const fingerprint = claim.bankAccountFingerprint;
  const holder: AccountHolder | undefined = fingerprint
    ? {
        applicantId: claim.applicantId,
        applicantNameMasked: claim.applicantNameMasked,
        accountNumberMasked: claim.bankAccount.accountNumberMasked,
        claimId: claim.id,
        at: claim.submittedAt,
      }
    : undefined;
  return [
    // The person's latest claim with this account; one item per person, so the partition counts people.
    ...(fingerprint && holder
      ? [{ Put: { TableName: tableName(), Item: { ...subsidyKeys.accountHolder(fingerprint, claim.applicantId), entity: 'accountHolder', ...holder } } }]
      : []),
    putNew(claimItem(claim), () => new ConflictError('Claim id collision; retry.')),
    putNew(
      { ...subsidyKeys.claimOnce(claim.programmeId, claim.applicantId), entity: 'claimOnce', claimId: claim.id },
      () => new ConflictError('You have already claimed this programme; a person receives each programme at most once.', 'ALREADY_CLAIMED'),
    ),
  ];
}

/**
 * Replaces a claim if nobody changed it since it was read. A lost race is a transaction conflict,
 * so the caller's `retryOnConflict` re-reads it and decides again.
 */
export function saveClaimWrite(claim: ClaimItem, expectedVersion: number): TxItem {
  return putVersioned(claimItem({ ...claim, version: expectedVersion + 1 }), expectedVersion, () => new TransactionConflictError());
}

export async function getClaimItem(id: string): Promise<ClaimItem | undefined> {
  return getItem<ClaimItem>(subsidyKeys.claim(id));
}

export async function listClaimsOfProgramme(programmeId: string, status: ClaimStatus | undefined, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: subsidyKeys.claimsOf(programmeId),
    beginsWith: status ? `${status}#` : undefined,
    page,
  });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

export async function listClaimsOfUser(userId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: subsidyKeys.claimant(userId), newestFirst: true, page });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

export async function listDisclosedClaims(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi3', partition: subsidyKeys.disclosures(), newestFirst: true, page });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

/** The end of a verified claim's disclosure window, as work due for the disclosure job. */
export function disclosureDue(claim: Pick<Claim, 'id' | 'disclosureEndsAt'>): Due {
  return { kind: 'claim-disclosure', dueAt: claim.disclosureEndsAt!, ref: claim.id };
}

/** Verification makes the end of disclosure due: written in the transaction that verifies. */
export function disclosureDueWrite(claim: Pick<Claim, 'id' | 'disclosureEndsAt'>): TxItem {
  return dueWrite(disclosureDue(claim));
}

/** The people who have claimed with the account of this fingerprint (bounded: one page of 100). */
export async function accountHoldersOf(fingerprint: string): Promise<AccountHolder[]> {
  const result = await queryPage<Record<string, unknown>>({ partition: subsidyKeys.accountHolders(fingerprint), page: { limit: 100 } });
  return result.items.map((item) => strip<AccountHolder>(item));
}

// ---- objections ----

export async function getObjection(id: string): Promise<Objection | undefined> {
  const item = await getItem<Record<string, unknown>>(subsidyKeys.objection(id));
  return item ? strip<Objection>(item) : undefined;
}

/**
 * An objection, and the claim's open-objection count raised in the same transaction. The claim must
 * still be in disclosure (`verified`); its version moves, so a batch prepared from an older read fails.
 */
export function fileObjectionWrites(objection: Objection): TxItem[] {
  return [
    putNew(
      {
        ...subsidyKeys.objection(objection.id),
        entity: 'objection',
        ...objection,
        gsi1pk: subsidyKeys.objectionsOf(objection.claimId),
        gsi1sk: `${objection.filedAt}#${objection.id}`,
      },
      () => new ConflictError('Objection id collision; retry.'),
    ),
    {
      Update: {
        TableName: tableName(),
        Key: subsidyKeys.claim(objection.claimId),
        UpdateExpression: 'ADD openObjections :one, version :one',
        ConditionExpression: '#status = :verified',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':verified': 'verified' },
      },
      onConditionFailed: () => new ConflictError('This claim is no longer in public disclosure.', 'DISCLOSURE_CLOSED'),
    },
  ];
}

export function saveObjectionWrite(objection: Objection, expectedVersion: number): TxItem {
  return putVersioned(
    {
      ...subsidyKeys.objection(objection.id),
      entity: 'objection',
      ...objection,
      version: expectedVersion + 1,
      gsi1pk: subsidyKeys.objectionsOf(objection.claimId),
      gsi1sk: `${objection.filedAt}#${objection.id}`,
    },
    expectedVersion,
    () => new TransactionConflictError(),
  );
}

export async function listObjectionsOf(claimId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: subsidyKeys.objectionsOf(claimId), page });
  return { items: result.items.map((i) => strip<Objection>(i)), nextCursor: result.nextCursor };
}

/**
 * Counts one public objection against the claim's hourly ceiling, before anything is written: a
 * flood of objections cannot stall a claim or fill the table. The counter expires with TTL.
 */
export async function takeObjectionSlot(claimId: string, at: Date, maxPerHour: number): Promise<void> {
  const hour = at.toISOString().slice(0, 13);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: subsidyKeys.objectionRate(claimId, hour),
        UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':entity': 'objectionRate', ':expires': Math.floor(at.getTime() / 1000) + 2 * 3600, ':one': 1, ':max': maxPerHour },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    throw new AppError(429, 'TOO_MANY_OBJECTIONS', `At most ${maxPerHour} objections per claim per hour are taken; try again later.`);
  }
}
