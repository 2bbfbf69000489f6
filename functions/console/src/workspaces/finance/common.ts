import { allPages } from '../../api/all-pages';
import { useMemo } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { claims } from '../../auth/session';

export type Batch = Schemas['PayoutBatch'];
export type Claim = Schemas['Claim'];
export type Programme = Schemas['Programme'];

/** The login the screens act for: the maker or checker of what is shown. */
export function me(): string {
  return claims.value?.sub ?? '';
}

/**
 * Payable, as the API decides it when a batch is prepared: verified, on a disclosure notice whose
 * window has closed, no objection open or upheld, no open risk alert. The API checks again.
 */
export function isPayable(claim: Claim, now: Date = new Date()): boolean {
  return (
    claim.status === 'verified' &&
    claim.noticeId !== undefined &&
    claim.disclosureEndsAt !== undefined &&
    claim.disclosureEndsAt <= now.toISOString() &&
    claim.openObjections === 0 &&
    claim.upheldObjections === 0 &&
    claim.openRiskAlerts === 0
  );
}

/** Whether `sub` may approve this batch: not its preparer, not an approver already, and it is waiting. */
export function mayApprove(batch: Batch, sub: string): boolean {
  return batch.status === 'pending_approval' && batch.preparedBy !== sub && !batch.approvals.some((a) => a.by === sub);
}

/** The programmes (one page of up to 100, newest first). */
export function loadProgrammes() {
  return api.GET('/v1/programmes', { params: { query: { limit: 100 } } });
}

/** Pages of verified claims read at most: a batch holds 97 claims, so this is many batches' worth. */
const MAX_CLAIM_PAGES = 10;

/** A programme's verified claims that are payable now (verified ones still in their disclosure window are passed over). */
export async function payableClaimsOf(programmeId: string): Promise<{ data?: Claim[]; error?: unknown }> {
  const verified = await allPages<Claim>(
    (cursor) => api.GET('/v1/claims', { params: { query: { programmeId, status: 'verified', limit: 100, ...(cursor ? { cursor } : {}) } } }),
    MAX_CLAIM_PAGES,
  );
  return verified.error !== undefined ? { error: verified.error } : { data: (verified.data ?? []).filter((claim) => isPayable(claim)) };
}

/** A new Idempotency-Key. */
export function newAttemptKey(): string {
  return `console-${randomKey()}`;
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The Idempotency-Key of one attempt: the same while what is sent stays the same (a retry after a
 * network failure replays the first answer instead of acting twice), a new one when it changes.
 */
export function useAttemptKey(attempt: unknown): string {
  return useMemo(newAttemptKey, [JSON.stringify(attempt)]);
}

export function nameOf(programmes: Programme[] | undefined, id: string): string {
  return programmes?.find((p) => p.id === id)?.name ?? id;
}
