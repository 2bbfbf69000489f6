import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../../shared/risk/service';
import { systemCtx } from '../../shared/context';
import { call } from '../support/api';

const auditor = { role: 'auditor' as const, sub: 'auditor-1' };
const officer = { role: 'officer' as const, sub: 'officer-risk' };

describe('risk alerts', () => {
  it('keep at most one open alert per rule and subject, even when raised in parallel', async () => {
    const raised = await Promise.all(
      Array.from({ length: 10 }, () =>
        raiseAlert(systemCtx('req'), { rule: 'claim_after_exit', subjectType: 'claim', subjectId: 'clm_PARALLEL', summary: 'claim after exit' }),
      ),
    );
    expect(raised.filter(Boolean)).toHaveLength(1);
    const open = await call('GET', '/v1/risk-alerts?status=open&rule=claim_after_exit', { as: auditor });
    expect(open.body.items.filter((a: { subjectId: string }) => a.subjectId === 'clm_PARALLEL')).toHaveLength(1);
  });

  it('mask identifiers in the facts they keep', async () => {
    const alert = await raiseAlert(systemCtx('req'), {
      rule: 'shared_bank_account',
      subjectType: 'bankAccount',
      subjectId: 'acct_fingerprint_1',
      summary: 'one account on claims of two people',
      facts: { accountNumber: '6222020200112233445', claims: 2 },
    });
    expect(alert!.facts).toEqual({ accountNumber: '****3445', claims: 2 });
  });

  it('are resolved once, with an outcome, and may then be raised again', async () => {
    const alert = await raiseAlert(systemCtx('req'), { rule: 'mentor_overload', subjectType: 'mentor', subjectId: 'mnt_R', summary: '45 hours in a week' });
    const resolved = await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, {
      as: officer,
      body: { outcome: 'legitimate', notes: 'Training week, checked with the mentor.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolution).toMatchObject({ outcome: 'legitimate', by: 'officer-risk' });
    const again = await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, { as: officer, body: { outcome: 'fraud', notes: 'x' } });
    expect(again.status).toBe(409);
    expect(await raiseAlert(systemCtx('req'), { rule: 'mentor_overload', subjectType: 'mentor', subjectId: 'mnt_R', summary: 'again' })).not.toBeNull();
    const list = await call('GET', '/v1/risk-alerts?status=resolved', { as: { role: 'finance' } });
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(alert!.id);
  });

  it('cannot be resolved by finance, nor by auditors (who read everything and change nothing), nor read by applicants', async () => {
    const alert = await raiseAlert(systemCtx('req'), { rule: 'ledger_mismatch', subjectType: 'programme', subjectId: 'prg_1', summary: 'x' });
    for (const role of ['finance', 'auditor'] as const) {
      expect((await call('POST', `/v1/risk-alerts/${alert!.id}/resolution`, { as: { role }, body: { outcome: 'fraud', notes: 'x' } })).status).toBe(403);
    }
    expect((await call('GET', `/v1/risk-alerts?status=open&rule=ledger_mismatch`, { as: auditor })).body.items.map((a: { id: string }) => a.id)).toContain(
      alert!.id,
    );
    expect((await call('GET', '/v1/risk-alerts', { as: { role: 'applicant' } })).status).toBe(403);
  });
});
