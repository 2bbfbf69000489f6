import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../functions/console/src/i18n/actions';
import { ZH } from '../../functions/console/src/i18n/messages';
import { PROBLEMS, RULES } from '../../functions/console/src/i18n/problems';
import { beijingToday } from '../../functions/console/src/format';
import { call, tokenFor, uniqueSub, type As } from '../support/api';
import { idNumber } from '../support/factories';
import { pdfBytes, pngBytes } from '../support/documents';
import { enumText, lang as consoleLang } from '../../functions/console/src/i18n';
import { officer as eventsOfficer, publishedEvent, score, startedEvent, startup } from '../support/events';
import { inStaffDirectory } from '../support/staff';
import { applicationInput, reviewedApplication, officer } from '../support/startups';
import { applicantInput } from '../support/factories';
import { officer as claimsOfficer, openProgramme, publishedNotice, verifiedClaim } from '../support/subsidies';
import { expectAccessible, onPage, SCREENSHOTS, shot, startConsole, text, watch, withScreenshotOnFailure, type Console, type Lang } from './browser';

/** A whole journey is some forty steps in a real browser: minutes on a busy 2-core machine. */
const JOURNEY_TIMEOUT = 240_000;

let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

/**
 * The founder's whole journey in the browser: sign in, register the profile, draft, edit and
 * submit; an officer approves through the API; the founder sees the startup, reports jobs,
 * claims, sees the claim in the public notice, and registers for an event.
 */
