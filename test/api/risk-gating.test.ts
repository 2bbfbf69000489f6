import { afterEach, describe, expect, it } from 'vitest';
import { systemCtx } from '../../shared/context';
import { useRealClock } from '../../shared/clock';
import { raiseAlert } from '../../shared/risk/service';
import { call } from '../support/api';
import {
  approvedBatch,
  finance,
  idem,
  officer,
  openProgramme,
  ownBankAccount,
  paidClaim,
  payableClaims,
  preparedBatch,
  registeredApplicant,
} from '../support/subsidies';

afterEach(() => useRealClock());

/** A rule finding something wrong with these claims, as the risk rules raise it. */
const suspect = (claimIds: string[], subjectId = claimIds[0]!) =>
  raiseAlert(systemCtx('risk-gating'), { rule: 'claim_after_exit', subjectType: 'claim', subjectId, summary: '申请人所在项目已退出孵化', claimIds });

const batchBody = (programmeId: string, claims: Array<{ id: string; amountFen: number }>) => ({
  programmeId,
  claimIds: claims.map((c) => c.id),
  declaredCount: claims.length,
  declaredTotalFen: claims.reduce((s, c) => s + c.amountFen, 0),
});

describe('risk alerts gate money', () => {
  it('keeps a claim with an open alert out of every batch until an officer resolves it', async () => {
    const programme = await openProgramme();
    const claim = (await payableClaims(programme.id, 1))[0]!.claim;
    const alert = await suspect([claim.id]);
    const refused = await call('POST', '/v1/payout-batches', { as: finance, headers: idem(), body: batchBody(programme.id, [claim]) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'OPEN_RISK_ALERT', claimId: claim.id });
    const resolved = await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, { as: officer, body: { outcome: 'legitimate', notes: '核实为正常经营' } });
    expect(resolved.status).toBe(200);
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.openRiskAlerts).toBe(0);
    expect((await preparedBatch(programme.id, [claim])).claimCount).toBe(1);
  });

  it('raises the shared-account alert on every claim paying into the account', async () => {
    const programme = await openProgramme({ policy: 'shared_account_case' });
    const account = ownBankAccount();
    const claims = [];
    for (let i = 0; i < 2; i++) {
      const person = await registeredApplicant();
      claims.push((await call('POST', '/v1/claims', { as: person.as, body: { programmeId: programme.id, bankAccount: account } })).body);
    }
    for (const claim of claims) expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.openRiskAlerts).toBe(1);
  });

  it('rejects a claim found to be fraud, takes it out of its approved batch and gives the commitment back', async () => {
    const programme = await openProgramme();
    const claims = (await payableClaims(programme.id, 2)).map((c) => c.claim);
    const batch = await approvedBatch(programme.id, claims);
    expect((await call('GET', `/v1/programmes/${programme.id}`, { as: finance })).body.totals.committedFen).toBe(2_000_000);
    const [fraud, honest] = claims as [{ id: string }, { id: string }];
    const alert = await suspect([fraud.id]);
    const resolved = await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, { as: officer, body: { outcome: 'fraud', notes: '虚构经营场所' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolution).toMatchObject({ outcome: 'fraud', rejectedClaimIds: [fraud.id], paidClaimIds: [] });
    const rejected = (await call('GET', `/v1/claims/${fraud.id}`, { as: officer })).body;
    expect(rejected).toMatchObject({ status: 'rejected', openRiskAlerts: 0 });
    expect(rejected.rejectionReason).toContain('fraud');
    expect(rejected.batchId).toBeUndefined();
    const after = (await call('GET', `/v1/payout-batches/${batch.id}`, { as: finance })).body;
    expect(after).toMatchObject({ claimCount: 1, totalFen: 1_000_000, status: 'approved' });
    expect(after.lines.map((l: { claimId: string }) => l.claimId)).toEqual([honest.id]);
    expect((await call('GET', `/v1/programmes/${programme.id}`, { as: finance })).body.totals.committedFen).toBe(1_000_000);
    const paid = await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
      as: finance,
      headers: idem(),
      body: { lines: [{ claimId: honest.id, status: 'paid', bankReference: 'OK-1' }] },
    });
    expect(paid.body.batch.status).toBe('settled');
    expect((await call('GET', `/v1/programmes/${programme.id}`, { as: finance })).body.totals).toMatchObject({ committedFen: 0, paidFen: 1_000_000 });
  });

  it('leaves a paid claim to a reversal, and names it', async () => {
    const programme = await openProgramme();
    const { claim } = await paidClaim(programme.id);
    const alert = await suspect([claim.id]);
    const resolved = await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, { as: officer, body: { outcome: 'fraud', notes: '已支付，需追回' } });
    expect(resolved.body.resolution).toMatchObject({ rejectedClaimIds: [], paidClaimIds: [claim.id] });
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.status).toBe('paid');
  });
});
