import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingToday, day as dayText } from '../../functions/console/src/format';
import { PROBLEMS } from '../../functions/console/src/i18n/problems';
import { call, uniqueSub } from '../support/api';
import { officer as eventsOfficer, startedEvent, startup as eventStartup } from '../support/events';
import { testAssignment, testMentor, testStartup } from '../support/mentors';
import { communityWithManager } from '../support/spaces';
import { officer, registeredApplicant, submittedApplication } from '../support/startups';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const TIMEOUT = 180_000;
const t = text('zh');

let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

/**
 * A mentor with two startups; 10 hours already logged today on the second one; an application to
 * review and a roadshow entry to judge; and another mentor's assignment (not theirs to open).
 */
async function arrange() {
  const mentor = await testMentor({ name: '张导师' });
  const startupName = `智慧社区 ${uniqueSub('s').slice(-5)}`;
  const { assignment, startup } = await testAssignment({ mentor, startup: await testStartup({ name: startupName }) });
  const { assignment: busy } = await testAssignment({ mentor, startup: await testStartup({ name: `另一个项目 ${uniqueSub('b').slice(-5)}` }) });
  const today = beijingToday();
  for (const minutes of [480, 120]) {
    const res = await call('POST', `/v1/assignments/${busy.id}/sessions`, {
      as: mentor.as,
      body: { date: today, minutes, mode: 'online', topics: ['融资'], notes: '', followUps: [] },
    });
    expect(res.status).toBe(201);
  }
  const application = await submittedApplication(await registeredApplicant(), { projectName: `待评申请 ${uniqueSub('a').slice(-5)}` });
  expect((await call('POST', `/v1/applications/${application.id}/reviewers`, { as: officer, body: { reviewerId: mentor.userId } })).status).toBe(200);
  // A roadshow under way: its entries are open to score now.
  const event = await startedEvent({ kind: 'roadshow', title: `创业路演 ${uniqueSub('e').slice(-5)}` });
  const entrant = await eventStartup('incubating', uniqueSub('founder'), `路演项目 ${uniqueSub('r').slice(-5)}`);
  const entered = await call('POST', `/v1/events/${event.id}/entries`, {
    as: eventsOfficer,
    body: { startupId: entrant.id, pitchTitle: '社区养老', summary: '上门助餐。' },
  });
  expect(entered.status).toBe(201);
  expect((await call('POST', `/v1/events/${event.id}/judges`, { as: eventsOfficer, body: { userId: mentor.userId } })).status).toBe(201);
  const { assignment: notMine } = await testAssignment();
  const { community } = await communityWithManager();
  return { mentor, assignment, startup, startupName, today, application, entrant, notMine, community };
}

async function expectNoOtherRolesActions(page: Page) {
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  for (const key of ['nav.profile', 'nav.application', 'nav.startup', 'nav.claims', 'park.nav.communities'] as const) {
    expect(await nav.getByRole('link', { name: t(key), exact: true }).count(), key).toBe(0);
  }
  for (const key of ['mentor.nav.startups', 'mentor.nav.tasks', 'mentor.nav.report'] as const) {
    expect(await nav.getByRole('link', { name: t(key), exact: true }).count(), key).toBe(1);
  }
}

const capText = (today: string, already: string, entry: string, total: string) => t('mentor.cap', { day: dayText(today), already, entry, total, cap: '12' });