async function journey(page: Page, lang: Lang, label: string) {
  const t = text(lang);
  // Enum words (kinds of paper) in the language the page speaks.
  consoleLang.value = lang === 'en' ? 'en' : 'zh-CN';
  const founder: As = { role: 'applicant', sub: uniqueSub('console-founder') };
  const name = lang === 'en' ? '王小明' : '李华';
  const projectName = `${label} 社区助老服务站`;
  const watched = watch(page, app.base);

  // Sign in (the local server hands the console a token in the fragment, as /local/login does).
  await page.goto(`${app.base}/signed-in#token=${await tokenFor(founder)}`);
  if (lang === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await page.reload();
    expect(await page.getAttribute('html', 'lang'), 'the language switch is remembered').toBe('en');
  }
  await onPage(page, t('home.title'), 'home');
  await page.getByRole('link', { name: t('todo.profile') }).waitFor();
  await shot(page, `${label}-1-home`);

  // 实名登记: the identity number is checked as it is typed.
  await page.getByRole('link', { name: t('nav.profile'), exact: true }).click();
  await onPage(page, t('profile.title'), 'profile form');
  const id = idNumber('20000315');
  const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  await page.getByLabel(t('profile.idNumber'), { exact: true }).fill(wrong);
  await page.getByText(t('profile.id.check_character')).waitFor();
  await expectAccessible(page, 'profile form with an error');
  await shot(page, `${label}-2-profile-error`);
  await page.getByLabel(t('profile.idNumber'), { exact: true }).fill(id);
  await expect.poll(() => page.getByText(t('profile.id.check_character')).count()).toBe(0);
  await page.getByLabel(t('profile.name'), { exact: true }).fill(name);
  await page.getByLabel(t('profile.phone'), { exact: true }).fill('13800001111');
  await page.getByLabel(t('profile.district'), { exact: true }).fill('天府新区');
  await page.getByLabel(t('profile.school'), { exact: true }).fill('四川大学');
  await page.getByLabel(t('profile.leftOn'), { exact: true }).fill('2024-07-01');
  await page.getByRole('button', { name: t('profile.register') }).click();
  const masked = page.getByText(/^\d{6}\*+\w{4}$|\*{4,}/);
  await masked.first().waitFor();
  expect(await page.content(), 'the full number is never shown again').not.toContain(id);
  await expectAccessible(page, 'profile registered');

  // The application wizard: a draft saved at each step, then submitted.
  await page.getByRole('link', { name: t('nav.application'), exact: true }).click();
  await onPage(page, t('application.title'), 'application start');
  await page.getByLabel(t('application.projectName'), { exact: true }).fill(projectName);
  await page.getByRole('button', { name: t('application.start') }).click();
  await page.getByRole('heading', { name: t('application.step.project') }).waitFor();
  await page.getByLabel(t('application.summary'), { exact: true }).fill('为社区老人提供上门助餐、助洁服务。');
  await page.getByRole('button', { name: t('application.saveContinue') }).click();
  await page.getByRole('heading', { name: t('application.step.team') }).waitFor();
  await expectAccessible(page, 'wizard step 2');
  await page.getByLabel(t('application.teamName'), { exact: true }).fill(name);
  await page.getByLabel(t('application.plannedJobs'), { exact: true }).fill('4');
  await page.getByLabel(t('application.businessPlan'), { exact: true }).fill('第一年服务 200 户，第 14 个月收支平衡。');
  await page.getByRole('button', { name: t('application.saveContinue') }).click();
  await page.getByRole('heading', { name: t('application.step.check') }).waitFor();
  await shot(page, `${label}-3-wizard-check`);
  await page.getByRole('button', { name: t('application.submit') }).click();
  await page.getByRole('button', { name: t('application.withdraw') }).waitFor();
  await page
    .getByText(ACTIONS['application.submitted']![lang === 'en' ? 1 : 0], { exact: true })
    .first()
    .waitFor();
  await expectAccessible(page, 'application submitted');
  // The business plan attached to the application, checked by the API.
  const applicationPapers = page.getByRole('region', { name: t('documents.ofApplication') });
  await applicationPapers
    .getByLabel(t('documents.choose', { type: enumText('business_plan') }))
    .setInputFiles({ name: '商业计划书.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Business plan') });
  await applicationPapers.getByText(t('documents.available', { name: '商业计划书.pdf' })).waitFor();

  // An officer approves through the API and starts incubation.
  const mine = await call('GET', '/v1/applications?mine=true', { as: founder });
  const application = mine.body.items[0];
  expect(application).toMatchObject({ status: 'submitted', projectName, plannedJobs: 4 });
  await reviewedApplication(application.id);
  const decided = await call('POST', `/v1/applications/${application.id}/decision`, { as: officer, body: { decision: 'approve', reason: '符合条件。' } });
  expect(decided.status).toBe(200);
  expect((await call('POST', `/v1/startups/${decided.body.startupId}/start`, { as: officer })).status).toBe(200);

  // My startup: the month grid, with this month's job report due; file it.
  await page.getByRole('link', { name: t('nav.startup'), exact: true }).click();
  await onPage(page, t('startup.title'), 'my startup');
  await page.getByText(projectName).first().waitFor();
  await page.getByText(t('startup.due')).waitFor();
  await page.getByLabel(t('startup.employeesLabel'), { exact: true }).fill('3');
  await page.getByLabel(t('startup.graduatesLabel'), { exact: true }).fill('1');
  await page.getByRole('button', { name: t('startup.file') }).click();
  await page.getByText(t('startup.employees', { n: 3 })).waitFor();
  await expectAccessible(page, 'job report filed');
  // The business licence, on the startup's papers.
  const startupPapers = page.getByRole('region', { name: t('documents.ofStartup') });
  await startupPapers
    .getByLabel(t('documents.choose', { type: enumText('business_licence') }))
    .setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: pngBytes() });
  await startupPapers.getByText(t('documents.available', { name: '营业执照.png' })).waitFor();
  await shot(page, `${label}-4-startup`);

  // Claims: a programme finance opened; the founder claims it with their bank details.
  const programmeName = `${label} 一次性创业补贴`;
  const programme = await openProgramme({
    name: programmeName,
    amountRule: { type: 'fixed', amountFen: 300_000 },
    eligibility: { categories: ['college_graduate'] },
  });
  await page.getByRole('link', { name: t('nav.claims'), exact: true }).click();
  await onPage(page, t('claims.title'), 'claims');
  await page.getByRole('button', { name: t('claims.claim', { name: programmeName }) }).click();
  await page.getByLabel(t('claims.bankName'), { exact: true }).fill('中国农业银行成都分行');
  await page.getByLabel(t('claims.accountName'), { exact: true }).fill(name);
  await page.getByLabel(t('claims.accountNumber'), { exact: true }).fill(`6228480402${String(Date.now()).slice(-9)}`);
  await page.getByRole('button', { name: t('claims.submit', { name: programmeName }) }).click();
  await page.getByText('¥3,000.00').first().waitFor();
  await expectAccessible(page, 'claim submitted');

  // The officer verifies it and publishes the notice; the founder sees it in the public notice.
  const claims = await call('GET', '/v1/claims?mine=true', { as: founder });
  const claim = claims.body.items.find((c: { programmeId: string }) => c.programmeId === programme.id);
  expect((await call('POST', `/v1/claims/${claim.id}/verification`, { as: officer, body: { decision: 'verify' } })).status).toBe(200);
  const notice = await call('POST', '/v1/disclosure-notices', { as: officer, body: { programmeId: programme.id, claimIds: [claim.id] } });
  expect(notice.status).toBe(201);
  await page.getByRole('link', { name: t('nav.notices'), exact: true }).click();
  await onPage(page, t('notices.title'), 'notices');
  const section = page.getByRole('region', { name: new RegExp(notice.body.number) });
  await section.getByRole('cell', { name: '¥3,000.00' }).waitFor();
  await shot(page, `${label}-5-notices`);

  // Events: register for a published event.
  const event = await publishedEvent({ title: `${label} 创业沙龙`, capacity: 30 });
  await page.getByRole('link', { name: t('nav.events'), exact: true }).click();
  await onPage(page, t('events.title'), 'events');
  await page.getByRole('button', { name: t('events.register', { title: `${label} 创业沙龙` }) }).click();
  await page.getByRole('button', { name: t('events.cancel', { title: `${label} 创业沙龙` }) }).waitFor();
  await expectAccessible(page, 'registered for an event');
  const registrations = await call('GET', `/v1/events/${event.id}/registrations`, { as: founder });
  expect(registrations.body.items.map((r: { status: string }) => r.status)).toEqual(['registered']);
  await shot(page, `${label}-6-events`);

  expect(watched.outside, 'no request leaves the origin').toEqual([]);
  expect(watched.errors, 'no console errors').toEqual([]);
  // The only refusal is "no profile yet", before registering.
  expect(new Set(watched.apiErrors), 'no API call failed').toEqual(new Set(['GET /v1/applicants/me 404']));
}

