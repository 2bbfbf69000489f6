import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { call, uniqueSub, type As } from '../support/api';
import { approvedStartup, officer, registeredApplicant, reviewedApplication, submittedApplication } from '../support/startups';
import { inStaffDirectory, staffMember } from '../support/staff';

const auditor: As = { role: 'auditor', sub: 'auditor-review' };
const mentor = (): As => ({ role: 'mentor', sub: uniqueSub('mentor') });
const marks = (n = 6) => ({ innovation: n, feasibility: n, team: n, jobCreation: n, socialValue: n, comment: 'ok' });
/** Assigns a reviewer, recorded first in the staff directory as a mentor unless `recorded` is false. */
const assign = async (id: string, reviewerId: string, as: As = officer, recorded = true) => {
  if (recorded) await inStaffDirectory({ role: 'mentor', sub: reviewerId });
  return call('POST', `/v1/applications/${id}/reviewers`, { as, body: { reviewerId } });
};
const score = (id: string, as: As, body = marks()) => call('POST', `/v1/applications/${id}/scores`, { as, body });
const decide = (id: string, decision: 'approve' | 'reject', as: As = officer) =>
  call('POST', `/v1/applications/${id}/decision`, { as, body: { decision, reason: `decided to ${decision}` } });

async function submitted() {
  const founder = await registeredApplicant();
  return { founder, application: await submittedApplication(founder) };
}

afterEach(() => useRealClock());

describe('assigning reviewers', () => {
  it('puts a submitted application under review on the first assignment', async () => {
    const { founder, application } = await submitted();
    const reviewer = mentor();
    const res = await assign(application.id, reviewer.sub!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'under_review', reviewers: [reviewer.sub] });
    const worklist = await call('GET', '/v1/review-assignments', { as: reviewer });
    expect(worklist.body.items).toEqual([expect.objectContaining({ applicationId: application.id, projectName: application.projectName })]);
    expect((await call('GET', `/v1/applications/${application.id}`, { as: reviewer })).body.reviewers).toEqual([reviewer.sub]);
    // The applicant sees the status, not who reviews them or the running totals.
    const own = await call('GET', `/v1/applications/${application.id}`, { as: founder });
    expect(own.body.status).toBe('under_review');
    expect(own.body).not.toHaveProperty('reviewers');
    expect(own.body).not.toHaveProperty('scoreTotal');
  });

  it('is for officers only', async () => {
    const { founder, application } = await submitted();
    for (const as of [mentor(), auditor, founder]) expect((await assign(application.id, uniqueSub('r'), as)).status).toBe(403);
  });

  it('refuses the applicant as reviewer of their own application', async () => {
    const { founder, application } = await submitted();
    const res = await assign(application.id, founder.sub!, officer, false);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('OWN_APPLICATION');
  });

  it('takes reviewers only from the staff directory’s officers and mentors, naming the field', async () => {
    const { application } = await submitted();
    const finance = await inStaffDirectory({ role: 'finance', sub: uniqueSub('finance') });
    for (const reviewerId of [uniqueSub('stranger'), finance.sub]) {
      const res = await assign(application.id, reviewerId, officer, false);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'NOT_IN_STAFF_DIRECTORY', field: 'reviewerId', roles: ['officer', 'mentor'] });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reviewerId']);
    }
    expect((await call('GET', `/v1/applications/${application.id}`, { as: officer })).body).toMatchObject({ status: 'submitted', reviewers: [] });
    const colleague = await staffMember('officer', 'reviewer');
    expect((await assign(application.id, colleague.sub, officer, false)).status).toBe(200);
  });

  it('refuses the same reviewer twice and a sixth reviewer', async () => {
    const { application } = await submitted();
    const subs = Array.from({ length: 5 }, () => uniqueSub('r'));
    for (const sub of subs) expect((await assign(application.id, sub)).status).toBe(200);
    expect((await assign(application.id, subs[0]!)).body.code).toBe('ALREADY_ASSIGNED');
    const sixth = await assign(application.id, uniqueSub('r'));
    expect(sixth.status).toBe(409);
    expect(sixth.body.code).toBe('TOO_MANY_REVIEWERS');
  });

  it('never exceeds 5 reviewers when 50 officers assign at once', async () => {
    const { application } = await submitted();
    const results = await Promise.all(Array.from({ length: 50 }, () => assign(application.id, uniqueSub('r'))));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const after = await call('GET', `/v1/applications/${application.id}`, { as: officer });
    expect(after.body.reviewers).toHaveLength(5);
  });

  it('is not possible on a draft (404) or after the decision (409)', async () => {
    const founder = await registeredApplicant();
    const draft = await call('POST', '/v1/applications', { as: founder, body: { projectName: 'draft' } });
    expect((await assign(draft.body.id, uniqueSub('r'))).status).toBe(404);
    const { application } = await approvedStartup();
    const late = await assign(application.id, uniqueSub('r'));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
  });
});

