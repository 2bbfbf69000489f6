import { takeSlot } from '../db/slots';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { takeHoldWrites } from './holds';
import { DEFAULT_POLICY } from '../programmes/schema';
import type { Claim, ClaimStatus, Objection } from './schema';

/** Every key of claims and objections is built here and nowhere else (programmes: programmeKeys). */
export const claimKeys = {
  claim: (id: string) => ({ pk: `CLAIM#${id}`, sk: 'CLAIM' }),
  claimsOf: (programmeId: string) => `CLAIMS_OF#${programmeId}`,
  /** Who has claimed with a bank account, by its keyed fingerprint: one item per person. */
  accountHolders: (fingerprint: string) => `BANK_ACCOUNT#${fingerprint}`,
  accountHolder: (fingerprint: string, applicantId: string) => ({ pk: claimKeys.accountHolders(fingerprint), sk: `APPLICANT#${applicantId}` }),
  claimant: (userId: string) => `CLAIMANT#${userId}`,
  disclosures: () => 'DISCLOSURES',
  objection: (id: string) => ({ pk: `OBJECTION#${id}`, sk: 'OBJECTION' }),
  objectionsOf: (claimId: string) => `OBJECTIONS_OF#${claimId}`,
  /** Public objections per claim per hour, a counter with a ceiling. */
  objectionRate: (claimId: string, hour: string) => ({ pk: `CLAIM#${claimId}`, sk: `OBJECTION_RATE#${hour}` }),
  /** Public objections per sender (a keyed fingerprint of their address) per hour. */
  senderRate: (sender: string, hour: string) => ({ pk: `OBJECTION_SENDER#${sender}`, sk: `RATE#${hour}` }),
};

const DISCLOSED: readonly ClaimStatus[] = ['verified', 'batched', 'paid'];
const STRIP = new Set([
  'pk',
  'sk',
  'entity',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'bankAccountCipher',
  'bankAccountFingerprint',
  'holds',
  'beneficiaryUserIds',
]);

function strip<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STRIP.has(k))) as T;
}

// ---- claims ----

/**
 * The stored claim: the view plus the sealed account and its keyed fingerprint, the holds it keeps
 * (see holds.ts) and the logins it pays (claimant and the startup's founders), none of them returned.
 */
export type ClaimItem = Claim & { bankAccountCipher: string; bankAccountFingerprint?: string; holds?: string[]; beneficiaryUserIds?: string[] };

function claimItem(claim: ClaimItem) {
  return {
    ...claimKeys.claim(claim.id),
    entity: 'claim',
    ...claim,
    gsi1pk: claimKeys.claimsOf(claim.programmeId),
    gsi1sk: `${claim.status}#${claim.submittedAt}#${claim.id}`,
    gsi2pk: claimKeys.claimant(claim.applicantUserId),
    gsi2sk: `${claim.submittedAt}#${claim.id}`,
    // Sparse public index: only claims that passed verification are disclosed.
    ...(DISCLOSED.includes(claim.status) && claim.disclosureStartsAt
      ? { gsi3pk: claimKeys.disclosures(), gsi3sk: `${claim.disclosureStartsAt}#${claim.id}` }
      : {}),
  };
}

export function fromClaimItem(item: Record<string, unknown>): Claim {
  const claim = strip<Claim>(item);
  // Claims stored before policies, facts and risk gating read with today's defaults.
  return {
    ...claim,
    policy: claim.policy ?? DEFAULT_POLICY[claim.programmeKind],
    facts: claim.facts ?? { category: '', amountFen: claim.amountFen, amountBasis: claim.amountBasis },
    openRiskAlerts: claim.openRiskAlerts ?? 0,
  };
}

/** The logins a claim pays: never allowed to act as staff on it. */
export function beneficiariesOf(claim: ClaimItem): string[] {
  return claim.beneficiaryUserIds ?? [claim.applicantUserId];
}

export interface AccountHolder {
  applicantId: string;
  applicantNameMasked: string;
  accountNumberMasked: string;
  claimId: string;
  at: string;
}

