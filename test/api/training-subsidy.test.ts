import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call, type As } from '../support/api';
import { certifiedTrainee } from '../support/training';
import { approvedBatch, finance, idem, officer, ownBankAccount, programmeInput, registeredApplicant } from '../support/subsidies';

afterEach(() => useRealClock());

const officer2: As = { role: 'officer', sub: 'officer-2' };
const INSTITUTION = '天府创业培训学校';
/** The number of a certificate of `type` from the institution INSTITUTION. */
const certify = async (trainee: { as: As; applicantId: string }, type: string, endsOn: string, certifiedOn: string) =>
  (await certifiedTrainee(trainee, { type, endsOn, certifiedOn, institutionName: INSTITUTION })).certificateNumber;

async function trainingProgramme(claimant: 'trainee' | 'institution') {
  const res = await call('POST', '/v1/programmes', {
    as: finance,
    body: programmeInput({
      kind: 'training_subsidy',
      policy: `training_${claimant}_${Date.now()}_${process.pid}`,
      name: '创业培训补贴',
      amountRule: { type: 'fixed', amountFen: 80_000 },
      trainingSubsidy: { claimant, claimWithinMonthsOfCertificate: 6, courseTypes: ['syb', 'gyb'] },
    }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const claimBy = (as: As, body: Record<string, unknown>) => call('POST', '/v1/claims', { as, headers: idem(), body });

describe('training subsidy, as the policy says', () => {
  it('needs its settings, and only training subsidies take them', async () => {
    const missing = await call('POST', '/v1/programmes', { as: finance, body: programmeInput({ kind: 'training_subsidy', policy: `t_${Date.now()}` }) });
    expect(missing.status).toBe(400);
    const misplaced = await call('POST', '/v1/programmes', {
      as: finance,
      body: programmeInput({ policy: `t_${Date.now()}`, trainingSubsidy: { claimant: 'trainee', claimWithinMonthsOfCertificate: 6, courseTypes: ['syb'] } }),
    });
    expect(misplaced.status).toBe(400);
  });

  it('pays once per person, course type and year of the certificate, within its deadline', async () => {
    const programme = await trainingProgramme('trainee');
    const trainee = await registeredApplicant();
    // Two SYB certificates of 2026, a GYB one of 2026, an SYB one of 2027, and an IYB one the programme does not pay for.
    const syb1 = await certify(trainee, 'syb', '2026-03-20', '2026-03-25');
    const syb2 = await certify(trainee, 'syb', '2026-04-01', '2026-04-02');
    const gyb = await certify(trainee, 'gyb', '2026-04-01', '2026-04-03');
    const syb2027 = await certify(trainee, 'syb', '2027-01-05', '2027-01-08');
    const iyb = await certify(trainee, 'iyb', '2026-04-01', '2026-04-03');
    const other = await registeredApplicant();
    await certify(other, 'syb', '2026-03-20', '2026-03-25');
    useFixedClock('2026-04-10T02:00:00.000Z');
    const body = (certificateNumber: string) => ({ programmeId: programme.id, certificateNumber, bankAccount: ownBankAccount() });

    expect((await claimBy(trainee.as, { programmeId: programme.id, bankAccount: ownBankAccount() })).status).toBe(400);
    const notHeld = await claimBy(other.as, body(syb1));
    expect([notHeld.status, notHeld.body.code]).toEqual([422, 'CERTIFICATE_NOT_HELD']);
    const uncovered = await claimBy(trainee.as, body(iyb));
    expect([uncovered.status, uncovered.body.code]).toEqual([422, 'COURSE_TYPE_NOT_COVERED']);

    // 10 parallel claims for SYB in 2026 (on either certificate): exactly one.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => claimBy(trainee.as, body(i % 2 ? syb1 : syb2))));
    const accepted = results.filter((r) => r.status === 201);
    expect(accepted, JSON.stringify(results.map((r) => r.body.code))).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 201)) expect([r.status, r.body.code]).toEqual([409, 'ALREADY_RECEIVED']);
    expect(accepted[0]!.body.facts).toMatchObject({ courseType: 'syb', paidTo: 'trainee', institutionName: INSTITUTION });

    const gybClaim = await claimBy(trainee.as, body(gyb));
    expect(gybClaim.status, JSON.stringify(gybClaim.body)).toBe(201);

    // Rejected, the claim frees the year: a corrected claim is taken.
    const rejected = await call('POST', `/v1/claims/${accepted[0]!.body.id}/verification`, {
      as: officer,
      body: { decision: 'reject', notes: '证书复印件不清晰' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const again = await claimBy(trainee.as, body(syb1));
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const verified = await call('POST', `/v1/claims/${again.body.id}/verification`, { as: officer, body: { decision: 'verify' } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);

    // Claimed in time, verified after the deadline: verification checks the certificate against the day it was claimed.
    useFixedClock('2026-10-20T02:00:00.000Z');
    const late = await call('POST', `/v1/claims/${gybClaim.body.id}/verification`, { as: officer, body: { decision: 'verify' } });
    expect(late.status, JSON.stringify(late.body)).toBe(200);

    // The next year's SYB certificate: on its last day (8 July 2027, Beijing) accepted; the day after, refused.
    useFixedClock('2027-07-08T16:30:00.000Z');
    const dayAfter = await claimBy(trainee.as, body(syb2027));
    expect([dayAfter.status, dayAfter.body.code]).toEqual([422, 'TRAINING_CLAIM_DEADLINE_PASSED']);
    useFixedClock('2027-07-08T15:30:00.000Z');
    const inTime = await claimBy(trainee.as, body(syb2027));
    expect(inTime.status, JSON.stringify(inTime.body)).toBe(201);
    expect(inTime.body.facts).toMatchObject({ certifiedOn: '2027-01-08', claimDeadline: '2027-07-08' });
  });

  it('is entered by an officer for the institution, paid to its account through disclosure, batch and ledger', async () => {
    const programme = await trainingProgramme('institution');
    const trainee = await registeredApplicant();
    const number = await certify(trainee, 'gyb', '2026-05-10', '2026-05-12');
    useFixedClock('2026-06-01T02:00:00.000Z');
    const byTrainee = await claimBy(trainee.as, { programmeId: programme.id, certificateNumber: number, bankAccount: ownBankAccount() });
    expect([byTrainee.status, byTrainee.body.code]).toEqual([403, 'CLAIMED_BY_INSTITUTION']);
    const entry = { programmeId: programme.id, applicantId: trainee.applicantId, certificateNumber: number };
    const toTrainee = await claimBy(officer, { ...entry, bankAccount: ownBankAccount() });
    expect([toTrainee.status, toTrainee.body.code]).toEqual([422, 'ACCOUNT_NAME_MISMATCH']);
    const claim = await claimBy(officer, { ...entry, bankAccount: ownBankAccount(INSTITUTION) });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(claim.body.facts).toMatchObject({ paidTo: 'institution', institutionName: INSTITUTION, courseType: 'gyb' });
    expect(claim.body.bankAccount.accountName).toBe(INSTITUTION);

    // The trainee cannot redirect the institution's money; the officer who entered it does not verify it.
    const redirect = await call('PUT', `/v1/claims/${claim.body.id}/bank-account`, {
      as: trainee.as,
      headers: { 'if-match': `"${claim.body.version}"` },
      body: ownBankAccount(),
    });
    expect(redirect.body.code).toBe('ACCOUNT_NOT_CORRECTABLE');
    expect((await call('POST', `/v1/claims/${claim.body.id}/verification`, { as: officer, body: { decision: 'verify' } })).body.code).toBe('OWN_RECORD');
    const verified = await call('POST', `/v1/claims/${claim.body.id}/verification`, { as: officer2, body: { decision: 'verify' } });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    // Published by an officer other than the one who entered it.
    const notice = await call('POST', '/v1/disclosure-notices', { as: officer2, body: { programmeId: programme.id, claimIds: [claim.body.id] } });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    useFixedClock(new Date(Date.parse(notice.body.closesAt) + 60_000));
    const batch = await approvedBatch(programme.id, [verified.body]);
    const confirmed = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: claim.body.id, status: 'paid', bankReference: `BANK-${claim.body.id.slice(-6)}` }] },
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.lines[0].ledgerEntryId).toMatch(/./);
    expect((await call('GET', `/v1/claims/${claim.body.id}`, { as: officer })).body.status).toBe('paid');
  });
});
