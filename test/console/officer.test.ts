import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEMS } from '../../functions/console/src/i18n/problems';
import { ENUMS } from '../../functions/console/src/i18n/enums';
import { beijingToday } from '../../functions/console/src/format';
import { call, uniqueSub, type As } from '../support/api';
import { useRealClock } from '../../shared/clock';
import { clockAtEventStart, register, score, startup } from '../support/events';
import { testMentor } from '../support/mentors';
import { registeredApplicant, reviewedApplication, submittedApplication } from '../support/startups';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { openProgramme, ownBankAccount, submittedClaim, verifiedClaim } from '../support/subsidies';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const TIMEOUT = 180_000;
const t = text('zh');
const zh = (value: string) => ENUMS[value]![0];

let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());
afterEach(() => useRealClock());

/** No action another role owns (finance's batches and bank files, the park manager's allocations) on the page. */
async function expectNoOtherRolesActions(page: Page, step: string) {
  const foreign = /批次|拨付|银行文件|银行回单|入驻|释放|分配场地|分配工位/;
  expect(await page.getByRole('button', { name: foreign }).count(), `${step}: no foreign buttons`).toBe(0);
  const links = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(
    links.filter((href) => /^\/(finance|park|mentor|audit)/.test(href)),
    `${step}: no links into other workspaces`,
  ).toEqual([]);
}

async function visit(page: Page, link: string, title: string, step: string) {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await onPage(page, title, step);
  await expectNoOtherRolesActions(page, step);
}

/** What the officer finds waiting: two fresh applications, one scored twice, a claim, reviewers to choose from. */
async function world() {
  const label = uniqueSub('oc');
  const first = await submittedApplication(await registeredApplicant(), { projectName: `甲项目 ${label}`, sector: 'culture_tourism' });
  const second = await submittedApplication(await registeredApplicant(), { projectName: `乙项目 ${label}`, sector: 'culture_tourism' });
  const scoredFounder = await registeredApplicant();
  const scored = await submittedApplication(scoredFounder, { projectName: `丙项目 ${label}` });
  await reviewedApplication(scored.id, 8);
  const colleague: As = { role: 'officer', sub: uniqueSub('colleague') };
  expect((await call('PUT', '/v1/staff/me', { as: colleague, body: { displayName: '李审核' } })).status).toBe(200);
  const mentor = await testMentor({ name: '王导师' });
  const programme = await openProgramme({ name: `一次性创业补贴 ${label}` });
  const { claim } = await submittedClaim(programme.id);
  // One bank account on two people's claims: a risk alert the officer resolves.
  const shared = ownBankAccount();
  const flagged = [(await submittedClaim(programme.id, { bankAccount: shared })).claim, (await submittedClaim(programme.id, { bankAccount: shared })).claim];
  return { first, second, scored, scoredFounder, colleague, mentor, programme, claim, flagged };
}