describe("the mentor's workspace", () => {
  it(
    'logs a session against the daily cap and corrects it; scores a review; other roles’ actions are absent or refused',
    async () => {
      const w = await arrange();
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const watched = watch(page, app.base);
      await withScreenshotOnFailure(page, 'mentor', async () => {
        await signIn(page, app.base, w.mentor.as);
        await onPage(page, t('home.staffTitle', { role: t('role.mentor') }), 'mentor dashboard');
        // My startups 2, sessions to correct 2, applications to score 1, entries to score 1.
        await expect.poll(() => page.locator('.card p').allTextContents()).toEqual(['2', '2', '1', '1']);
        await expectNoOtherRolesActions(page);
        await shot(page, 'mentor-dashboard');

        await page
          .getByRole('navigation', { name: t('nav.label') })
          .getByRole('link', { name: t('mentor.nav.startups'), exact: true })
          .click();
        await onPage(page, t('mentor.startups.title'), 'my startups');
        await page.getByRole('link', { name: w.startupName }).click();
        await onPage(page, t('mentor.startup.title', { name: w.startupName }), 'a startup and its sessions');
        await page.getByText(t('mentor.sessions.none')).waitFor();
        // The founder's confirmation is not the mentor's to give.
        expect(await page.getByRole('button', { name: t('startup.confirmWith', { rating: 5 }) }).count()).toBe(0);

        // The daily cap as they type: 10 hours already today (another startup) + this entry.
        const hoursField = page.getByLabel(t('mentor.session.hours'), { exact: true });
        await page.getByText(capText(w.today, '10', '1', '11')).waitFor();
        await hoursField.fill('3');
        await page.getByText(capText(w.today, '10', '3', '13')).waitFor();
        await page.getByText(t('mentor.capOver'), { exact: false }).waitFor();
        await expectAccessible(page, 'session form over the cap');
        await page.getByLabel(t('mentor.session.topics'), { exact: true }).fill('市场推广，融资');
        await page.getByLabel(t('mentor.session.notes'), { exact: true }).fill('梳理了渠道与定价。');
        // The API has the last word: over the cap is refused, in words.
        await page.getByRole('button', { name: t('mentor.session.log'), exact: true }).click();
        await page.getByRole('alert').getByText(PROBLEMS.DAILY_LIMIT_EXCEEDED![0]).waitFor();
        await hoursField.fill('1.5');
        await page.getByText(capText(w.today, '10', '1.5', '11.5')).waitFor();
        await page.getByRole('button', { name: t('mentor.session.log'), exact: true }).click();
        await page.getByText(t('mentor.session.logged', { day: dayText(w.today), hours: '1.5' })).waitFor();
        await page.getByRole('cell', { name: '市场推广、融资' }).waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(process.cwd(), 'docs', 'console', 'mentor.png'), type: 'png' });
        await shot(page, 'mentor-logged');

        // Correct it within the window: 2 hours; the cap leaves the session's own old hours out.
        await page.getByRole('button', { name: t('mentor.session.correct', { day: dayText(w.today) }) }).click();
        const form = page.getByRole('region', { name: t('mentor.session.correctTitle', { day: dayText(w.today) }) });
        await form.getByText(capText(w.today, '10', '1.5', '11.5')).waitFor();
        await form.getByLabel(t('mentor.session.hours'), { exact: true }).fill('2');
        await form.getByText(capText(w.today, '10', '2', '12')).waitFor();
        await expectAccessible(page, 'correcting a session');
        await form.getByRole('button', { name: t('mentor.session.saveCorrection') }).click();
        await page.getByText(t('mentor.session.corrected', { day: dayText(w.today) })).waitFor();
        const sessions = await call('GET', `/v1/startups/${w.startup.id}/sessions`, { as: w.mentor.as });
        expect(sessions.body.items.map((s: { minutes: number; topics: string[]; version: number }) => [s.minutes, s.topics, s.version])).toEqual([
          [120, ['市场推广', '融资'], 2],
        ]);
        await page.getByRole('cell', { name: '2', exact: true }).waitFor();

        // Review and judging tasks: score the application here; the roadshow entry waits.
        await page
          .getByRole('navigation', { name: t('nav.label') })
          .getByRole('link', { name: t('mentor.nav.tasks'), exact: true })
          .click();
        await onPage(page, t('mentor.tasks.title'), 'scoring tasks');
        await page.getByRole('cell', { name: w.entrant.name, exact: true }).waitFor();
        await page.getByRole('button', { name: t('mentor.tasks.score', { name: w.application.projectName }) }).click();
        // The application as submitted, to score it on.
        await page.getByText('Home-care services for elderly residents of the youth community.').waitFor();
        for (const criterion of ['innovation', 'feasibility', 'team', 'jobCreation', 'socialValue'] as const) {
          await page.getByLabel(t(`mentor.criterion.${criterion}`), { exact: true }).fill('8');
        }
        await page.getByLabel(t('mentor.tasks.comment'), { exact: true }).fill('团队扎实，市场清晰。');
        await expectAccessible(page, 'scoring an application');
        await page.getByRole('button', { name: t('mentor.tasks.submitReview', { name: w.application.projectName }) }).click();
        await page.getByText(t('mentor.tasks.reviewed', { name: w.application.projectName })).waitFor();
        await page.getByText(t('mentor.tasks.noReviews')).waitFor();
        const scores = await call('GET', `/v1/applications/${w.application.id}/scores`, { as: officer });
        expect(scores.body.items.map((s: { reviewerId: string; total: number }) => [s.reviewerId, s.total])).toEqual([[w.mentor.userId, 40]]);
        await page.getByRole('button', { name: t('mentor.tasks.score', { name: w.entrant.name }) }).click();
        for (const criterion of ['innovation', 'market', 'team', 'execution', 'socialImpact'] as const) {
          await page.getByLabel(t(`mentor.criterion.${criterion}`), { exact: true }).fill('7');
        }
        await expectAccessible(page, 'scoring a roadshow entry');
        await page.getByRole('button', { name: t('mentor.tasks.submitJudging', { name: w.entrant.name }) }).click();
        await page.getByText(t('mentor.tasks.judged', { name: w.entrant.name })).waitFor();
        await page.getByRole('cell', { name: t('mentor.tasks.scored'), exact: true }).waitFor();
        await shot(page, 'mentor-tasks');

        // My monthly report: this month's 12 hours (10 + 2).
        await page
          .getByRole('navigation', { name: t('nav.label') })
          .getByRole('link', { name: t('mentor.nav.report'), exact: true })
          .click();
        await onPage(page, t('mentor.report.title'), 'monthly report');
        const table = page.getByRole('table', { name: /^每月辅导情况/ });
        const totals = table.getByRole('row', { name: new RegExp(`^${t('mentor.report.total')}`) });
        expect(await totals.getByRole('cell').allTextContents()).toEqual(['3', '12', '2', '0%', '—']);

        // Another mentor's startup, by URL: not found (not theirs); a park manager's grid: refused.
        await page.goto(`${app.base}/mentor/startups/${w.notMine.id}`);
        await page.getByRole('alert').getByText(PROBLEMS.NOT_FOUND![0]).first().waitFor();
        await expectAccessible(page, 'another mentor’s startup refused');
        expect(await page.getByRole('button', { name: t('mentor.session.log'), exact: true }).count()).toBe(0);
        await page.goto(`${app.base}/park/communities/${w.community.id}/grid`);
        await page.getByRole('alert').getByText(PROBLEMS.FORBIDDEN![0]).first().waitFor();
        await expectNoOtherRolesActions(page);
      });
      expect(watched.outside, 'no request leaves the origin').toEqual([]);
      expect(watched.errors, 'no console errors').toEqual([]);
      expect(new Set(watched.apiErrors)).toEqual(
        new Set([
          `POST /v1/assignments/${w.assignment.id}/sessions 409`,
          `GET /v1/assignments/${w.notMine.id} 404`,
          `GET /v1/communities/${w.community.id}/allocations 403`,
          `GET /v1/communities/${w.community.id}/waiting-startups 403`,
        ]),
      );
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'is usable on a 768 px tablet',
    async () => {
      const { mentor, assignment } = await testAssignment();
      const page = await app.newPage({ viewport: { width: 768, height: 1024 }, hasTouch: true });
      await withScreenshotOnFailure(page, 'mentor-768', async () => {
        await signIn(page, app.base, mentor.as);
        await onPage(page, t('home.staffTitle', { role: t('role.mentor') }), 'mentor dashboard at 768');
        await page.goto(`${app.base}/mentor/startups/${assignment.id}`);
        await page.getByRole('button', { name: t('mentor.session.log'), exact: true }).waitFor();
        await expectAccessible(page, 'session form at 768');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'nothing wider than the screen').toBeLessThanOrEqual(768);
        await shot(page, 'mentor-768');
      });
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'reads in English too',
    async () => {
      const en = text('en');
      const { mentor, assignment } = await testAssignment();
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(page, 'mentor-en', async () => {
        await signIn(page, app.base, mentor.as);
        await page.getByRole('button', { name: 'English' }).click();
        await onPage(page, en('home.staffTitle', { role: en('role.mentor') }), 'mentor dashboard in English');
        await page.goto(`${app.base}/mentor/startups/${assignment.id}`);
        await page.getByRole('button', { name: en('mentor.session.log'), exact: true }).waitFor();
        await page.getByText(/daily cap 12 h/).waitFor();
        await expectAccessible(page, 'session form in English');
      });
      await page.context().close();
    },
    TIMEOUT,
  );
});
