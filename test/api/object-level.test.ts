import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/api/routes';
import { call, uniqueSub, type Answer, type As } from '../support/api';
import { founderOf, sessionInput, testAssignment, testMentor, testStartup, type TestMentor } from '../support/mentors';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month } from '../support/spaces';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { applicationInput, submittedApplication } from '../support/startups';
import { openProgramme, registeredApplicant, submittedClaim } from '../support/subsidies';
import { draftEvent, publishedEvent, register, type Marks } from '../support/events';
import { pdfBytes, requestUpload, uploadDocument } from '../support/documents';
import { transact } from '../../shared/db/write';
import { submitBusinessWrite } from '../../shared/businesses/repository';
import { idNumber } from '../support/factories';

/** A submitted online shop of the startup, written straight to the table. */
async function businessOf(startupId: string, founderSub: string): Promise<void> {
  const at = new Date().toISOString();
  await transact([
    submitBusinessWrite(
      {
        startupId,
        entityType: 'online_shop',
        name: '网店甲',
        registeredOn: '2026-01-05',
        legalRepresentative: { name: '某人', idNumberMasked: '110***********0011', applicantId: 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' },
        registeredAddress: { district: '天府新区', detail: '某路 1 号' },
        onlineShop: { platform: '淘宝', shopUrl: 'https://shop.example.com/a' },
        firstBusinessDeclared: true,
        status: 'submitted',
        submittedBy: founderSub,
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      undefined,
    ),
  ]);
}

/**
 * Object-level authorization: for every route with an `{id}`, a caller of a role the route admits,
 * but who has nothing to do with the record, is answered 404 or 403 and is never shown the record.
 * Each case also shows the rightful caller succeeding, so a case cannot pass by testing nothing.
 *
 * The table below must name every such route: a new `{id}` route without a case (or an explicit,
 * reasoned exemption) fails the first test.
 */

const officer: As = { role: 'officer', sub: 'officer-object-level' };
const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId', 'requiredRoles', 'errors']);

/** Refused (404 or 403), as a problem body, and nothing of the record in it. */
function expectRefused(res: Answer, ...secrets: string[]): void {
  const where = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect([403, 404], where).toContain(res.status);
  expect(typeof res.body?.code, where).toBe('string');
  for (const key of Object.keys(res.body)) expect(PROBLEM_KEYS, `unexpected field ${key} in ${where}`).toContain(key);
  for (const secret of secrets) expect(JSON.stringify(res.body), where).not.toContain(secret);
}

function expectOk(res: Answer, status = 200): void {
  expect(res.status, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBe(status);
}

/** The records of two unrelated parties of each kind, made once through the API. */
interface World {
  applicantA: { as: As; applicantId: string };
  applicantB: { as: As; applicantId: string };
  draftOfA: { id: string; etag: string };
  submittedOfA: { id: string };
  projectMarker: string;
  founderB: As;
  startupA: { id: string; name: string; founder: As };
  unassignedMentor: TestMentor;
  mentorA: TestMentor;
  mentorB: TestMentor;
  assignmentA: { id: string };
  sessionA: { id: string; etag: string };
  communityA: { id: string };
  managerA: As;
  managerB: As;
  unitA: { id: string; etag: string };
  allocationA: { id: string };
  claimOfA: { id: string; etag: string };
  changeOfA: { id: string };
  draftEvent: { id: string; title: string };
  salon: { id: string };
  registrationOfA: { id: string };
  roadshow: { id: string };
  entryOfA: { id: string };
  judge: As;
  documentOfA: { id: string; fileName: string };
  pendingOfA: { id: string };
}

let w: World;

beforeAll(async () => {
  const applicantA = await registeredApplicant();
  const applicantB = await registeredApplicant();
  const projectMarker = `秘密项目-${uniqueSub('p')}`;
  const draft = await call('POST', '/v1/applications', { as: applicantA.as, body: applicationInput({ projectName: projectMarker }) });
  expectOk(draft, 201);
  const submitted = await submittedApplication(applicantA.as, { projectName: projectMarker });

  // A startup of its own founder, and a founder of another startup.
  const startupA = await testStartup({ name: `创业-${uniqueSub('s')}` });
  const startupB = await testStartup();
  const founderB = founderOf(startupB);

  const mentorA = await testMentor();
  const mentorB = await testMentor();
  const unassignedMentor = await testMentor();
  const { assignment } = await testAssignment({ mentor: mentorA, startup: startupA });
  await testAssignment({ mentor: mentorB, startup: startupB });
  const session = await call('POST', `/v1/assignments/${assignment.id}/sessions`, { as: mentorA.as, body: sessionInput() });
  expectOk(session, 201);

  const { community: communityA, manager: managerA } = await communityWithManager();
  const { manager: managerB } = await communityWithManager();
  const unit = await addUnit(communityA.id, managerA);
  const unitRead = await call('GET', `/v1/communities/${communityA.id}/units/${unit.id}`, { as: managerA });
  const allocation = await allocate(managerA, { startupId: startupA.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) });
  expectOk(allocation, 201);

  const programme = await openProgramme();
  const { claim } = await submittedClaim(programme.id, { claimant: applicantA });
  const change = await call('POST', '/v1/applicants/me/change-requests', {
    as: applicantA.as,
    body: { category: 'registered_unemployed', reason: '已办理失业登记', evidence: ['失业登记证'] },
  });
  expectOk(change, 201);

  const fileName = `社保缴费清单-${uniqueSub('f')}.pdf`;
  const onProfileOfA = { recordType: 'applicant', recordId: applicantA.applicantId, type: 'social_insurance_list', fileName };
  const { document: documentOfA } = await uploadDocument(applicantA.as, pdfBytes(), onProfileOfA);
  const pendingOfA = await requestUpload(applicantA.as, pdfBytes(), onProfileOfA);
  expectOk(pendingOfA, 201);

  const draftOfEvent = await draftEvent({ title: `内部筹备-${uniqueSub('e')}` });
  const salon = await publishedEvent();
  const registration = await register(salon.id, applicantA.as);
  expectOk(registration, 201);
  const roadshow = await publishedEvent({ kind: 'roadshow', title: '创业项目路演' });
  const entry = await call('POST', `/v1/events/${roadshow.id}/entries`, {
    as: founderOf(startupA),
    body: { startupId: startupA.id, pitchTitle: '智慧农业监测', summary: '用传感器和小程序帮助合作社管理大棚。' },
  });
  expectOk(entry, 201);
  const judge = unassignedMentor.as;
  expectOk(await call('POST', `/v1/events/${roadshow.id}/judges`, { as: officer, body: { userId: judge.sub } }), 201);

  w = {
    draftEvent: { id: draftOfEvent.id, title: (draftOfEvent as unknown as { title: string }).title },
    salon: { id: salon.id },
    registrationOfA: { id: registration.body.id },
    roadshow: { id: roadshow.id },
    entryOfA: { id: entry.body.id },
    judge,
    applicantA,
    applicantB,
    draftOfA: { id: draft.body.id, etag: draft.headers.get('etag')! },
    submittedOfA: { id: submitted.id },
    projectMarker,
    founderB,
    startupA: { id: startupA.id, name: startupA.name, founder: founderOf(startupA) },
    unassignedMentor,
    mentorA,
    mentorB,
    assignmentA: { id: assignment.id },
    sessionA: { id: session.body.id, etag: session.headers.get('etag')! },
    communityA: { id: communityA.id },
    managerA,
    managerB,
    unitA: { id: unit.id, etag: unitRead.headers.get('etag')! },
    allocationA: { id: (allocation.body.allocation ?? allocation.body).id },
    claimOfA: { id: claim.id, etag: `"${claim.version}"` },
    changeOfA: { id: change.body.id },
    documentOfA: { id: documentOfA.id, fileName },
    pendingOfA: { id: pendingOfA.body.document.id },
  };
}, 120_000);

type Case = () => Promise<void>;

/** Route → the check that a stranger of an admitted role is refused. */
const cases: Record<string, Case> = {
  // An applicant's profile, applications and claims are theirs alone.
  'GET /v1/applicants/{id}': async () => {
    expectOk(await call('GET', `/v1/applicants/${w.applicantA.applicantId}`, { as: w.applicantA.as }));
    expectRefused(await call('GET', `/v1/applicants/${w.applicantA.applicantId}`, { as: w.applicantB.as }), '测试人');
  },
  'GET /v1/applications/{id}': async () => {
    const path = `/v1/applications/${w.submittedOfA.id}`;
    expectOk(await call('GET', path, { as: w.applicantA.as }));
    expectRefused(await call('GET', path, { as: w.applicantB.as }), w.projectMarker);
    expectRefused(await call('GET', path, { as: w.unassignedMentor.as }), w.projectMarker);
  },
  'PATCH /v1/applications/{id}': async () => {
    const path = `/v1/applications/${w.draftOfA.id}`;
    const res = await call('PATCH', path, { as: w.applicantB.as, body: { projectName: 'hijacked' }, headers: { 'if-match': w.draftOfA.etag } });
    expectRefused(res, w.projectMarker);
    const after = await call('GET', path, { as: w.applicantA.as });
    expect(after.body.projectName).toBe(w.projectMarker);
    expect(after.headers.get('etag')).toBe(w.draftOfA.etag);
  },
  'POST /v1/applications/{id}/submit': async () => {
    expectRefused(await call('POST', `/v1/applications/${w.draftOfA.id}/submit`, { as: w.applicantB.as }), w.projectMarker);
    expect((await call('GET', `/v1/applications/${w.draftOfA.id}`, { as: w.applicantA.as })).body.status).toBe('draft');
  },
  'POST /v1/applications/{id}/withdraw': async () => {
    expectRefused(await call('POST', `/v1/applications/${w.submittedOfA.id}/withdraw`, { as: w.applicantB.as }), w.projectMarker);
    expect((await call('GET', `/v1/applications/${w.submittedOfA.id}`, { as: w.applicantA.as })).body.status).toBe('submitted');
  },
  'POST /v1/applications/{id}/scores': async () => {
    const score = { innovation: 9, feasibility: 9, team: 9, jobCreation: 9, socialValue: 9, comment: 'Not my application to score.' };
    expectRefused(await call('POST', `/v1/applications/${w.submittedOfA.id}/scores`, { as: w.unassignedMentor.as, body: score }), w.projectMarker);
    expectRefused(
      await call('POST', `/v1/applications/${w.submittedOfA.id}/scores`, { as: { role: 'officer', sub: uniqueSub('not-reviewer') }, body: score }),
      w.projectMarker,
    );
    const scores = await call('GET', `/v1/applications/${w.submittedOfA.id}/scores`, { as: officer });
    expect(scores.body.items ?? scores.body).toHaveLength(0);
  },
  'GET /v1/applications/{id}/history': async () => {
    const path = `/v1/applications/${w.submittedOfA.id}/history`;
    expectOk(await call('GET', path, { as: w.applicantA.as }));
    expectRefused(await call('GET', path, { as: w.applicantB.as }), w.projectMarker);
    expectRefused(await call('GET', path, { as: w.unassignedMentor.as }), w.projectMarker);
  },
  'GET /v1/loan-applications/{id}': async () => {
    const body = {
      priorityGroup: 'returning_migrant_worker',
      amountFen: 10_000_000,
      termMonths: 24,
      purpose: '购置设备',
      otherLoans: { borrower: [], spouse: [] },
    };
    const submitted = await call('POST', '/v1/loan-applications', { as: w.applicantA.as, body });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expectOk(await call('GET', `/v1/loan-applications/${submitted.body.id}`, { as: w.applicantA.as }));
    expectRefused(await call('GET', `/v1/loan-applications/${submitted.body.id}`, { as: w.applicantB.as }), w.applicantA.applicantId);
  },
  'GET /v1/claims/{id}': async () => {
    expectOk(await call('GET', `/v1/claims/${w.claimOfA.id}`, { as: w.applicantA.as }));
    expectRefused(await call('GET', `/v1/claims/${w.claimOfA.id}`, { as: w.applicantB.as }), w.applicantA.applicantId);
  },
  'PUT /v1/claims/{id}/bank-account': async () => {
    const account = { bankName: '中国银行', accountName: '测试人', accountNumber: '6217000000000000099' };
    const res = await call('PUT', `/v1/claims/${w.claimOfA.id}/bank-account`, { as: w.applicantB.as, body: account, headers: { 'if-match': w.claimOfA.etag } });
    expectRefused(res, w.applicantA.applicantId);
    const after = await call('GET', `/v1/claims/${w.claimOfA.id}`, { as: w.applicantA.as });
    expect(after.body.bankAccount.accountNumberMasked).not.toBe('****0099');
    expect(after.headers.get('etag')).toBe(w.claimOfA.etag);
  },
  'GET /v1/change-requests/{id}': async () => {
    expectOk(await call('GET', `/v1/change-requests/${w.changeOfA.id}`, { as: w.applicantA.as }));
    expectOk(await call('GET', `/v1/change-requests/${w.changeOfA.id}`, { as: officer }));
    expectRefused(await call('GET', `/v1/change-requests/${w.changeOfA.id}`, { as: w.applicantB.as }), w.applicantA.applicantId);
  },

  'GET /v1/claims/{id}/document-checklist': async () => {
    expectOk(await call('GET', `/v1/claims/${w.claimOfA.id}/document-checklist`, { as: w.applicantA.as }));
    expectRefused(await call('GET', `/v1/claims/${w.claimOfA.id}/document-checklist`, { as: w.applicantB.as }), w.applicantA.applicantId);
  },

  // A document is seen by those who see its record's documents: here the applicant whose profile it is.
  'GET /v1/documents/{id}': async () => {
    const path = `/v1/documents/${w.documentOfA.id}`;
    expectOk(await call('GET', path, { as: w.applicantA.as }));
    expectRefused(await call('GET', path, { as: w.applicantB.as }), w.documentOfA.fileName);
    expectRefused(await call('GET', path, { as: { role: 'finance', sub: uniqueSub('finance') } }), w.documentOfA.fileName);
  },
  'GET /v1/documents/{id}/download': async () => {
    const path = `/v1/documents/${w.documentOfA.id}/download`;
    expectOk(await call('GET', path, { as: w.applicantA.as }));
    const refused = await call('GET', `${path}?redirect=true`, { as: w.applicantB.as });
    expectRefused(refused, w.documentOfA.fileName, 'X-Amz-Signature');
    expect(refused.headers.get('location')).toBeNull();
  },
  'POST /v1/documents/{id}/complete': async () => {
    expectRefused(await call('POST', `/v1/documents/${w.pendingOfA.id}/complete`, { as: w.applicantB.as }), w.documentOfA.fileName);
    expect((await call('GET', `/v1/documents/${w.pendingOfA.id}`, { as: w.applicantA.as })).body.status).toBe('pending');
  },
  'DELETE /v1/documents/{id}': async () => {
    expectRefused(await call('DELETE', `/v1/documents/${w.pendingOfA.id}`, { as: w.applicantB.as }), w.documentOfA.fileName);
    expectRefused(await call('DELETE', `/v1/documents/${w.pendingOfA.id}`, { as: officer }), w.documentOfA.fileName);
    expectOk(await call('GET', `/v1/documents/${w.pendingOfA.id}`, { as: w.applicantA.as }));
  },

  // A startup is seen by staff, its founder, its mentors, and the managers of a community it holds
  // space in now or later, or waits for. Having been placed once does not open it to a manager.
  'GET /v1/startups/{id}': async () => {
    const path = `/v1/startups/${w.startupA.id}`;
    expectOk(await call('GET', path, { as: w.startupA.founder }));
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectOk(await call('GET', path, { as: w.managerA }));
    expectRefused(await call('GET', path, { as: w.founderB }), w.startupA.name);
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.startupA.name);
    expectRefused(await call('GET', path, { as: w.managerB }), w.startupA.name);

    // Startups that prefer another community and wait on this one's waitlist: the manager reads them while they wait.
    const { community: home } = await communityWithManager();
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const waiting = async (name: string) => {
      const startup = await approvedStartupRecord({ name, preferredCommunityId: home.id });
      expectOk(await call('POST', `/v1/communities/${community.id}/waitlist`, { as: officer, body: { startupId: startup.id, kind: 'desk' } }), 201);
      expectOk(await call('GET', `/v1/startups/${startup.id}`, { as: manager }));
      return startup;
    };
    // Placed, then the placement cancelled before its first month: it holds nothing here and waits no more.
    const cancelled = await waiting(`取消-${uniqueSub('s')}`);
    const placement = await call('POST', '/v1/allocations', {
      as: manager,
      body: { startupId: cancelled.id, unitId: unit.id, fromMonth: month(1), toMonth: month(2) },
    });
    expectOk(placement, 201);
    expectOk(await call('GET', `/v1/startups/${cancelled.id}`, { as: manager }));
    expectOk(await call('POST', `/v1/allocations/${placement.body.id}/release`, { as: manager, body: { effectiveMonth: month(1), reason: '未入驻' } }));
    expectRefused(await call('GET', `/v1/startups/${cancelled.id}`, { as: manager }), cancelled.name);
    expectRefused(await call('GET', `/v1/startups/${cancelled.id}/facts`, { as: manager }), cancelled.name);
    // Placed for this month only: once the month has passed, the manager reads it no more.
    const passed = await waiting(`期满-${uniqueSub('s')}`);
    expectOk(
      await call('POST', '/v1/allocations', { as: manager, body: { startupId: passed.id, unitId: unit.id, fromMonth: month(0), toMonth: month(0) } }),
      201,
    );
    expectOk(await call('GET', `/v1/startups/${passed.id}`, { as: manager }));
    useFixedClock(`${month(1)}-15T04:00:00Z`);
    try {
      expectRefused(await call('GET', `/v1/startups/${passed.id}`, { as: manager }), passed.name);
    } finally {
      useRealClock();
    }
  },
  'POST /v1/startups/{id}/job-reports': async () => {
    const body = { month: month(0), employees: 99, collegeGraduatesEmployed: 1 };
    expectRefused(await call('POST', `/v1/startups/${w.startupA.id}/job-reports`, { as: w.founderB, body }), w.startupA.name);
    const list = await call('GET', `/v1/startups/${w.startupA.id}/job-reports`, { as: officer });
    expect(list.body.items.some((r: { employees: number }) => r.employees === 99)).toBe(false);
  },
  'PATCH /v1/startups/{id}/job-reports/{month}': async () => {
    const filed = await call('POST', `/v1/startups/${w.startupA.id}/job-reports`, {
      as: w.startupA.founder,
      body: { month: month(0), employees: 4, collegeGraduatesEmployed: 1 },
    });
    expectOk(filed, 201);
    const path = `/v1/startups/${w.startupA.id}/job-reports/${month(0)}`;
    expectRefused(await call('PATCH', path, { as: w.founderB, body: { employees: 77 }, headers: { 'if-match': filed.headers.get('etag')! } }));
    const list = await call('GET', `/v1/startups/${w.startupA.id}/job-reports`, { as: w.startupA.founder });
    expect(list.body.items.map((r: { employees: number }) => r.employees)).toEqual([4]);
  },
  'GET /v1/startups/{id}/job-reports': async () => {
    expectOk(await call('GET', `/v1/startups/${w.startupA.id}/job-reports`, { as: w.startupA.founder }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/job-reports`, { as: w.founderB }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/job-reports`, { as: w.mentorB.as }));
  },
  'POST /v1/startups/{id}/business': async () => {
    const body = {
      entityType: 'online_shop',
      name: '冒名网店',
      registeredOn: '2026-01-05',
      legalRepresentative: { name: '某人', idNumber: idNumber() },
      registeredAddress: { district: '天府新区', detail: '某路 1 号' },
      onlineShop: { platform: '淘宝', shopUrl: 'https://shop.example.com/x' },
      firstBusinessDeclared: true,
    };
    expectRefused(await call('POST', `/v1/startups/${w.startupA.id}/business`, { as: w.founderB, body }), w.startupA.name);
    expect((await call('GET', `/v1/startups/${w.startupA.id}/business`, { as: officer })).status).toBe(404);
  },
  'GET /v1/startups/{id}/business': async () => {
    await businessOf(w.startupA.id, w.startupA.founder.sub ?? 'founder');
    expectOk(await call('GET', `/v1/startups/${w.startupA.id}/business`, { as: w.startupA.founder }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/business`, { as: w.founderB }), '网店甲');
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/business`, { as: w.mentorB.as }), '网店甲');
  },
  'GET /v1/startups/{id}/reviews': async () => {
    expectOk(await call('GET', `/v1/startups/${w.startupA.id}/reviews`, { as: w.startupA.founder }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/reviews`, { as: w.founderB }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/reviews`, { as: w.mentorB.as }));
  },
  'GET /v1/startups/{id}/facts': async () => {
    expectOk(await call('GET', `/v1/startups/${w.startupA.id}/facts`, { as: w.startupA.founder }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/facts`, { as: w.founderB }));
    expectRefused(await call('GET', `/v1/startups/${w.startupA.id}/facts`, { as: w.managerB }));
  },

  // A park manager acts on, and watches, only the communities they manage.
  'POST /v1/communities/{id}/units': async () => {
    const res = await call('POST', `/v1/communities/${w.communityA.id}/units`, {
      as: w.managerB,
      body: { code: 'INTRUDER-1', kind: 'desk', seats: 1, areaM2: 4, monthlyRentFen: 1, floor: 1 },
    });
    expectRefused(res);
    const units = await call('GET', `/v1/communities/${w.communityA.id}/units`, { as: w.managerA });
    expect(units.body.items.map((u: { code: string }) => u.code)).not.toContain('INTRUDER-1');
  },
  'PATCH /v1/communities/{id}/units/{unitId}': async () => {
    const path = `/v1/communities/${w.communityA.id}/units/${w.unitA.id}`;
    expectRefused(await call('PATCH', path, { as: w.managerB, body: { monthlyRentFen: 1 }, headers: { 'if-match': w.unitA.etag } }));
    const after = await call('GET', path, { as: w.managerA });
    expect(after.body.monthlyRentFen).not.toBe(1);
    expect(after.headers.get('etag')).toBe(w.unitA.etag);
  },
  'GET /v1/communities/{id}/occupancy': async () => {
    const path = `/v1/communities/${w.communityA.id}/occupancy?month=${month(0)}`;
    expectOk(await call('GET', path, { as: w.managerA }));
    expectRefused(await call('GET', path, { as: w.managerB }));
  },
  'POST /v1/communities/{id}/waitlist': async () => {
    const stranger = await testStartup();
    expectRefused(await call('POST', `/v1/communities/${w.communityA.id}/waitlist`, { as: w.managerB, body: { startupId: stranger.id, kind: 'desk' } }));
    const list = await call('GET', `/v1/communities/${w.communityA.id}/waitlist`, { as: w.managerA });
    expect(list.body.items.map((e: { startupId: string }) => e.startupId)).not.toContain(stranger.id);
  },
  'GET /v1/communities/{id}/waitlist': async () => {
    expectOk(await call('GET', `/v1/communities/${w.communityA.id}/waitlist`, { as: w.managerA }));
    expectRefused(await call('GET', `/v1/communities/${w.communityA.id}/waitlist`, { as: w.managerB }));
  },
  'GET /v1/communities/{id}/allocations': async () => {
    const path = `/v1/communities/${w.communityA.id}/allocations?fromMonth=${month(0)}&toMonth=${month(11)}`;
    const mine = await call('GET', path, { as: w.managerA });
    expectOk(mine);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(w.allocationA.id);
    expectRefused(await call('GET', path, { as: w.managerB }), w.startupA.id, w.allocationA.id);
  },
  'GET /v1/communities/{id}/startups-past-term': async () => {
    const path = `/v1/communities/${w.communityA.id}/startups-past-term`;
    expectOk(await call('GET', path, { as: w.managerA }));
    expectRefused(await call('GET', path, { as: w.managerB }));
  },
  'GET /v1/communities/{id}/waiting-startups': async () => {
    const path = `/v1/communities/${w.communityA.id}/waiting-startups`;
    expectOk(await call('GET', path, { as: w.managerA }));
    expectRefused(await call('GET', path, { as: w.managerB }));
  },
  'POST /v1/allocations/{id}/release': async () => {
    const res = await call('POST', `/v1/allocations/${w.allocationA.id}/release`, {
      as: w.managerB,
      body: { effectiveMonth: month(1), reason: 'Not mine to release.' },
    });
    expectRefused(res, w.startupA.id);
    expect((await call('GET', `/v1/allocations/${w.allocationA.id}`, { as: w.managerA })).body.status).toBe('active');
  },
  'GET /v1/allocations/{id}': async () => {
    const path = `/v1/allocations/${w.allocationA.id}`;
    expectOk(await call('GET', path, { as: w.managerA }));
    expectOk(await call('GET', path, { as: w.startupA.founder }));
    expectRefused(await call('GET', path, { as: w.managerB }), w.startupA.id);
    expectRefused(await call('GET', path, { as: w.founderB }), w.startupA.id);
  },

  // A mentor sees and logs only their own assignments; a founder only their startup's.
  'GET /v1/mentors/{id}/report': async () => {
    const path = `/v1/mentors/${w.mentorA.id}/report?from=${month(-1)}&to=${month(0)}`;
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }));
  },
  'GET /v1/assignments/{id}': async () => {
    const path = `/v1/assignments/${w.assignmentA.id}`;
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectOk(await call('GET', path, { as: w.startupA.founder }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.startupA.id);
    expectRefused(await call('GET', path, { as: w.founderB }), w.startupA.id);
  },
  'POST /v1/assignments/{id}/sessions': async () => {
    expectRefused(await call('POST', `/v1/assignments/${w.assignmentA.id}/sessions`, { as: w.mentorB.as, body: sessionInput({ notes: 'forged session' }) }));
    const sessions = await call('GET', `/v1/startups/${w.startupA.id}/sessions`, { as: officer });
    expect(sessions.body.items.map((s: { notes?: string }) => s.notes)).not.toContain('forged session');
  },
  'PATCH /v1/sessions/{id}': async () => {
    const path = `/v1/sessions/${w.sessionA.id}`;
    expectRefused(await call('PATCH', path, { as: w.mentorB.as, body: { minutes: 20 }, headers: { 'if-match': w.sessionA.etag } }));
    expect((await call('GET', path, { as: w.mentorA.as })).body.minutes).toBe(60);
  },
  'POST /v1/sessions/{id}/confirmation': async () => {
    expectRefused(await call('POST', `/v1/sessions/${w.sessionA.id}/confirmation`, { as: w.founderB, body: { rating: 1 } }));
    const after = await call('GET', `/v1/sessions/${w.sessionA.id}`, { as: w.startupA.founder });
    expect(after.body.rating).toBeUndefined();
  },
  'GET /v1/sessions/{id}': async () => {
    const path = `/v1/sessions/${w.sessionA.id}`;
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectOk(await call('GET', path, { as: w.startupA.founder }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.startupA.id);
    expectRefused(await call('GET', path, { as: w.founderB }), w.startupA.id);
  },
  'GET /v1/startups/{id}/sessions': async () => {
    const path = `/v1/startups/${w.startupA.id}/sessions`;
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectOk(await call('GET', path, { as: w.startupA.founder }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.sessionA.id);
    expectRefused(await call('GET', path, { as: w.founderB }), w.sessionA.id);
  },
  'GET /v1/mentors/{id}/sessions': async () => {
    const path = `/v1/mentors/${w.mentorA.id}/sessions`;
    expectOk(await call('GET', path, { as: w.mentorA.as }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.sessionA.id);
  },

  // Events: drafts are the officers'; a registration is its registrant's; an entry is its founder's.
  'GET /v1/events/{id}': async () => {
    const path = `/v1/events/${w.draftEvent.id}`;
    expectOk(await call('GET', path, { as: officer }));
    expectRefused(await call('GET', path, { as: w.applicantA.as }), w.draftEvent.title);
    expectRefused(await call('GET', path, { as: w.mentorA.as }), w.draftEvent.title);
  },
  'POST /v1/events/{id}/registrations': async () => {
    const res = await call('POST', `/v1/events/${w.salon.id}/registrations`, { as: w.founderB, body: { startupId: w.startupA.id } });
    expectRefused(res, w.startupA.name);
  },
  'GET /v1/events/{id}/registrations': async () => {
    // Not refused: an applicant's listing is narrowed to their own registration.
    const path = `/v1/events/${w.salon.id}/registrations?limit=100`;
    const own = await call('GET', path, { as: w.applicantA.as });
    expect(own.body.items.map((r: { id: string }) => r.id)).toEqual([w.registrationOfA.id]);
    const other = await call('GET', path, { as: w.applicantB.as });
    expectOk(other);
    expect(JSON.stringify(other.body)).not.toContain(w.registrationOfA.id);
    expect(JSON.stringify(other.body)).not.toContain(w.applicantA.as.sub!);
  },
  'DELETE /v1/events/{id}/registrations/{registrationId}': async () => {
    const path = `/v1/events/${w.salon.id}/registrations/${w.registrationOfA.id}`;
    expectRefused(await call('DELETE', path, { as: w.applicantB.as }), w.applicantA.as.sub!);
    const own = await call('GET', `/v1/events/${w.salon.id}/registrations`, { as: w.applicantA.as });
    expect(own.body.items[0].status).toBe('registered');
  },
  'POST /v1/events/{id}/entries': async () => {
    const res = await call('POST', `/v1/events/${w.roadshow.id}/entries`, {
      as: w.founderB,
      body: { startupId: w.startupA.id, pitchTitle: '冒名参赛', summary: '不是我的项目。' },
    });
    expectRefused(res, w.startupA.name);
  },
  'POST /v1/events/{id}/entries/{entryId}/scores': async () => {
    const marks: Marks = { innovation: 1, market: 1, team: 1, execution: 1, socialImpact: 1 };
    const path = `/v1/events/${w.roadshow.id}/entries/${w.entryOfA.id}/scores`;
    expectRefused(await call('POST', path, { as: w.mentorB.as, body: marks }), w.startupA.name);
    expectRefused(await call('POST', path, { as: { role: 'officer', sub: uniqueSub('not-judge') }, body: marks }), w.startupA.name);
    const ranking = await call('GET', `/v1/events/${w.roadshow.id}/ranking`, { as: officer });
    expect(ranking.body.items[0]).toMatchObject({ scoreCount: 0 });
  },
  'GET /v1/events/{id}/entries': async () => {
    const path = `/v1/events/${w.roadshow.id}/entries`;
    expectOk(await call('GET', path, { as: officer }));
    expectOk(await call('GET', path, { as: w.judge }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.startupA.name);
  },
  'GET /v1/events/{id}/ranking': async () => {
    const path = `/v1/events/${w.roadshow.id}/ranking`;
    expectOk(await call('GET', path, { as: officer }));
    expectOk(await call('GET', path, { as: w.judge }));
    expectRefused(await call('GET', path, { as: w.mentorB.as }), w.startupA.name);
    expectRefused(await call('GET', path, { as: w.founderB }), w.startupA.name);
  },
};

const STAFF_ONLY = 'staff-only route: any officer (or finance/auditor) may act on any record of the programme';
const DIRECTORY = 'a directory entry every signed-in user may read (no personal data in it)';

/** Routes with an `{id}` where object-level checks do not apply, and why. */
const exempt: Record<string, string> = {
  'POST /v1/applications/{id}/reviewers': STAFF_ONLY,
  'POST /v1/applicants/{id}/identity-release': STAFF_ONLY,
  'DELETE /v1/applications/{id}/reviewers/{reviewerId}': STAFF_ONLY,
  'GET /v1/applications/{id}/scores': STAFF_ONLY,
  'POST /v1/applications/{id}/decision': STAFF_ONLY,
  'POST /v1/startups/{id}/start': STAFF_ONLY,
  'POST /v1/startups/{id}/graduate': STAFF_ONLY,
  'POST /v1/startups/{id}/exit': STAFF_ONLY,
  'GET /v1/startups/{id}/mentor-suggestions': STAFF_ONLY,
  'GET /v1/communities/{id}': `${DIRECTORY}: applicants choose where to ask for space`,
  'PATCH /v1/communities/{id}': STAFF_ONLY,
  'GET /v1/communities/{id}/units': `${DIRECTORY}: the inventory and free units are what applicants choose from`,
  'GET /v1/communities/{id}/units/{unitId}': `${DIRECTORY}: one unit of that inventory`,
  'GET /v1/mentors/{id}': `${DIRECTORY}: the mentor team is published to founders`,
  'PATCH /v1/mentors/{id}': STAFF_ONLY,
  'POST /v1/assignments/{id}/end': STAFF_ONLY,
  'GET /v1/programmes/{id}': `${DIRECTORY}: subsidy programmes are published so that people can claim them`,
  'POST /v1/claims/{id}/verification': STAFF_ONLY,
  'GET /v1/claims/{id}/objections': STAFF_ONLY,
  'POST /v1/objections/{id}/resolution': STAFF_ONLY,
  'POST /v1/public/disclosures/{claimId}/objections': 'public by design: anyone may object to a disclosed subsidy (the disclosure shows masked data only)',
  'GET /v1/payout-batches/{id}': STAFF_ONLY,
  'POST /v1/payout-batches/{id}/approval': `${STAFF_ONLY}; approving one's own batch is separation of duties, tested in payouts.test.ts`,
  'POST /v1/payout-batches/{id}/cancellation': STAFF_ONLY,
  'GET /v1/payout-batches/{id}/export.csv': STAFF_ONLY,
  'POST /v1/payout-batches/{id}/confirmations': STAFF_ONLY,
  'POST /v1/ledger/{id}/reversal': STAFF_ONLY,
  'POST /v1/loans/{id}/repayments': STAFF_ONLY,
  'POST /v1/loans/{id}/default': STAFF_ONLY,
  'GET /v1/loans/{id}': STAFF_ONLY,
  'POST /v1/risk-alerts/{id}/resolution': STAFF_ONLY,
  'PATCH /v1/events/{id}': STAFF_ONLY,
  'POST /v1/events/{id}/publish': STAFF_ONLY,
  'POST /v1/events/{id}/close': STAFF_ONLY,
  'POST /v1/events/{id}/complete': STAFF_ONLY,
  'POST /v1/events/{id}/cancel': STAFF_ONLY,
  'POST /v1/events/{id}/checkins': STAFF_ONLY,
  'POST /v1/events/{id}/judges': STAFF_ONLY,
  'GET /v1/events/{id}/judges': STAFF_ONLY,
  'DELETE /v1/events/{id}/judges/{userId}': STAFF_ONLY,
  'POST /v1/events/{id}/results/publish': STAFF_ONLY,
  'GET /v1/public/events/{id}/ranking': 'public by design once results are published (404 before, tested in event-judging.test.ts)',
  'GET /v1/calendar/{year}': `${DIRECTORY}: the working-day calendar is the same for everyone`,
  'PUT /v1/calendar/{year}': STAFF_ONLY,
  'GET /v1/disclosure-notices/{id}': STAFF_ONLY,
  'POST /v1/change-requests/{id}/decision': `${STAFF_ONLY}; deciding one's own request is refused as OWN_RECORD, tested in change-requests.test.ts`,
  'POST /v1/startups/{id}/co-founders': STAFF_ONLY,
  'POST /v1/startups/{id}/job-reports/{month}/verification': `${STAFF_ONLY}; an officer who founded the startup is refused (OWN_RECORD), tested in job-reports.test.ts`,
  'GET /v1/bank-confirmations/{id}': STAFF_ONLY,
  'POST /v1/bank-confirmations/{id}/approval': `${STAFF_ONLY}; confirming one's own record is separation of duties, tested in maker-checker.test.ts`,
  'GET /v1/reversal-requests/{id}': STAFF_ONLY,
  'POST /v1/reversal-requests/{id}/confirmation': `${STAFF_ONLY}; confirming one's own request is separation of duties, tested in maker-checker.test.ts`,
  'POST /v1/reversal-requests/{id}/refusal': STAFF_ONLY,
  'POST /v1/startups/{id}/business/verification': `${STAFF_ONLY}; an officer who founded the startup is refused (OWN_RECORD), tested in businesses.test.ts`,
  'POST /v1/startups/{id}/business/rejection': STAFF_ONLY,
  'POST /v1/startups/{id}/business/deregistration': STAFF_ONLY,
  'POST /v1/startups/{id}/extension': `${STAFF_ONLY}; an officer who founded the startup is refused (OWN_RECORD), tested in incubation-term.test.ts`,
  'POST /v1/startups/{id}/reviews': STAFF_ONLY,
  'POST /v1/startups/{id}/success': STAFF_ONLY,
  'GET /v1/training/classes/{id}': `${DIRECTORY}: a class (course, dates, seats taken) is published so that people can enrol`,
  'POST /v1/training/classes/{id}/enrolments':
    'the {id} is a published class, not a personal record: an applicant enrols only themselves; naming another person is officer-only (training.test.ts)',
  'GET /v1/training/classes/{id}/enrolments': STAFF_ONLY,
  'POST /v1/training/classes/{id}/enrolments/{applicantId}/completion': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/certification': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/bank-decision': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/guarantee': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/issue': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/repayments': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/extension': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/default': STAFF_ONLY,
  'POST /v1/loan-applications/{id}/recoveries': STAFF_ONLY,
  'GET /v1/guarantee-funds/{id}': STAFF_ONLY,
  'POST /v1/guarantee-funds/{id}/deposits': STAFF_ONLY,
  'POST /v1/guarantee-funds/{id}/review': STAFF_ONLY,
  'GET /v1/guarantee-funds/{id}/entries': STAFF_ONLY,
  'GET /v1/guarantee-funds/{id}/loans': STAFF_ONLY,
  'POST /v1/startups/{id}/facts': `${STAFF_ONLY}; an officer who founded the startup is refused (OWN_RECORD), tested in businesses.test.ts`,
};

const STAFF = new Set(['officer', 'finance', 'auditor']);
const idRoutes = routes.filter((route) => /\{\w+\}/.test(route.path)).map((route) => ({ key: `${route.method.toUpperCase()} ${route.path}`, route }));

describe('object-level authorization', () => {
  it('has a case or a reasoned exemption for every route with an {id}', () => {
    const keys = idRoutes.map((r) => r.key);
    const missing = keys.filter((key) => !(key in cases) && !(key in exempt));
    expect(missing, 'add a case to test/api/object-level.test.ts for these routes').toEqual([]);
    const stale = [...Object.keys(cases), ...Object.keys(exempt)].filter((key) => !keys.includes(key));
    expect(stale, 'these routes no longer exist').toEqual([]);
    const both = Object.keys(cases).filter((key) => key in exempt);
    expect(both).toEqual([]);
  });

  it('exempts as staff-only only routes that admit no applicant, mentor or park manager', () => {
    for (const { key, route } of idRoutes) {
      if (exempt[key] !== STAFF_ONLY && !exempt[key]?.startsWith(STAFF_ONLY)) continue;
      expect(Array.isArray(route.access) && (route.access as string[]).every((role) => STAFF.has(role)), `${key} admits ${JSON.stringify(route.access)}`).toBe(
        true,
      );
    }
  });

  for (const [key, check] of Object.entries(cases)) {
    it(`${key} refuses a caller of the right role but the wrong record`, check, 30_000);
  }
});
