import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import type { Role } from '../../shared/roles';
import { call, uniqueSub, type As } from '../support/api';
import { officer as eventsOfficer, publishedEvent, startup as startupRecordOf } from '../support/events';
import { applicantInput } from '../support/factories';
import { inStaffDirectory } from '../support/staff';
import { applicationInput, reviewedApplication, submittedApplication } from '../support/startups';
import {
  auditor,
  finance,
  finance2,
  idem,
  officer,
  openProgramme,
  ownBankAccount,
  passDisclosure,
  payableClaim,
  preparedBatch,
  publishedNotice,
} from '../support/subsidies';

afterEach(() => useRealClock());

/**
 * Nobody acts as staff on their own record, whatever roles they hold: a person who is an applicant
 * and also an officer, finance user, mentor or judge is refused (403 OWN_RECORD) on their own
 * claim, application, batch or entry, and allowed on everyone else's.
 */
function person(...roles: Role[]) {
  const sub = uniqueSub('two-hats');
  return { sub, as: (role: Role): As => ({ role, sub, roles }) };
}

async function registeredAs(p: ReturnType<typeof person>) {
  const res = await call('POST', '/v1/applicants', { as: p.as('applicant'), body: applicantInput() });
  expect(res.status).toBe(201);
  return res.body;
}

async function claimOf(p: ReturnType<typeof person>, programmeId: string) {
  const res = await call('POST', '/v1/claims', { as: p.as('applicant'), body: { programmeId, bankAccount: ownBankAccount() } });
  expect(res.status).toBe(201);
  return res.body;
}

const expectOwnRecord = (res: { status: number; body: any }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.code).toBe('OWN_RECORD');
};

describe('an officer who is also an applicant', () => {
  it('cannot verify, publish or resolve objections to their own claim, and is named with both roles in the audit trail', async () => {
    const programme = await openProgramme();
    const me = person('applicant', 'officer');
    await registeredAs(me);
    const claim = await claimOf(me, programme.id);
    expectOwnRecord(await call('POST', `/v1/claims/${claim.id}/verification`, { as: me.as('officer'), body: { decision: 'verify' } }));
    expect((await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body.status).toBe('submitted');
    const trail = await call('GET', `/v1/audit?entityId=${claim.id}`, { as: auditor });
    expect(trail.body.items[0]).toMatchObject({ action: 'claim.submitted', role: 'applicant', roles: ['applicant', 'officer'] });

    expect((await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } })).status).toBe(200);
    expectOwnRecord(await call('POST', '/v1/disclosure-notices', { as: me.as('officer'), body: { programmeId: programme.id, claimIds: [claim.id] } }));
    await publishedNotice(programme.id, [claim]);
    const objection = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, { body: { reason: '此人是中心工作人员' } });
    expectOwnRecord(await call('POST', `/v1/objections/${objection.body.id}/resolution`, { as: me.as('officer'), body: { decision: 'dismissed' } }));
    expect((await call('POST', `/v1/objections/${objection.body.id}/resolution`, { as: officer, body: { decision: 'dismissed' } })).status).toBe(200);
  });

  it('cannot decide their own application, nor assign its reviewers', async () => {
    const me = person('applicant', 'officer');
    await registeredAs(me);
    const application = await submittedApplication(me.as('applicant'), applicationInput());
    expectOwnRecord(await call('POST', `/v1/applications/${application.id}/reviewers`, { as: me.as('officer'), body: { reviewerId: uniqueSub('r') } }));
    await reviewedApplication(application.id);
    expectOwnRecord(
      await call('POST', `/v1/applications/${application.id}/decision`, { as: me.as('officer'), body: { decision: 'approve', reason: '自己批准' } }),
    );
    expect((await call('GET', `/v1/applications/${application.id}`, { as: officer })).body.status).toBe('under_review');
  });
});

describe('a finance user who is also an applicant', () => {
  it('cannot prepare, approve or confirm a batch that pays them', async () => {
    const programme = await openProgramme();
    const me = person('applicant', 'finance');
    await registeredAs(me);
    const mine = await claimOf(me, programme.id);
    await call('POST', `/v1/claims/${mine.id}/verification`, { as: officer, body: { decision: 'verify' } });
    await passDisclosure(programme.id, [mine]);
    const body = { programmeId: programme.id, claimIds: [mine.id], declaredCount: 1, declaredTotalFen: mine.amountFen };
    expectOwnRecord(await call('POST', '/v1/payout-batches', { as: me.as('finance'), headers: idem(), body }));
    const batch = await preparedBatch(programme.id, [mine], finance);
    expectOwnRecord(await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: me.as('finance'), headers: idem() }));
    const approved = await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() });
    expect(approved.body.status).toBe('approved');
    expectOwnRecord(
      await call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
        as: me.as('finance'),
        headers: idem(),
        body: { lines: [{ claimId: mine.id, status: 'paid', bankReference: 'SELF' }] },
      }),
    );
    expect((await call('GET', `/v1/claims/${mine.id}`, { as: officer })).body.status).toBe('batched');
  });

  it('still approves other people’s batches', async () => {
    const programme = await openProgramme();
    const me = person('applicant', 'finance');
    await registeredAs(me);
    const { claim } = await payableClaim(programme.id);
    const batch = await preparedBatch(programme.id, [claim], finance);
    expect((await call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: me.as('finance'), headers: idem() })).status).toBe(200);
  });
});

describe('a judge who founded the startup', () => {
  it('cannot score its entry', async () => {
    const me = person('applicant', 'mentor');
    const mine = await startupRecordOf('incubating', me.sub);
    const event = await publishedEvent({ kind: 'roadshow', title: '创业项目路演' });
    const entry = await call('POST', `/v1/events/${event.id}/entries`, {
      as: me.as('applicant'),
      body: { startupId: mine.id, pitchTitle: '自己的项目', summary: '评委本人创办的项目。' },
    });
    expect(entry.status).toBe(201);
    await inStaffDirectory(me.as('mentor'));
    expect((await call('POST', `/v1/events/${event.id}/judges`, { as: eventsOfficer, body: { userId: me.sub } })).status).toBe(201);
    const marks = { innovation: 10, market: 10, team: 10, execution: 10, socialImpact: 10 };
    expectOwnRecord(await call('POST', `/v1/events/${event.id}/entries/${entry.body.id}/scores`, { as: me.as('mentor'), body: marks }));
  });
});