describe("the officer's workspace", () => {
  it(
    'reviews and approves an application, assigns reviewers in bulk and verifies a claim (中文, desktop)',
    async () => {
      const w = await world();
      const officer: As = { role: 'officer', sub: uniqueSub('console-officer') };
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const watched = watch(page, app.base);
      await withScreenshotOnFailure(page, 'officer-desktop', async () => {
        await signIn(page, app.base, officer);
        const home = t('home.staffTitle', { role: t('role.officer') });
        await onPage(page, home, 'officer dashboard');
        await expectNoOtherRolesActions(page, 'dashboard');

        // First sign-in: the officer records the name colleagues will choose them by.
        await page.getByLabel(t('officer.name.label')).fill('张经办');
        await page.getByRole('button', { name: t('officer.name.save') }).click();
        await page.getByText(t('officer.name.saved', { name: '张经办' })).waitFor();
        expect((await call('GET', '/v1/staff?role=officer&limit=100', { as: officer })).body.items).toContainEqual(
          expect.objectContaining({ userId: officer.sub, displayName: '张经办' }),
        );

        // The to-do tiles count what waits, each a link.
        const tile = (key: Parameters<typeof t>[0]) => page.getByRole('link', { name: new RegExp(t(key)) });
        await expect.poll(() => tile('officer.dash.submitted').textContent()).toContain('2');
        expect(await tile('officer.dash.ready').textContent()).toContain('1');
        expect(await tile('officer.dash.claims').textContent()).toContain('3');
        expect(await tile('officer.dash.alerts').textContent()).toContain('1');
        await page
          .getByRole('table', { name: t('officer.dash.riskCaption') })
          .getByText(zh('shared_bank_account'))
          .waitFor();
        await page
          .getByRole('table', { name: t('officer.dash.riskCaption') })
          .getByText(/出现在 2 位不同申请人的补贴申请中/)
          .waitFor();
        await expectAccessible(page, 'dashboard with counts');
        await page.reload();
        await onPage(page, home, 'dashboard again');
        await expect.poll(() => tile('officer.dash.submitted').textContent()).toContain('2');
        mkdirSync(join(process.cwd(), 'docs', 'console'), { recursive: true });
        await page.screenshot({ path: join(process.cwd(), 'docs', 'console', 'officer.png'), type: 'png' });
        await shot(page, 'officer-1-dashboard');

        // The review queue: oldest first; assign one reviewer to both fresh applications at once.
        await visit(page, t('officer.nav.applications'), t('officer.queue.title'), 'review queue');
        const rows = page.locator('tbody tr');
        await expect.poll(() => rows.count()).toBe(2);
        expect(await rows.nth(0).textContent()).toContain(w.first.projectName);
        await page.getByLabel(t('officer.queue.sector'), { exact: true }).selectOption('culture_tourism');
        await expect.poll(() => rows.count()).toBe(2);
        await page.getByLabel(t('officer.queue.category'), { exact: true }).selectOption('veteran');
        await page.getByText(t('officer.queue.empty')).waitFor();
        await page.getByLabel(t('officer.queue.category'), { exact: true }).selectOption('');
        await expect.poll(() => rows.count()).toBe(2);
        // The list as filtered, downloaded through the API's export (with the token).
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('common.exportCsv') }).click()]);
        expect(file.suggestedFilename()).toBe('applications-submitted.csv');
        const csv = readFileSync((await file.path())!, 'utf8');
        expect(csv).toContain(w.first.projectName);
        expect(csv).toContain(w.second.projectName);
        expect(csv).not.toContain(w.scored.projectName);
        await page.getByLabel(t('officer.queue.selectOne', { name: w.first.projectName })).check();
        await page.getByLabel(t('officer.queue.selectOne', { name: w.second.projectName })).check();
        await page
          .getByLabel(t('officer.queue.reviewer'), { exact: true })
          .selectOption({ label: t('officer.reviewerLabel', { name: '王导师', role: t('role.mentor') }) });
        await page.getByRole('button', { name: t('officer.queue.assign', { n: 2 }) }).click();
        await page.getByText(t('bulk.summary', { done: 2, failed: 0 })).waitFor();
        await expectAccessible(page, 'review queue after the bulk assignment');
        await shot(page, 'officer-2-queue');
        for (const a of [w.first, w.second]) {
          const after = (await call('GET', `/v1/applications/${a.id}`, { as: officer })).body;
          expect(after).toMatchObject({ status: 'under_review', reviewers: [w.mentor.userId] });
        }

        // One application: take off the reviewer who has not scored, add two colleagues at once.
        await page.getByLabel(t('officer.queue.sector'), { exact: true }).selectOption('');
        await page.getByLabel(t('officer.queue.status'), { exact: true }).selectOption('under_review');
        await expect.poll(() => rows.count()).toBe(3);
        await page.getByRole('link', { name: w.first.projectName }).click();
        await onPage(page, t('officer.app.title', { name: w.first.projectName }), 'an application under review');
        await page
          .getByRole('button', { name: t('officer.app.remove', { name: t('officer.reviewerLabel', { name: '王导师', role: t('role.mentor') }) }) })
          .click();
        await page.getByText(t('officer.app.noReviewers')).waitFor();
        await page.getByLabel(t('officer.reviewerLabel', { name: '李审核', role: t('role.officer') })).check();
        await page.getByLabel(t('officer.reviewerLabel', { name: '王导师', role: t('role.mentor') })).check();
        await page.getByLabel(t('officer.reviewerLabel', { name: '张经办', role: t('role.officer') })).check();
        await page.getByRole('button', { name: t('officer.app.assign', { n: 3 }) }).click();
        await page.getByText(t('bulk.summary', { done: 3, failed: 0 })).waitFor();
        expect((await call('GET', `/v1/applications/${w.first.id}`, { as: officer })).body.reviewers.sort()).toEqual(
          [w.colleague.sub, w.mentor.userId, officer.sub].sort(),
        );
        await expectAccessible(page, 'reviewers assigned');

        // Assigned to themself, the officer scores here too (once).
        for (const criterion of ['innovation', 'feasibility', 'team', 'jobCreation', 'socialValue'] as const) {
          await page.getByRole('spinbutton', { name: t(`officer.criterion.${criterion}`), exact: true }).fill('7');
        }
        await page.getByLabel(t('officer.app.comment'), { exact: true }).fill('市场清楚，团队尚需补强。');
        await page.getByRole('button', { name: t('officer.app.submitScore') }).click();
        await page.getByText(t('officer.app.scoresCaption', { n: 1, average: 35 })).waitFor();
        expect(await page.getByRole('button', { name: t('officer.app.submitScore') }).count()).toBe(0);
        await expectAccessible(page, 'scored');

        // The scored application: masked profile, scores, and the decision.
        await page.getByRole('link', { name: t('officer.app.back') }).click();
        await onPage(page, t('officer.queue.title'), 'back to the queue');
        await page.getByLabel(t('officer.queue.status'), { exact: true }).selectOption('under_review');
        await page.getByRole('link', { name: w.scored.projectName }).click();
        await onPage(page, t('officer.app.title', { name: w.scored.projectName }), 'the scored application');
        await page.getByText(t('officer.app.scoresCaption', { n: 2, average: 40 })).waitFor();
        await expect.poll(async () => (await page.locator('dl.facts').allTextContents()).join(' ')).toMatch(/\d{3,6}\*{6,}\w{2,4}/);
        expect(await page.content(), 'no full identity number').not.toMatch(/\d{17}[\dX]/);
        await page.getByLabel(t('officer.app.reason')).fill('评分优良，团队完整，同意入孵。');
        await shot(page, 'officer-3-application');
        await page.getByRole('button', { name: t('officer.app.approveSubmit') }).click();
        await page.getByText(new RegExp(t('officer.app.startupCreated'))).waitFor();
        await expectAccessible(page, 'application approved');
        const decided = (await call('GET', `/v1/applications/${w.scored.id}`, { as: officer })).body;
        expect(decided).toMatchObject({ status: 'approved', decidedBy: officer.sub, decisionReason: '评分优良，团队完整，同意入孵。' });
        expect(decided.startupId).toMatch(/^stp_/);

        // The new startup: a mentor from the suggestions, incubation started, then graduated with its credit code.
        await visit(page, t('officer.nav.startups'), t('officer.startups.title'), 'startups');
        await page.getByRole('link', { name: w.scored.projectName }).click();
        await onPage(page, t('officer.startup.title', { name: w.scored.projectName }), 'a startup');
        await page.getByRole('button', { name: t('officer.startup.assignMentor', { name: '王导师' }) }).click();
        await page.getByText(new RegExp(`王导师 · ${zh('active')}`)).waitFor();
        // A mentoring ended with its reason, and the mentor assigned again.
        await page.getByLabel(t('officer.startup.endReason', { name: '王导师' })).fill('导师出差三个月。');
        await page.getByRole('button', { name: t('officer.startup.endAssignment', { name: '王导师' }) }).click();
        await page.getByText(/导师出差三个月。/).waitFor();
        await page.getByRole('button', { name: t('officer.startup.assignMentor', { name: '王导师' }) }).click();
        await page.getByText(new RegExp(`王导师 · ${zh('active')}`)).waitFor();
        await page.getByRole('button', { name: t('officer.startup.start') }).click();
        await page.getByRole('heading', { name: t('officer.startup.graduateTitle') }).waitFor();
        await expectAccessible(page, 'an incubating startup');
        // The founder reports this month's jobs; the officer checks them against the social insurance list.
        const current = beijingToday().slice(0, 7);
        const report = await call('POST', `/v1/startups/${decided.startupId}/job-reports`, {
          as: w.scoredFounder,
          body: { month: current, employees: 4, collegeGraduatesEmployed: 2 },
        });
        expect(report.status).toBe(201);
        await page.reload();
        await onPage(page, t('officer.startup.title', { name: w.scored.projectName }), 'a startup with a job report');
        const monthWords = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long' }).format(
          new Date(`${current}-15T12:00:00+08:00`),
        );
        await page.getByLabel(t('officer.startup.evidence', { month: monthWords })).fill('社保参保人员清单（天府新区社保局）');
        await page.getByRole('button', { name: t('officer.startup.verifyReport', { month: monthWords }) }).click();
        await page.getByText('社保参保人员清单（天府新区社保局）').waitFor();
        expect((await call('GET', `/v1/startups/${decided.startupId}/job-reports`, { as: officer })).body.items[0]).toMatchObject({
          status: 'verified',
          verifiedBy: officer.sub,
        });
        const code = withCreditCheckCharacter(`91510100MA${String(process.pid % 1000).padStart(3, '0')}9999`);
        await page.getByLabel(t('officer.startup.creditCode')).fill(`${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`);
        await page.getByLabel(t('officer.startup.businessName')).fill('成都丙项目服务有限公司');
        await page.getByLabel(t('officer.app.reason'), { exact: true }).first().fill('已注册公司，正常经营。');
        await page.getByRole('button', { name: t('officer.startup.graduate') }).click();
        await page.getByRole('alert').waitFor();
        await expectAccessible(page, 'a refused credit code');
        await page.getByLabel(t('officer.startup.creditCode')).fill(code);
        await page.getByRole('button', { name: t('officer.startup.graduate') }).click();
        await page
          .getByText(new RegExp(zh('graduated')))
          .first()
          .waitFor();
        await shot(page, 'officer-3b-startup');
        const graduated = (await call('GET', `/v1/startups/${decided.startupId}`, { as: officer })).body;
        expect(graduated).toMatchObject({ status: 'graduated', creditCode: code, businessName: '成都丙项目服务有限公司' });
        // Graduating ends its mentoring; the page shows it.
        await expect.poll(() => page.getByText(new RegExp(`王导师 · ${zh('ended')}`)).count()).toBe(2);
        const mentoring = (await call('GET', `/v1/assignments?startupId=${decided.startupId}`, { as: officer })).body.items;
        expect(mentoring.map((a: { status: string }) => a.status)).toEqual(['ended', 'ended']);
        expect(mentoring.map((a: { endReason: string }) => a.endReason)).toContain('导师出差三个月。');

        // A claim to verify, with the facts it was judged on.
        await visit(page, t('officer.nav.claims'), t('officer.claims.title'), 'claims to verify');
        await page.getByText(w.programme.name).first().waitFor();
        await page.getByText(zh(w.claim.facts.category)).first().waitFor();
        const claimRows = page.locator('tbody tr');
        await expect.poll(() => claimRows.count()).toBe(3);
        // The two claims on one account carry their open alert; the third none.
        await expect.poll(() => page.getByText(t('officer.claims.openAlerts', { n: 1 })).count()).toBe(2);
        const claimLabel = t('officer.claims.rowLabel', { name: w.claim.applicantNameMasked, id: w.claim.idNumberMasked, programme: w.programme.name });
        await shot(page, 'officer-4-claim-to-verify');
        // The programme's claims waiting for verification, downloaded with the token.
        const [claimsCsv] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: t('officer.claims.export', { programme: w.programme.name }) }).click(),
        ]);
        const csvText = readFileSync((await claimsCsv.path())!, 'utf8');
        const csvRows = csvText.trim().split('\r\n').slice(1);
        expect(csvRows.length).toBeGreaterThan(0);
        for (const row of csvRows) expect(row).toContain(',submitted,');
        expect(csvText).toContain(w.claim.id);
        await page.getByLabel(t('officer.claims.selectOne', { label: claimLabel })).check();
        await page.getByRole('button', { name: t('officer.claims.verify', { n: 1 }) }).click();
        await page.getByText(t('bulk.summary', { done: 1, failed: 0 })).waitFor();
        await expect.poll(() => claimRows.count()).toBe(2);
        await expectAccessible(page, 'claim verified');
        await shot(page, 'officer-4-claims');
        expect((await call('GET', `/v1/claims/${w.claim.id}`, { as: officer })).body).toMatchObject({ status: 'verified', verifiedBy: officer.sub });

        // The other pages of the workspace.
        await visit(page, t('officer.nav.alerts'), t('officer.alerts.title'), 'risk alerts');
        await page.getByRole('heading', { name: zh('shared_bank_account') }).waitFor();
        await page.getByLabel(t('officer.alerts.outcome')).selectOption('legitimate');
        await page.getByLabel(t('officer.alerts.notes')).fill('二人为夫妻，共用家庭账户，已电话核实。');
        await page.getByRole('button', { name: t('officer.alerts.resolve', { rule: zh('shared_bank_account') }) }).click();
        await page.getByText(t('officer.alerts.none')).waitFor();
        const alerts = (await call('GET', '/v1/risk-alerts?status=resolved&rule=shared_bank_account', { as: officer })).body.items;
        expect(alerts[0]).toMatchObject({ status: 'resolved', resolution: { outcome: 'legitimate', by: officer.sub } });
        expect(alerts[0].claimIds.sort()).toEqual(w.flagged.map((c) => c.id).sort());
        await page.getByLabel(t('officer.queue.status'), { exact: true }).selectOption('resolved');
        await page.getByText(new RegExp(t('officer.alerts.resolved', { outcome: zh('legitimate'), at: '.*', notes: '' }))).waitFor();
        await expectAccessible(page, 'a resolved alert');
        await visit(page, t('officer.nav.changes'), t('officer.changes.title'), 'change requests');
        await visit(page, t('officer.nav.notices'), t('officer.notices.title'), 'notices and objections');
        await page.getByLabel(t('officer.claims.programme'), { exact: true }).selectOption({ label: w.programme.name });
        await page.getByRole('button', { name: t('officer.notices.publish', { n: 0 }) }).waitFor();
        await expectAccessible(page, 'a notice to publish');

        // A founder's page opened by URL: the API refuses the officer, and the page says so.
        await page.goto(`${app.base}/profile`);
        await onPage(page, t('profile.title'), "a founder's page");
        await page.getByRole('alert').getByText(PROBLEMS.FORBIDDEN![0]).waitFor();
      });
      expect(watched.outside, 'no request leaves the origin').toEqual([]);
      expect(watched.errors, 'no console errors').toEqual([]);
      // The API's refusals the journey provokes on purpose, and nothing else.
      expect(new Set(watched.apiErrors.map((e) => e.replace(/stp_\w+/, 'stp_…')))).toEqual(
        new Set(['GET /v1/staff/me 404', 'POST /v1/startups/stp_…/graduate 400', 'GET /v1/applicants/me 403']),
      );
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'works at a tablet width (768 px), and its pages show the API refusal to another role',
    async () => {
      const officer: As = { role: 'officer', sub: uniqueSub('tablet-officer') };
      await submittedApplication(await registeredApplicant(), { projectName: `平板项目 ${uniqueSub('t')}` });
      const page = await app.newPage({ viewport: { width: 768, height: 1024 }, hasTouch: true });
      await withScreenshotOnFailure(page, 'officer-tablet', async () => {
        await signIn(page, app.base, officer);
        await onPage(page, t('home.staffTitle', { role: t('role.officer') }), 'tablet dashboard');
        const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        expect(await fits(), 'the dashboard fits the width').toBe(true);
        for (const [link, title] of [
          [t('officer.nav.applications'), t('officer.queue.title')],
          [t('officer.nav.claims'), t('officer.claims.title')],
        ] as const) {
          await visit(page, link, title, `tablet ${title}`);
          expect(await fits(), `${title} fits the width`).toBe(true);
        }
        await shot(page, 'officer-5-tablet');
      });
      await page.context().close();

      // Finance staff opening the review queue by URL: the API refuses and the page shows it.
      const finance = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(finance, 'officer-refused', async () => {
        await signIn(finance, app.base, { role: 'finance', sub: uniqueSub('finance') });
        expect(
          await finance
            .getByRole('navigation')
            .getByRole('link', { name: t('officer.nav.applications') })
            .count(),
        ).toBe(0);
        await finance.goto(`${app.base}/officer/applications`);
        await onPage(finance, t('officer.queue.title'), 'the review queue as finance');
        await finance.getByRole('alert').getByText(PROBLEMS.FORBIDDEN![0]).waitFor();
        expect(await finance.getByRole('button', { name: t('officer.queue.assign', { n: 0 }) }).count()).toBe(0);
      });
      await finance.context().close();
    },
    TIMEOUT,
  );
  it(
    'runs a competition: created, published, judges and entries, check-in on a phone, the ranking published',
    async () => {
      const officer: As = { role: 'officer', sub: uniqueSub('events-officer') };
      const colleague: As = { role: 'officer', sub: uniqueSub('judge-officer') };
      expect((await call('PUT', '/v1/staff/me', { as: colleague, body: { displayName: '赵评委' } })).status).toBe(200);
      const spare: As = { role: 'officer', sub: uniqueSub('spare-judge') };
      expect((await call('PUT', '/v1/staff/me', { as: spare, body: { displayName: '周备选' } })).status).toBe(200);
      const mentor = await testMentor({ name: '钱评委' });
      const first = await startup('incubating', uniqueSub('founder'), `智农 ${uniqueSub('s')}`);
      const second = await startup('incubating', uniqueSub('founder'), `云养 ${uniqueSub('s')}`);
      const title = `创业大赛 ${uniqueSub('e')}`;
      const local = (days: number, hour: number) => {
        const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
        return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
      };
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      let eventId = '';
      await withScreenshotOnFailure(page, 'officer-events', async () => {
        await signIn(page, app.base, officer);
        await visit(page, t('officer.nav.events'), t('officer.events.title'), 'events');
        await page.getByLabel(t('officer.events.kind'), { exact: true }).selectOption('competition');
        await page.getByLabel(t('officer.events.eventTitle'), { exact: true }).fill(title);
        await page.getByLabel(t('officer.events.description'), { exact: true }).fill('面向孵化中项目的创业大赛。');
        await page.getByLabel(t('officer.events.startsAt'), { exact: true }).fill(local(10, 9));
        await page.getByLabel(t('officer.events.endsAt'), { exact: true }).fill(local(10, 17));
        await page.getByLabel(t('officer.events.deadline'), { exact: true }).fill(local(5, 18));
        await page.getByLabel(t('officer.events.venue'), { exact: true }).fill('天府新区创业服务中心');
        await page.getByLabel(t('officer.events.capacity'), { exact: true }).fill('2');
        await page.getByRole('button', { name: t('officer.events.createSubmit') }).click();
        await onPage(page, t('officer.event.title', { name: title }), 'a draft event');
        eventId = new URL(page.url()).pathname.split('/').pop()!;
        const created = (await call('GET', `/v1/events/${eventId}`, { as: officer })).body;
        expect(created).toMatchObject({ kind: 'competition', status: 'draft', capacity: 2, startsAt: `${local(10, 9).slice(0, 10)}T01:00:00.000Z` });
        await page.getByRole('button', { name: t('officer.event.publish') }).click();
        await page.getByRole('button', { name: t('officer.event.close') }).waitFor();

        // Two judges chosen from the directory and the mentor team; one entry entered here, one by its founder.
        for (const name of [
          t('officer.reviewerLabel', { name: '赵评委', role: t('role.officer') }),
          t('officer.reviewerLabel', { name: '钱评委', role: t('role.mentor') }),
        ]) {
          await page.getByLabel(t('officer.event.judge'), { exact: true }).selectOption({ label: name });
          await page.getByRole('button', { name: t('officer.event.addJudge') }).click();
          await page.getByText(t('officer.event.judgeAdded', { name })).waitFor();
        }
        // A third judge, added by mistake and taken off again before scoring anything.
        const spareName = t('officer.reviewerLabel', { name: '周备选', role: t('role.officer') });
        await page.getByLabel(t('officer.event.judge'), { exact: true }).selectOption({ label: spareName });
        await page.getByRole('button', { name: t('officer.event.addJudge') }).click();
        await page.getByRole('table', { name: t('officer.event.judges', { n: 3 }) }).waitFor();
        await page.getByRole('button', { name: t('officer.event.removeJudge', { name: spareName }) }).click();
        await page.getByText(t('officer.event.judgeRemoved', { name: spareName })).waitFor();
        await page.getByRole('table', { name: t('officer.event.judges', { n: 2 }) }).waitFor();
        expect((await call('GET', `/v1/events/${eventId}/judges`, { as: officer })).body.items.map((j: { userId: string }) => j.userId).sort()).toEqual(
          [colleague.sub, mentor.userId].sort(),
        );
        await page.getByLabel(t('officer.nav.startups'), { exact: true }).selectOption({ label: first.name });
        await page.getByLabel(t('officer.event.pitchTitle'), { exact: true }).fill('智慧农业路演');
        await page.getByLabel(t('officer.app.summary'), { exact: true }).fill('用传感器管理大棚。');
        await page.getByRole('button', { name: t('officer.event.addEntry') }).click();
        await page.getByText(t('officer.event.entryAdded', { title: '智慧农业路演' })).waitFor();
        await expectAccessible(page, 'a published competition');
      });
      await page.context().close();

      const own = await call('POST', `/v1/events/${eventId}/entries`, {
        as: { role: 'applicant', sub: second.founderUserId },
        body: { startupId: second.id, pitchTitle: '云养老平台', summary: '上门服务调度。' },
      });
      expect(own.status).toBe(201);
      const guest = await registeredApplicant({ name: '孙来宾' });
      expect((await register(eventId, guest)).status).toBe(201);
      // The competition day: half an hour after the start, the judges score and the door is open.
      clockAtEventStart((await call('GET', `/v1/events/${eventId}`, { as: officer })).body, 30);
      const ranking = (await call('GET', `/v1/events/${eventId}/ranking`, { as: officer })).body.items as Array<{ entryId: string; pitchTitle: string }>;
      for (const [judge, n] of [
        [colleague, 8],
        [mentor.as, 6],
      ] as const) {
        for (const entry of ranking) {
          const marks = entry.pitchTitle === '智慧农业路演' ? n : n - 2;
          expect(
            (await score(eventId, entry.entryId, judge, { innovation: marks, market: marks, team: marks, execution: marks, socialImpact: marks })).status,
          ).toBe(201);
        }
      }

      // At the door, on a phone: the registrant checked in with one tap; then the ranking published.
      const phone = await app.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await withScreenshotOnFailure(phone, 'officer-checkin', async () => {
        await signIn(phone, app.base, officer);
        await phone.goto(`${app.base}/officer/events/${eventId}`);
        await onPage(phone, t('officer.event.title', { name: title }), 'the event on a phone');
        await phone.getByRole('button', { name: t('officer.event.checkInName', { name: '孙来宾' }) }).tap();
        await phone.getByText(/^已签到/).waitFor();
        await expectAccessible(phone, 'checked in');
        await shot(phone, 'officer-6-checkin');
        expect((await call('GET', `/v1/events/${eventId}/registrations`, { as: officer })).body.items[0].checkedInAt).toBeTruthy();
        await phone
          .getByRole('table', { name: t('officer.event.ranking') })
          .locator('tbody tr')
          .first()
          .getByText('智慧农业路演')
          .waitFor();
        await phone.getByRole('button', { name: t('officer.event.publishResults') }).tap();
        await phone.getByText(t('officer.event.resultsPublished')).waitFor();
        await expectAccessible(phone, 'ranking published');
      });
      await phone.context().close();
      const published = await call('GET', `/v1/public/events/${eventId}/ranking`);
      expect(published.status).toBe(200);
      expect(published.body.items.map((r: { pitchTitle: string }) => r.pitchTitle)).toEqual(['智慧农业路演', '云养老平台']);
    },
    TIMEOUT,
  );
  it(
    'publishes a disclosure notice, dismisses an objection to it and decides a change request',
    async () => {
      const officer: As = { role: 'officer', sub: uniqueSub('notice-officer') };
      const programme = await openProgramme({ name: `创业实体补贴 ${uniqueSub('p')}` });
      const { claim } = await verifiedClaim(programme.id);
      const changer = await registeredApplicant({ category: 'returning_migrant_worker' });
      const change = await call('POST', '/v1/applicants/me/change-requests', {
        as: changer,
        body: { category: 'registered_unemployed', reason: '已在人社部门办理失业登记', evidence: ['失业登记证 2026-011'] },
      });
      expect(change.status).toBe(201);
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(page, 'officer-notices', async () => {
        await signIn(page, app.base, officer);
        await visit(page, t('officer.nav.notices'), t('officer.notices.title'), 'notices');
        await page.getByLabel(t('officer.claims.programme'), { exact: true }).selectOption({ label: programme.name });
        await page.getByLabel(new RegExp(claim.idNumberMasked.replaceAll('*', '\\*'))).check();
        await page.getByRole('button', { name: t('officer.notices.publish', { n: 1 }) }).click();
        await page.getByText(/^已发布公示 \d{4}-\d{3}/).waitFor();
        await expectAccessible(page, 'a notice published');
        const noticed = (await call('GET', `/v1/claims/${claim.id}`, { as: officer })).body;
        expect(noticed.noticeNumber).toMatch(/^\d{4}-\d{3}$/);

        // Someone objects on the public notice; the officer reads it and dismisses it.
        const filed = await call('POST', `/v1/public/disclosures/${claim.id}/objections`, {
          body: { reason: '此人并未实际经营该企业。', contact: '13900001111' },
        });
        expect(filed.status).toBe(201);
        await page.reload();
        await onPage(page, t('officer.notices.title'), 'an open objection');
        await page.getByText('此人并未实际经营该企业。').waitFor();
        await page.getByText(t('officer.notices.contact', { contact: '13900001111' })).waitFor();
        await page.getByLabel(t('officer.notices.notes')).fill('经实地核查，企业正常经营。');
        await page.getByRole('button', { name: t('officer.notices.dismiss') }).click();
        await page.getByText(t('officer.notices.noObjections')).waitFor();
        await expectAccessible(page, 'objection dismissed');
        const objections = (await call('GET', `/v1/claims/${claim.id}/objections`, { as: officer })).body.items;
        expect(objections[0]).toMatchObject({ status: 'dismissed', resolvedBy: officer.sub });

        // The change request: what changes, why, and the decision with a reason.
        await visit(page, t('officer.nav.changes'), t('officer.changes.title'), 'change requests');
        await page.getByText(t('officer.changes.why', { reason: '已在人社部门办理失业登记' })).waitFor();
        await page.getByRole('cell', { name: zh('registered_unemployed') }).waitFor();
        await page.getByLabel(t('officer.changes.reason')).fill('失业登记证核实无误。');
        await page.getByRole('button', { name: t('officer.changes.approve') }).click();
        await page.getByText(t('officer.changes.none')).waitFor();
        await expectAccessible(page, 'change request decided');
        expect((await call('GET', '/v1/applicants/me', { as: changer })).body.category).toBe('registered_unemployed');
      });
      await page.context().close();
    },
    TIMEOUT,
  );
});
