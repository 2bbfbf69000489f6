import { describe, expect, it } from 'vitest';
import { call, uniqueSub, type As } from '../support/api';
import { applicantInput, idNumber } from '../support/factories';
import { auditor, officer, openProgramme, ownBankAccount } from '../support/subsidies';

async function registered(overrides = {}) {
  const as: As = { role: 'applicant', sub: uniqueSub('changer') };
  const res = await call('POST', '/v1/applicants', { as, body: applicantInput(overrides) });
  expect(res.status).toBe(201);
  return { as, profile: res.body };
}

const request = (as: As, body: Record<string, unknown>) =>
  call('POST', '/v1/applicants/me/change-requests', { as, body: { reason: '已办理相关登记手续', evidence: ['登记证明'], ...body } });
const decide = (id: string, decision: 'approve' | 'reject', as: As = officer) =>
  call('POST', `/v1/change-requests/${id}/decision`, { as, body: { decision, reason: decision === 'approve' ? '材料核实无误' : '材料不足' } });
const me = async (as: As) => (await call('GET', '/v1/applicants/me', { as })).body;

describe('the categories of today’s policy', () => {
  it('registers the new groups, and a veteran with the day of discharge', async () => {
    for (const category of ['employment_difficulty', 'registered_unemployed', 'poverty_alleviated']) {
      expect((await registered({ category })).profile.category).toBe(category);
    }
    const veteran = await call('POST', '/v1/applicants', { as: { role: 'applicant', sub: uniqueSub() }, body: { ...applicantInput(), category: 'veteran' } });
    expect(veteran.status).toBe(400);
    expect(veteran.body.errors[0].field).toBe('body.veteranDischargedOn');
    expect((await registered({ category: 'veteran', veteranDischargedOn: '2021-09-01' })).profile.veteranDischargedOn).toBe('2021-09-01');
    const old = await call('POST', '/v1/applicants', {
      as: { role: 'applicant', sub: uniqueSub() },
      body: applicantInput({ category: 'registered_poor_household' as never }),
    });
    expect(old.status).toBe(400);
  });
});

describe('change requests', () => {
  it('change nothing until an officer approves, then change the profile, audited before and after', async () => {
    const { as, profile } = await registered();
    const asked = await request(as, { category: 'registered_unemployed' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', changes: { category: { before: 'returning_migrant_worker', after: 'registered_unemployed' } } });
    expect((await me(as)).category).toBe('returning_migrant_worker');
    const queue = await call('GET', '/v1/change-requests?status=pending&limit=100', { as: officer });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    const approved = await decide(asked.body.id, 'approve');
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: officer.sub });
    expect(await me(as)).toMatchObject({ category: 'registered_unemployed', version: 2 });
    const trail = await call('GET', `/v1/audit?entityId=${profile.id}`, { as: auditor });
    const change = trail.body.items.find((r: { action: string }) => r.action === 'applicant.changed_by_request');
    expect(change).toMatchObject({ actorId: officer.sub, changes: { category: { before: 'returning_migrant_worker', after: 'registered_unemployed' } } });
    expect((await decide(asked.body.id, 'reject')).body.code).toBe('CHANGE_REQUEST_DECIDED');
    const mine = await call('GET', '/v1/applicants/me/change-requests', { as });
    expect(mine.body.items.map((r: { status: string }) => r.status)).toEqual(['approved']);
  });

  it('leaves the profile as it was when rejected, and takes one pending request at a time', async () => {
    const { as } = await registered();
    const first = await request(as, { graduation: { school: '四川大学', leftOn: '2024-06-30' }, category: 'college_graduate' });
    expect(first.status).toBe(201);
    expect((await request(as, { category: 'other' })).body.code).toBe('CHANGE_REQUEST_PENDING');
    expect((await decide(first.body.id, 'reject')).body.status).toBe('rejected');
    expect((await me(as)).category).toBe('returning_migrant_worker');
    expect((await request(as, { category: 'other' })).status).toBe(201);
  });

  it('checks the facts of the result: a graduate says where and when, a veteran when discharged, nothing in the future', async () => {
    const { as } = await registered();
    expect((await request(as, { category: 'college_graduate' })).body.errors[0].field).toBe('body.graduation');
    expect((await request(as, { category: 'veteran' })).body.errors[0].field).toBe('body.veteranDischargedOn');
    expect((await request(as, { category: 'veteran', veteranDischargedOn: '2099-01-01' })).status).toBe(400);
    expect((await request(as, { category: 'returning_migrant_worker' })).body.code).toBe('NOTHING_TO_CHANGE');
    expect((await request(as, {})).status).toBe(400);
  });

  it('moves the identity number with its one-profile rule, masked in the request', async () => {
    const { as, profile } = await registered();
    const other = await registered();
    const taken = await call('GET', `/v1/applicants/${other.profile.id}`, { as: officer });
    const fresh = idNumber('19980202');
    const asked = await request(as, { idNumber: fresh, name: '改名后' });
    expect(asked.body.changes.idNumber.after).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(JSON.stringify(asked.body)).not.toContain(fresh);
    await decide(asked.body.id, 'approve');
    expect(await me(as)).toMatchObject({ name: '改名后', birthDate: '1998-02-02', idNumberMasked: asked.body.changes.idNumber.after });
    // The new number is now taken; the old one is free for its rightful owner.
    const duplicate = await call('POST', '/v1/applicants', { as: { role: 'applicant', sub: uniqueSub() }, body: applicantInput({ idNumber: fresh }) });
    expect(duplicate.body.code).toBe('REGISTRATION_REFUSED');
    expect(taken.body.id).not.toBe(profile.id);
  });

  it('is never decided by an officer about their own profile', async () => {
    const sub = uniqueSub('officer-applicant');
    const both: As = { role: 'applicant', sub, roles: ['applicant', 'officer'] };
    expect((await call('POST', '/v1/applicants', { as: both, body: applicantInput() })).status).toBe(201);
    const asked = await request(both, { category: 'registered_unemployed' });
    const own = await decide(asked.body.id, 'approve', { role: 'officer', sub, roles: ['applicant', 'officer'] });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('OWN_RECORD');
    expect((await me(both)).category).toBe('returning_migrant_worker');
  });

  it('makes verification refuse a claim judged on the category it had before', async () => {
    const programme = await openProgramme({ eligibility: { categories: ['returning_migrant_worker'] } });
    const { as } = await registered();
    const claim = await call('POST', '/v1/claims', { as, body: { programmeId: programme.id, bankAccount: ownBankAccount() } });
    expect(claim.body.facts).toMatchObject({ category: 'returning_migrant_worker', amountFen: 1_000_000 });
    const asked = await request(as, { category: 'registered_unemployed' });
    await decide(asked.body.id, 'approve');
    const verify = await call('POST', `/v1/claims/${claim.body.id}/verification`, { as: officer, body: { decision: 'verify' } });
    expect(verify.status).toBe(422);
    expect(verify.body.code).toBe('FACTS_CHANGED');
    expect(verify.body.changes.join(' ')).toContain('categories');
  });
});