describe('scoring', () => {
  it('takes one score from each assigned reviewer, totalling the five marks', async () => {
    const { application } = await submitted();
    const reviewer = mentor();
    await assign(application.id, reviewer.sub!);
    const res = await score(application.id, reviewer, { ...marks(), innovation: 10, socialValue: 0 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reviewerId: reviewer.sub, total: 28, innovation: 10 });
    const again = await score(application.id, reviewer);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_SCORED');
    const scores = await call('GET', `/v1/applications/${application.id}/scores`, { as: auditor });
    expect(scores.body.items).toHaveLength(1);
    expect((await call('GET', `/v1/applications/${application.id}/scores`, { as: reviewer })).status).toBe(403);
    expect((await call('GET', `/v1/applications/${application.id}`, { as: officer })).body).toMatchObject({ scoreCount: 1, scoreTotal: 28 });
  });

  it('refuses scores from anyone not assigned', async () => {
    const { founder, application } = await submitted();
    await assign(application.id, uniqueSub('r'));
    const unassignedOfficer = await score(application.id, { role: 'officer', sub: uniqueSub('o') });
    expect(unassignedOfficer.status).toBe(403);
    expect(unassignedOfficer.body.code).toBe('NOT_A_REVIEWER');
    expect((await score(application.id, mentor())).status).toBe(404);
    expect((await score(application.id, founder)).status).toBe(403);
  });

  it('checks each mark is an integer from 0 to 10', async () => {
    const { application } = await submitted();
    const reviewer = mentor();
    await assign(application.id, reviewer.sub!);
    for (const bad of [{ innovation: 11 }, { team: -1 }, { feasibility: 7.5 }, { comment: '' }]) {
      expect((await score(application.id, reviewer, { ...marks(), ...bad })).status).toBe(400);
    }
  });

  it('records exactly one of 50 identical scores sent at once', async () => {
    const { application } = await submitted();
    const reviewer = mentor();
    await assign(application.id, reviewer.sub!);
    const results = await Promise.all(Array.from({ length: 50 }, () => score(application.id, reviewer)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const after = await call('GET', `/v1/applications/${application.id}`, { as: officer });
    expect(after.body).toMatchObject({ scoreCount: 1, scoreTotal: 30 });
  });

  it('counts every reviewer when several score at once', async () => {
    const { application } = await submitted();
    const reviewers = Array.from({ length: 5 }, mentor);
    for (const r of reviewers) await assign(application.id, r.sub!);
    const results = await Promise.all(reviewers.flatMap((r) => Array.from({ length: 10 }, () => score(application.id, r, marks(4)))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    const after = await call('GET', `/v1/applications/${application.id}`, { as: officer });
    expect(after.body).toMatchObject({ scoreCount: 5, scoreTotal: 100 });
  });
});

describe('the decision', () => {
  it('needs at least two scores', async () => {
    const { application } = await submitted();
    const reviewer = mentor();
    await assign(application.id, reviewer.sub!);
    await score(application.id, reviewer);
    const res = await decide(application.id, 'approve');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'NOT_ENOUGH_SCORES', needed: 2, have: 1 });
  });

  it('needs as many scores as the programme configures', async () => {
    process.env.FUHUA_MIN_REVIEW_SCORES = '3';
    try {
      const { application } = await submitted();
      await reviewedApplication(application.id);
      const res = await decide(application.id, 'approve');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'NOT_ENOUGH_SCORES', needed: 3, have: 2 });
    } finally {
      delete process.env.FUHUA_MIN_REVIEW_SCORES;
    }
  });

  it('cannot be taken before review, or by anyone but an officer', async () => {
    const { founder, application } = await submitted();
    expect((await decide(application.id, 'approve')).body.code).toBe('INVALID_TRANSITION');
    await reviewedApplication(application.id);
    for (const as of [founder, mentor(), auditor]) expect((await decide(application.id, 'approve', as)).status).toBe(403);
  });

  it('approves: records the average and creates the startup in the same step', async () => {
    useFixedClock('2030-01-31T06:00:00Z');
    const { founder, application } = await submitted();
    const { reviewers } = await reviewedApplication(application.id, 8);
    const res = await decide(application.id, 'approve');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      decision: 'approve',
      averageScore: 40,
      decidedBy: officer.sub,
      startupId: expect.stringMatching(/^stp_/),
    });
    const startup = await call('GET', `/v1/startups/${res.body.startupId}`, { as: founder });
    expect(startup.status).toBe(200);
    expect(startup.body).toMatchObject({
      applicationId: application.id,
      founderApplicantId: application.applicantId,
      founderUserId: founder.sub,
      name: application.projectName,
      sector: application.sector,
      status: 'approved',
      incubationStart: '2030-01-31',
      incubationEnd: '2032-01-31',
    });
    const stats = await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: '2030-01' } }));
    expect(stats.Item).toMatchObject({ applications_approved: 1, startups_approved: 1 });
    expect((await score(application.id, reviewers[0]!)).status).toBe(409);
  });

  it('rejects: no startup, and the applicant may apply again', async () => {
    const { founder, application } = await submitted();
    await reviewedApplication(application.id);
    const res = await decide(application.id, 'reject');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', decisionReason: 'decided to reject' });
    expect(res.body.startupId).toBeUndefined();
    expect((await decide(application.id, 'approve')).status).toBe(409);
    expect((await call('POST', `/v1/applications/${application.id}/withdraw`, { as: founder })).status).toBe(409);
    expect((await submittedApplication(founder)).status).toBe('submitted');
  });

  it('lets exactly one of 50 officers deciding at once win, and makes one startup', async () => {
    const { founder, application } = await submitted();
    await reviewedApplication(application.id);
    const officers = Array.from({ length: 50 }, (_, i): As => ({ role: 'officer', sub: `officer-${i}` }));
    const results = await Promise.all(officers.map((as, i) => decide(application.id, i % 2 ? 'approve' : 'reject', as)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!.body;
    const startups = await call('GET', '/v1/startups?mine=true', { as: founder });
    expect(startups.body.items).toHaveLength(winner.status === 'approved' ? 1 : 0);
    const trail = await call('GET', `/v1/applications/${application.id}/history?limit=100`, { as: auditor });
    expect(trail.body.items.filter((e: { action: string }) => e.action === 'application.approved' || e.action === 'application.rejected')).toHaveLength(1);
  });
});