/** The person's latest claim with this account; one item per person, so the partition counts people. */
export function accountHolderWrite(claim: ClaimItem): TxItem[] {
  const fingerprint = claim.bankAccountFingerprint;
  if (!fingerprint) return [];
  const holder: AccountHolder = {
    applicantId: claim.applicantId,
    applicantNameMasked: claim.applicantNameMasked,
    accountNumberMasked: claim.bankAccount.accountNumberMasked,
    claimId: claim.id,
    at: claim.updatedAt,
  };
  return [{ Put: { TableName: tableName(), Item: { ...claimKeys.accountHolder(fingerprint, claim.applicantId), entity: 'accountHolder', ...holder } } }];
}

export function submitClaimWrites(claim: ClaimItem): TxItem[] {
  return [
    ...accountHolderWrite(claim),
    putNew(claimItem(claim), () => new ConflictError('Claim id collision; retry.')),
    ...takeHoldWrites(claim.holds ?? [], { claimId: claim.id, programmeId: claim.programmeId, applicantId: claim.applicantId, at: claim.submittedAt }),
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
  return getItem<ClaimItem>(claimKeys.claim(id));
}

export async function listClaimsOfProgramme(programmeId: string, status: ClaimStatus | undefined, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: claimKeys.claimsOf(programmeId),
    beginsWith: status ? `${status}#` : undefined,
    page,
  });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

export async function listClaimsOfUser(userId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: claimKeys.claimant(userId), newestFirst: true, page });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

export async function listDisclosedClaims(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi3', partition: claimKeys.disclosures(), newestFirst: true, page });
  return { items: result.items.map(fromClaimItem), nextCursor: result.nextCursor };
}

/** The people who have claimed with the account of this fingerprint (bounded: one page of 100). */
export async function accountHoldersOf(fingerprint: string): Promise<AccountHolder[]> {
  const result = await queryPage<Record<string, unknown>>({ partition: claimKeys.accountHolders(fingerprint), page: { limit: 100 } });
  return result.items.map((item) => strip<AccountHolder>(item));
}

// ---- objections ----

export async function getObjection(id: string): Promise<Objection | undefined> {
  const item = await getItem<Record<string, unknown>>(claimKeys.objection(id));
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
        ...claimKeys.objection(objection.id),
        entity: 'objection',
        ...objection,
        gsi1pk: claimKeys.objectionsOf(objection.claimId),
        gsi1sk: `${objection.filedAt}#${objection.id}`,
      },
      () => new ConflictError('Objection id collision; retry.'),
    ),
    {
      Update: {
        TableName: tableName(),
        Key: claimKeys.claim(objection.claimId),
        UpdateExpression: 'ADD openObjections :one, version :one',
        ConditionExpression: '#status = :verified',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':verified': 'verified' },
      },
      onConditionFailed: () => new ConflictError('This claim is no longer in public disclosure.', 'DISCLOSURE_CLOSED'),
    },
  ];
}

/**
 * Counts a risk alert opened (+1) or resolved (−1) on a claim. Its version moves too, so a batch
 * prepared from an older read fails and, re-reading, sees the alert.
 */
export function claimRiskCounterWrite(claimId: string, delta: 1 | -1): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: claimKeys.claim(claimId),
      UpdateExpression: 'ADD openRiskAlerts :delta, version :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta, ':one': 1 },
    },
    onConditionFailed: () => new ConflictError('A claim of the alert no longer exists.', 'LEDGER_INCONSISTENT'),
  };
}

export function saveObjectionWrite(objection: Objection, expectedVersion: number): TxItem {
  return putVersioned(
    {
      ...claimKeys.objection(objection.id),
      entity: 'objection',
      ...objection,
      version: expectedVersion + 1,
      gsi1pk: claimKeys.objectionsOf(objection.claimId),
      gsi1sk: `${objection.filedAt}#${objection.id}`,
    },
    expectedVersion,
    () => new TransactionConflictError(),
  );
}

export async function listObjectionsOf(claimId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: claimKeys.objectionsOf(claimId), page });
  return { items: result.items.map((i) => strip<Objection>(i)), nextCursor: result.nextCursor };
}

/**
 * Takes one slot of an hourly ceiling (per claim, or per sender), before anything is written: a
 * flood of objections cannot stall a claim or fill the table. Answers false when the hour is full.
 * The counter expires with TTL.
 */
export function takeHourlySlot(key: { pk: string; sk: string }, at: Date, maxPerHour: number): Promise<boolean> {
  return takeSlot(key, { entity: 'objectionRate', max: maxPerHour, expiresAt: new Date(at.getTime() + 2 * 3600_000) });
}
