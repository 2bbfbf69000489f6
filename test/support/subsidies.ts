import { startupRecord } from './startup-record';
import { randomUUID } from 'node:crypto';
import type { Startup } from '../../shared/startups/schema';
import type { RegisterApplicant } from '../../shared/applicants/schema';
import { now, useFixedClock } from '../../shared/clock';
import { call, uniqueSub, type As } from './api';
import { applicantInput } from './factories';

export const finance: As = { role: 'finance', sub: 'finance-1' };
export const finance2: As = { role: 'finance', sub: 'finance-2' };
export const finance3: As = { role: 'finance', sub: 'finance-3' };
export const officer: As = { role: 'officer', sub: 'officer-1' };
export const auditor: As = { role: 'auditor', sub: 'auditor-1' };

export const bankAccount = { bankName: '中国农业银行成都分行', accountName: '测试人', accountNumber: '6228480402564890018' };

let accounts = 0;
/** An account of its own for each claimant (one account on several people's claims raises a risk alert). */
export function ownBankAccount(accountName = bankAccount.accountName) {
  accounts += 1;
  return { ...bankAccount, accountName, accountNumber: `62284804${String(process.pid % 1000).padStart(3, '0')}${String(accounts).padStart(8, '0')}` };
}

type ClaimExtra = { startupId?: string; claimant?: { as: As; applicantId: string }; bankAccount?: typeof bankAccount };

/** A fresh Idempotency-Key. */
export const idem = () => ({ 'idempotency-key': `k-${randomUUID()}` });

/** A signed-up applicant: their login and profile. */
export async function registeredApplicant(overrides: Partial<RegisterApplicant> = {}): Promise<{ as: As; applicantId: string }> {
  const as: As = { role: 'applicant', sub: uniqueSub('claimant') };
  const res = await call('POST', '/v1/applicants', { as, body: applicantInput(overrides) });
  if (res.status !== 201) throw new Error(`applicant: ${res.status} ${JSON.stringify(res.body)}`);
  return { as, applicantId: res.body.id };
}

/**
 * A startup of the given founder, written directly: approving applications belongs to another
 * module, and these tests are about what the subsidy rules do with a startup's facts.
 */
export async function startupOf(founder: { as: As; applicantId: string }, overrides: Partial<Startup> = {}): Promise<Startup> {
  return startupRecord({
    founderApplicantId: founder.applicantId,
    founderUserId: founder.as.sub!,
    name: '测试科技',
    incubationEnd: '2099-01-01',
    ...overrides,
  });
}

export function programmeInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'startup_subsidy',
    name: '一次性创业补贴',
    budgetFen: 10_000_000,
    opensOn: '2020-01-01',
    closesOn: '2099-12-31',
    amountRule: { type: 'fixed', amountFen: 1_000_000 },
    eligibility: {},
    ...overrides,
  };
}

export async function openProgramme(overrides: Record<string, unknown> = {}): Promise<{ id: string; [k: string]: any }> {
  const res = await call('POST', '/v1/programmes', { as: finance, body: programmeInput(overrides) });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function submittedClaim(programmeId: string, extra: ClaimExtra = {}) {
  const claimant = extra.claimant ?? (await registeredApplicant());
  const res = await call('POST', '/v1/claims', {
    as: claimant.as,
    body: { programmeId, bankAccount: extra.bankAccount ?? ownBankAccount(), ...(extra.startupId ? { startupId: extra.startupId } : {}) },
  });
  if (res.status !== 201) throw new Error(`claim: ${res.status} ${JSON.stringify(res.body)}`);
  return { claim: res.body, claimant };
}

/** A verified claim, not yet published: it still needs a disclosure notice to become payable. */
export async function verifiedClaim(programmeId: string, extra: ClaimExtra = {}) {
  const { claim, claimant } = await submittedClaim(programmeId, extra);
  const res = await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } });
  if (res.status !== 200) throw new Error(`verify: ${res.status} ${JSON.stringify(res.body)}`);
  return { claim: res.body, claimant };
}

/** Publishes claims on a disclosure notice. */
export async function publishedNotice(programmeId: string, claims: Array<{ id: string }>) {
  const res = await call('POST', '/v1/disclosure-notices', { as: officer, body: { programmeId, claimIds: claims.map((c) => c.id) } });
  if (res.status !== 201) throw new Error(`notice: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string; closesAt: string; firstDay: string; lastDay: string; [k: string]: any };
}

/**
 * Publishes verified claims on a notice and moves the app's clock a minute past its window (24:00
 * Beijing time of its last working day), so they are payable. Test files using it restore the real
 * clock after each test (`afterEach(() => useRealClock())`).
 */
export async function passDisclosure(programmeId: string, claims: Array<{ id: string }>) {
  const notice = await publishedNotice(programmeId, claims);
  const after = new Date(Date.parse(notice.closesAt) + 60_000);
  if (after > now()) useFixedClock(after);
  return notice;
}

/** Verified claims published on one notice whose window has passed: payable. */
export async function payableClaims(programmeId: string, count: number) {
  const claims = await Promise.all(Array.from({ length: count }, () => verifiedClaim(programmeId)));
  await passDisclosure(
    programmeId,
    claims.map((c) => c.claim),
  );
  return Promise.all(claims.map(async ({ claim, claimant }) => ({ claim: (await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body, claimant })));
}

/** One payable claim (see `payableClaims`). */
export async function payableClaim(programmeId: string, extra: ClaimExtra = {}) {
  const { claim, claimant } = await verifiedClaim(programmeId, extra);
  await passDisclosure(programmeId, [claim]);
  return { claim: (await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body, claimant };
}

export async function preparedBatch(programmeId: string, claims: Array<{ id: string; amountFen: number }>, as: As = finance) {
  const res = await call('POST', '/v1/payout-batches', {
    as,
    headers: idem(),
    body: { programmeId, claimIds: claims.map((c) => c.id), declaredCount: claims.length, declaredTotalFen: claims.reduce((s, c) => s + c.amountFen, 0) },
  });
  if (res.status !== 201) throw new Error(`batch: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function approvedBatch(programmeId: string, claims: Array<{ id: string; amountFen: number }>) {
  const batch = await preparedBatch(programmeId, claims);
  const res = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A claim paid through the whole chain; returns the claim, batch and ledger entry id. */
export async function paidClaim(programmeId: string) {
  const { claim } = await payableClaim(programmeId);
  const batch = await approvedBatch(programmeId, [claim]);
  const res = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
    as: finance,
    headers: idem(),
    body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: `BANK-${claim.id.slice(-6)}` }] },
  });
  if (res.status !== 200) throw new Error(`confirm: ${res.status} ${JSON.stringify(res.body)}`);
  return { claim, batch, entryId: res.body.lines[0].ledgerEntryId as string };
}