describe('the timeline', () => {
  it('shows every step, with who and what changed to staff only', async () => {
    const { founder, application } = await approvedStartup();
    const staff = await call('GET', `/v1/applications/${application.id}/history?limit=100`, { as: officer });
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'application.created',
      'application.submitted',
      'application.review_started',
      'application.reviewer_assigned',
      'application.scored',
      'application.scored',
      'application.approved',
    ]);
    expect(staff.body.items[0]).toMatchObject({
      actorId: officer.sub,
      changes: expect.objectContaining({ status: { before: 'under_review', after: 'approved' } }),
    });
    const own = await call('GET', `/v1/applications/${application.id}/history?limit=100`, { as: founder });
    // The applicant's timeline has no review steps: who reviews, and each score, are for staff.
    expect(own.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'application.created',
      'application.submitted',
      'application.review_started',
      'application.approved',
    ]);
    for (const entry of own.body.items) expect(Object.keys(entry).sort()).toEqual(['action', 'at', 'role']);
    expect((await call('GET', `/v1/applications/${application.id}/history`, { as: mentor() })).status).toBe(404);
  });
});

describe('what the applicant sees of the review', () => {
  it('is the decision and its reason: not who reviewed or decided, not the scores, their average or the scoring steps', async () => {
    const { founder, application } = await submitted();
    await reviewedApplication(application.id);
    expect((await decide(application.id, 'approve')).status).toBe(200);
    const staffView = await call('GET', `/v1/applications/${application.id}`, { as: officer });
    expect(staffView.body).toMatchObject({ decision: 'approve', decidedBy: officer.sub, averageScore: expect.any(Number) });
    const own = await call('GET', `/v1/applications/${application.id}`, { as: founder });
    expect(own.body).toMatchObject({ status: 'approved', decision: 'approve', decisionReason: 'decided to approve' });
    for (const hidden of ['decidedBy', 'averageScore', 'scoreCount', 'scoreTotal', 'reviewers']) expect(own.body, hidden).not.toHaveProperty(hidden);
    const mine = await call('GET', '/v1/applications?mine=true', { as: founder });
    const listed = mine.body.items.find((a: { id: string }) => a.id === application.id);
    expect(listed).not.toHaveProperty('decidedBy');
    expect(listed).not.toHaveProperty('averageScore');

    const steps = async (as: As) =>
      (await call('GET', `/v1/applications/${application.id}/history`, { as })).body.items.map((e: { action: string }) => e.action);
    const staffSteps = await steps(officer);
    expect(staffSteps).toEqual(expect.arrayContaining(['application.reviewer_assigned', 'application.scored', 'application.approved']));
    const ownSteps = await steps(founder);
    expect(ownSteps).toContain('application.approved');
    expect(ownSteps).toContain('application.submitted');
    expect(ownSteps.filter((a: string) => ['application.reviewer_assigned', 'application.reviewer_removed', 'application.scored'].includes(a))).toEqual([]);
  });
});