describe("the founder's journey in the console", () => {
  it(
    'works in Chinese at a desktop width',
    async () => {
      const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
      await withScreenshotOnFailure(page, 'journey-zh', () => journey(page, 'zh', 'zh'));
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'works in English',
    async () => {
      const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
      await withScreenshotOnFailure(page, 'journey-en', () => journey(page, 'en', 'en'));
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'works on a 360 × 740 phone, in Chinese',
    async () => {
      const page = await app.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await withScreenshotOnFailure(page, 'journey-360', async () => {
        await journey(page, 'zh', 'm360');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'nothing wider than the screen').toBeLessThanOrEqual(360);
      });
      await page.context().close();
    },
    JOURNEY_TIMEOUT,
  );
});

describe('a refused submission', () => {
  it('explains the eligibility rule that failed, with the request id, and leaves the draft editable', async () => {
    const founder: As = { role: 'applicant', sub: uniqueSub('late-graduate') };
    const profile = applicantInput({ category: 'college_graduate', graduation: { school: '西南交通大学', leftOn: '2015-07-01' }, education: 'bachelor' });
    expect((await call('POST', '/v1/applicants', { as: founder, body: profile })).status).toBe(201);
    expect((await call('POST', '/v1/applications', { as: founder, body: applicationInput({ projectName: '迟到的项目' }) })).status).toBe(201);
    const page = await app.newPage({ viewport: { width: 360, height: 740 } });
    await withScreenshotOnFailure(page, 'not-eligible', async () => {
      await page.goto(`${app.base}/signed-in#token=${await tokenFor(founder)}`);
      await onPage(page, ZH['home.title'], 'home');
      await page.getByRole('link', { name: ZH['nav.application'], exact: true }).click();
      await onPage(page, ZH['application.title'], 'the draft');
      await page.getByRole('button', { name: ZH['application.saveContinue'] }).click();
      await page.getByRole('heading', { name: ZH['application.step.team'] }).waitFor();
      await page.getByRole('button', { name: ZH['application.saveContinue'] }).click();
      await page.getByRole('heading', { name: ZH['application.step.check'] }).waitFor();
      await page.getByRole('button', { name: ZH['application.submit'] }).click();
      const alert = page.getByRole('alert');
      await alert.getByText(RULES.graduated_within_5_years![0]).waitFor();
      await alert.getByText(PROBLEMS.NOT_ELIGIBLE![0]).waitFor();
      expect(await alert.textContent()).toMatch(/req_[0-9A-Z]{26}/);
      await expectAccessible(page, 'not eligible');
      await shot(page, 'not-eligible');
      // Still a draft: the submit button is there to try again once the profile is corrected.
      await page.getByRole('button', { name: ZH['application.submit'] }).waitFor();
    });
    await page.context().close();
  });
});

describe('sign-in on the local server', () => {
  it('lists the demo users by role and signs in as the one chosen', async () => {
    const page = await app.newPage();
    await withScreenshotOnFailure(page, 'sign-in', async () => {
      await page.goto(`${app.base}/sign-in`);
      await onPage(page, ZH['signIn.title'], 'sign-in');
      for (const role of ['applicant', 'officer', 'mentor', 'park_manager', 'finance', 'auditor'] as const) {
        await page.getByRole('link', { name: ZH['signIn.as'].replace('{role}', ZH[`role.${role}`]) }).waitFor();
      }
      await page.getByRole('link', { name: ZH['signIn.as'].replace('{role}', ZH['role.applicant']) }).click();
      await onPage(page, ZH['home.title'], 'home as the demo applicant');
      await page.getByRole('heading', { name: ZH['todo.title'] }).waitFor();
      expect(await page.evaluate(() => location.hash)).toBe('');
      // Someone new signs up: a fresh login whose first step is 实名登记.
      await page.goto(`${app.base}/sign-in`);
      await page.getByRole('link', { name: ZH['signIn.as'].replace('{role}', ZH['signIn.newFounder']) }).click();
      await onPage(page, ZH['home.title'], 'home as a new founder');
      await page.getByRole('link', { name: ZH['todo.profile'] }).waitFor();
    });
    await page.context().close();
  });
});

describe('the public pages', () => {
  it('show statistics, events and notices without sign-in, nothing from outside, no console errors', async () => {
    const page = await app.newPage();
    const watched = watch(page, app.base);
    await withScreenshotOnFailure(page, 'public', async () => {
      await page.goto(`${app.base}/`);
      await onPage(page, ZH['home.title'], 'public home');
      const year = Number(beijingToday().slice(0, 4));
      await page.getByRole('heading', { name: ZH['home.stats'].replace('{year}', String(year)) }).waitFor();
      await page.getByRole('rowheader', { name: ZH['stats.jobsCreated'] }).waitFor();
      // A roadshow whose ranking is published.
      const roadshow = await startedEvent({ kind: 'roadshow', title: '公开排名路演' });
      const entry = await call('POST', `/v1/events/${roadshow.id}/entries`, {
        as: eventsOfficer,
        body: { startupId: (await startup('incubating', uniqueSub('ranked'), '蜀绣文创')).id, pitchTitle: '非遗蜀绣进社区', summary: '社区蜀绣工坊。' },
      });
      const judges: As[] = [
        { role: 'mentor', sub: uniqueSub('judge') },
        { role: 'officer', sub: uniqueSub('judge') },
      ];
      for (const judge of judges) {
        await inStaffDirectory(judge);
        expect((await call('POST', `/v1/events/${roadshow.id}/judges`, { as: eventsOfficer, body: { userId: judge.sub } })).status).toBe(201);
        await score(roadshow.id, entry.body.id, judge, { innovation: 8, market: 7, team: 8, execution: 7, socialImpact: 9 });
      }
      expect((await call('POST', `/v1/events/${roadshow.id}/results/publish`, { as: eventsOfficer })).status).toBe(200);

      for (const [href, title] of [
        ['/rankings', ZH['rankings.title']],
        ['/events', ZH['events.title']],
        ['/notices', ZH['notices.title']],
      ] as const) {
        await page.locator(`nav a[href="${href}"]`).click();
        await onPage(page, title, `public ${href}`);
        expect(await page.evaluate(() => document.activeElement?.tagName), 'focus moves to the new page').toBe('H1');
      }
      await page.locator('nav a[href="/rankings"]').click();
      await onPage(page, ZH['rankings.title'], 'rankings');
      await page.getByRole('button', { name: ZH['rankings.show'].replace('{title}', '公开排名路演') }).click();
      await page.getByRole('cell', { name: '蜀绣文创' }).waitFor();
      await expectAccessible(page, 'a ranking');
      await page.screenshot({ path: join(SCREENSHOTS, 'public-rankings.png'), fullPage: true });

      // Anyone may object to a line of an open notice.
      const programme = await openProgramme({ name: '公示异议测试补贴' });
      const { claim } = await verifiedClaim(programme.id);
      const notice = await publishedNotice(programme.id, [claim]);
      await page.locator('nav a[href="/notices"]').click();
      await onPage(page, ZH['notices.title'], 'public notices');
      const section = page.getByRole('region', { name: new RegExp(notice.number) });
      await section.getByRole('button', { name: new RegExp(`^${ZH['notices.objectTo'].replace('{name}', '.+')}$`) }).click();
      await section.getByLabel(ZH['notices.reason']).fill('该申请人并未在本区创业，请核实。');
      await expectAccessible(page, 'objection form');
      await section.getByRole('button', { name: ZH['notices.file'] }).click();
      await section.getByText(ZH['notices.filed']).waitFor();
      const objections = await call('GET', `/v1/claims/${claim.id}/objections`, { as: claimsOfficer });
      expect(objections.body.items).toHaveLength(1);

      await page.goto(`${app.base}/no-such-page`);
      await onPage(page, ZH['notFound.title'], 'not found');
    });
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);
    expect(watched.apiErrors).toEqual([]);
    await page.context().close();
  });
});
