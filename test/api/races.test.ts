import { afterEach, describe, expect, it } from 'vitest';
import { useRealClock } from '../../shared/clock';
import { call, type Answer, type As } from '../support/api';
import { assign, testMentor, testStartup, officer as mentorsOfficer } from '../support/mentors';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month } from '../support/spaces';
import { registeredApplicant as applicantLogin, reviewedApplication, submittedApplication } from '../support/startups';
import { publishedEvent, register, registrationsOf, officer as eventsOfficer } from '../support/events';
import {
  approvedBatch,
  auditor,
  bankAccount,
  finance,
  finance2,
  idem,
  openProgramme,
  preparedBatch,
  registeredApplicant,
  payableClaim,
  payableClaims,
} from '../support/subsidies';

afterEach(() => useRealClock());

/**
 * The races the domain names, fired through the HTTP layer against DynamoDB Local: at least 50
 * parallel requests each, then the invariant is read back through the API. The per-module test
 * files hold finer race cases; this suite is the one place that shows them all side by side.
 */

const PARALLEL = 50;

const count = (results: Answer[], status: number, code?: string) =>
  results.filter((r) => r.status === status && (code === undefined || r.body?.code === code)).length;

/** Every answer is one of the expected ones: a race must never surface as a 5xx or an unexpected code. */
function expectOnly(results: Answer[], allowed: Array<[number, string?]>): void {
  for (const r of results) {
    const ok = allowed.some(([status, code]) => r.status === status && (code === undefined || r.body?.code === code));
    expect(ok, `unexpected ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(true);
  }
}

describe('races, through the API', () => {
  it('allocation: 50 parallel allocations of overlapping periods of one unit give every unit-month to one startup', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startups = await Promise.all(Array.from({ length: PARALLEL }, () => approvedStartupRecord()));
    // Periods [m, m+2] for m = 1, 2, 3: every one of them contains month 3.
    const results = await Promise.all(
      startups.map((s, i) => allocate(manager, { startupId: s.id, unitId: unit.id, fromMonth: month(1 + (i % 3)), toMonth: month(3 + (i % 3)) })),
    );
    expectOnly(results, [[201], [409, 'UNIT_OCCUPIED']]);
    expect(count(results, 201)).toBe(1);

    const listed = await call('GET', `/v1/allocations?unitId=${unit.id}&limit=100`, { as: manager });
    expect(listed.body.items).toHaveLength(1);
    for (let m = 0; m <= 6; m++) {
      const occupancy = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(m)}`, { as: manager });
      expect(occupancy.body.units.occupied, `month ${month(m)}`).toBeLessThanOrEqual(1);
    }
  });

  it('mentor capacity: 50 parallel assignments to a mentor with room for 5 make exactly 5', async () => {
    const mentor = await testMentor({ maxMentees: 5 });
    const startups = await Promise.all(Array.from({ length: PARALLEL }, () => testStartup()));
    const results = await Promise.all(startups.map((s) => assign(mentor.id, s.id)));
    expectOnly(results, [[201], [409, 'MENTOR_AT_CAPACITY']]);
    expect(count(results, 201)).toBe(5);

    expect((await call('GET', `/v1/mentors/${mentor.id}`, { as: mentorsOfficer })).body.activeMentees).toBe(5);
    const listed = await call('GET', `/v1/assignments?mentorId=${mentor.id}&limit=100`, { as: mentorsOfficer });
    expect(listed.body.items.filter((a: { status: string }) => a.status === 'active')).toHaveLength(5);
  });

  it('duplicate claims: 50 parallel claims of one person on one programme leave one claim', async () => {
    const programme = await openProgramme();
    const claimant = await registeredApplicant();
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => call('POST', '/v1/claims', { as: claimant.as, body: { programmeId: programme.id, bankAccount } })),
    );
    expectOnly(results, [[201], [409, 'ALREADY_CLAIMED']]);
    expect(count(results, 201)).toBe(1);

    const mine = await call('GET', `/v1/claims?mine=true&limit=100`, { as: claimant.as });
    expect(mine.body.items.filter((c: { programmeId: string }) => c.programmeId === programme.id)).toHaveLength(1);
    const all = await call('GET', `/v1/claims?programmeId=${programme.id}&limit=100`, { as: auditor });
    expect(all.body.items).toHaveLength(1);
  });

  it('budget: 50 parallel batch approvals over the remaining budget keep committed + paid − reversed ≤ budget', async () => {
    // 50 batches of 1,000,000 fen against 20,500,000: 20 fit.
    const budgetFen = 20_500_000;
    const programme = await openProgramme({ budgetFen });
    const claims = await payableClaims(programme.id, PARALLEL);
    const batches = await Promise.all(claims.map(({ claim }) => preparedBatch(programme.id, [claim])));
    const approvals = await Promise.all(batches.map((b) => call('POST', `/v1/payout-batches/${b.id}/approval`, { as: finance2, headers: idem() })));
    expectOnly(approvals, [[200], [409, 'BUDGET_EXCEEDED']]);
    expect(count(approvals, 200)).toBe(20);

    const totalsOf = async () => (await call('GET', `/v1/programmes/${programme.id}`, { as: finance })).body.totals;
    const afterApprovals = await totalsOf();
    expect(afterApprovals.committedFen + afterApprovals.paidFen - afterApprovals.reversedFen).toBeLessThanOrEqual(budgetFen);
    expect(afterApprovals.committedFen).toBe(20_000_000);

    // The bank pays the approved ones while finance tries the refused ones again: still within budget.
    const approved = approvals.map((r, i) => ({ r, batch: batches[i]!, claim: claims[i]!.claim })).filter(({ r }) => r.status === 200);
    const refused = approvals.map((r, i) => ({ r, batch: batches[i]! })).filter(({ r }) => r.status !== 200);
    const second = await Promise.all([
      ...approved.map(({ batch, claim }) =>
        call('POST', `/v1/payout-batches/${batch.id}/confirmations`, {
          as: finance,
          headers: idem(),
          body: { lines: [{ claimId: claim.id, status: 'paid', bankReference: `BK-${claim.id.slice(-8)}` }] },
        }),
      ),
      ...refused.map(({ batch }) => call('POST', `/v1/payout-batches/${batch.id}/approval`, { as: finance2, headers: idem() })),
    ]);
    expect(second.slice(0, approved.length).every((r) => r.status === 200)).toBe(true);
    expectOnly(second.slice(approved.length), [[409, 'BUDGET_EXCEEDED']]);

    const totals = await totalsOf();
    expect(totals.committedFen + totals.paidFen - totals.reversedFen).toBeLessThanOrEqual(budgetFen);
    expect(totals).toMatchObject({ committedFen: 0, paidFen: 20_000_000, reversedFen: 0, remainingFen: 500_000 });
    const ledger = await call('GET', `/v1/ledger?programmeId=${programme.id}&limit=100`, { as: auditor });
    expect(ledger.body.items).toHaveLength(20);
    expect(ledger.body.items.reduce((sum: number, e: { amountFen: number }) => sum + e.amountFen, 0)).toBe(20_000_000);
  });

  it('idempotent confirmations: 50 replays of one confirmation write one ledger entry', async () => {
    const programme = await openProgramme();
    const { claim } = await payableClaim(programme.id);
    const batch = await approvedBatch(programme.id, [claim]);
    const headers = idem();
    const body = { lines: [{ claimId: claim.id, status: 'paid', bankReference: 'BK-RACE-REPLAY' }] };
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => call('POST', `/v1/payout-batches/${batch.id}/confirmations`, { as: finance, headers, body })),
    );
    expectOnly(results, [[200]]);
    // Every 200 is the same answer: the first one, replayed.
    const entryIds = new Set(results.filter((r) => r.status === 200).map((r) => r.body.lines[0].ledgerEntryId));
    expect(entryIds.size).toBe(1);

    const ledger = await call('GET', `/v1/ledger?programmeId=${programme.id}&limit=100`, { as: auditor });
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.totals).toMatchObject({ paidFen: 1_000_000, committedFen: 0 });
  });

  it('application decisions: 50 officers deciding one application at once leave one decision and at most one startup', async () => {
    const founder = await applicantLogin();
    const application = await submittedApplication(founder);
    await reviewedApplication(application.id);
    const officers = Array.from({ length: PARALLEL }, (_, i): As => ({ role: 'officer', sub: `race-officer-${i}` }));
    const results = await Promise.all(
      officers.map((as, i) =>
        call('POST', `/v1/applications/${application.id}/decision`, {
          as,
          body: { decision: i % 2 ? 'approve' : 'reject', reason: 'Decided under pressure.' },
        }),
      ),
    );
    expectOnly(results, [[200], [409]]);
    expect(count(results, 200)).toBe(1);

    const winner = results.find((r) => r.status === 200)!.body;
    const read = await call('GET', `/v1/applications/${application.id}`, { as: founder });
    expect(read.body.status).toBe(winner.status);
    const startups = await call('GET', '/v1/startups?mine=true', { as: founder });
    expect(startups.body.items).toHaveLength(winner.status === 'approved' ? 1 : 0);
    const trail = await call('GET', `/v1/applications/${application.id}/history?limit=100`, { as: auditor });
    const decisions = trail.body.items.filter((e: { action: string }) => e.action === 'application.approved' || e.action === 'application.rejected');
    expect(decisions).toHaveLength(1);
  });

  it('event registration: 200 parallel registrations for 50 seats seat 50 and queue 150 at positions 1–150', async () => {
    const event = await publishedEvent({ capacity: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, () => register(event.id)));
    expectOnly(results, [[201]]);

    const detail = await call('GET', `/v1/events/${event.id}`, { as: eventsOfficer });
    expect(detail.body).toMatchObject({ registered: 50, waiting: 150, seatsLeft: 0 });
    const stored = await registrationsOf(event.id);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((r) => r.userId)).size).toBe(200);
    expect(stored.filter((r) => r.status === 'registered')).toHaveLength(50);
    const positions = stored.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition!);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });
});
