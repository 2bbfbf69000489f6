import { takeSlot } from '../db/slots';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { takeHoldWrites } from './holds';
import { DEFAULT_POLICY } from '../programmes';
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
// ---- claims ----

/**
 * The stored claim: the view plus the sealed account and its keyed fingerprint, the holds it keeps
 * (see holds.ts) and the logins it pays (claimant and the startup's founders), none of them returned.
 */
export type ClaimItem = Claim & { bankAccountCipher: string; bankAccountFingerprint?: string; holds?: string[]; beneficiaryUserIds?: string[] };

/** The stored claim; the sealed account, its fingerprint, the holds and the beneficiaries are never read back. */
export const ClaimEntity = defineEntity<ClaimItem, { id: string }>({
  name: 'claim',
  module: 'claims',
  prefix: 'CLAIM#',
  skPrefix: 'CLAIM',
  key: (claim) => claimKeys.claim(claim.id),
  serves: 'one claim by id; its partition also holds its hourly objection counters',
  indexes: {
    gsi1: {
      pk: (claim) => claimKeys.claimsOf(claim.programmeId),
      sk: (claim) => `${claim.status}#${claim.submittedAt}#${claim.id}`,
      serves: "a programme's claims, or those of one status (begins_with)",
    },
    gsi2: {
      pk: (claim) => claimKeys.claimant(claim.applicantUserId),
      sk: (claim) => `${claim.submittedAt}#${claim.id}`,
      serves: "a claimant's claims, newest first",
    },
    // Sparse public index: only claims that passed verification are disclosed.
    gsi3: {
      pk: () => claimKeys.disclosures(),
      sk: (claim) => `${claim.disclosureStartsAt}#${claim.id}`,
      serves: 'the public disclosure of verified claims, newest first',
      when: (claim) => DISCLOSED.includes(claim.status) && Boolean(claim.disclosureStartsAt),
    },
  },
  hidden: ['bankAccountCipher', 'bankAccountFingerprint', 'holds', 'beneficiaryUserIds'],
});

const claimItem = ClaimEntity.toItem;

export function fromClaimItem(item: Record<string, unknown>): Claim {
  const claim: Claim = ClaimEntity.fromItem(item);
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

/** Who has claimed with a bank account (by its keyed fingerprint): one item per person. */
export const AccountHolderEntity = defineEntity<AccountHolder, { fingerprint: string; applicantId: string }>({
  name: 'accountHolder',
  module: 'claims',
  prefix: 'BANK_ACCOUNT#',
  key: (holder) => claimKeys.accountHolder(holder.fingerprint, holder.applicantId),
  serves: 'the people who have claimed with one bank account',
});

export const ObjectionEntity = defineEntity<Objection, { id: string }>({
  name: 'objection',
  module: 'claims',
  prefix: 'OBJECTION#',
  key: (objection) => claimKeys.objection(objection.id),
  serves: 'one objection by id',
  indexes: {
    gsi1: {
      pk: (objection) => claimKeys.objectionsOf(objection.claimId),
      sk: (objection) => `${objection.filedAt}#${objection.id}`,
      serves: "a claim's objections",
    },
  },
});

/** Public objections per claim per hour: a slot counter (shared/db/slots.ts, TTL). */
export const ObjectionRateEntity = defineEntity<{ count: number }, { claimId: string; hour: string }>({
  name: 'objectionRate',
  module: 'claims',
  prefix: 'CLAIM#',
  skPrefix: 'OBJECTION_RATE#',
  key: (rate) => claimKeys.objectionRate(rate.claimId, rate.hour),
  serves: 'the ceiling on public objections to a claim per hour',
});

/** Public objections per sender (a keyed fingerprint of their address) per hour. */
export const ObjectionSenderRateEntity = defineEntity<{ count: number }, { sender: string; hour: string }>({
  name: 'objectionRate',
  module: 'claims',
  prefix: 'OBJECTION_SENDER#',
  key: (rate) => claimKeys.senderRate(rate.sender, rate.hour),
  serves: 'the ceiling on public objections of one sender per hour',
});

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
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...AccountHolderEntity.key({ fingerprint, applicantId: claim.applicantId }), entity: AccountHolderEntity.name, ...holder },
      },
    },
  ];
}

/** What every claim starts with: submitted now, no objection or risk alert, version 1. */
export function newClaimState(at: string) {
  return { status: 'submitted' as const, submittedAt: at, openObjections: 0, upheldObjections: 0, openRiskAlerts: 0, updatedAt: at, version: 1 };
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

/** In a transaction: the claim is still in one of these statuses (e.g. an earlier stage verified or paid). */
export function claimStatusCheck(claimId: string, statuses: readonly ClaimStatus[], onConditionFailed: () => Error): TxItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: claimKeys.claim(claimId),
      ConditionExpression: `#status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status])),
    },
    onConditionFailed,
  };
}

/** A claim as stored, to read with other known keys in one call (`readTogether`). */
export function claimItemRead(id: string): Read<ClaimItem> {
  return { key: claimKeys.claim(id), from: (item) => item as unknown as ClaimItem };
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
  return result.items.map(AccountHolderEntity.fromItem);
}

// ---- objections ----

export async function getObjection(id: string): Promise<Objection | undefined> {
  const item = await getItem<Record<string, unknown>>(claimKeys.objection(id));
  return item ? ObjectionEntity.fromItem(item) : undefined;
}

/**
 * An objection, and the claim's open-objection count raised in the same transaction. The claim must
 * still be in disclosure (`verified`); its version moves, so a batch prepared from an older read fails.
 */
export function fileObjectionWrites(objection: Objection): TxItem[] {
  return [
    putNew(ObjectionEntity.toItem(objection), () => new ConflictError('Objection id collision; retry.')),
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
  return putVersioned(ObjectionEntity.toItem({ ...objection, version: expectedVersion + 1 }), expectedVersion, () => new TransactionConflictError());
}

export async function listObjectionsOf(claimId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: claimKeys.objectionsOf(claimId), page });
  return { items: result.items.map(ObjectionEntity.fromItem), nextCursor: result.nextCursor };
}

/**
 * Takes one slot of an hourly ceiling (per claim, or per sender), before anything is written: a
 * flood of objections cannot stall a claim or fill the table. Answers false when the hour is full.
 * The counter expires with TTL.
 */
export function takeHourlySlot(key: { pk: string; sk: string }, at: Date, maxPerHour: number): Promise<boolean> {
  return takeSlot(key, { entity: ObjectionRateEntity.name, max: maxPerHour, expiresAt: new Date(at.getTime() + 2 * 3600_000) });
}
