import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { month as monthText } from '../../functions/console/src/format';
import { PROBLEMS } from '../../functions/console/src/i18n/problems';
import { call, uniqueSub } from '../support/api';
import { addUnit, approvedStartupRecord, communityWithManager, month, officer } from '../support/spaces';
import { approvedStartup } from '../support/startups';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const TIMEOUT = 180_000;
const t = text('zh');

let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

/** A community of a fresh manager with two desks and an office; a startup preferring it, another on its waitlist. */
async function arrange() {
  const { community, manager } = await communityWithManager();
  const { community: other } = await communityWithManager();
  const deskCode = `D-${uniqueSub('d').slice(-4)}`;
  const desk = await addUnit(community.id, manager, { code: deskCode });
  await addUnit(community.id, manager, { code: `E-${uniqueSub('e').slice(-4)}` });
  await addUnit(community.id, manager, { kind: 'office', code: `O-${uniqueSub('o').slice(-4)}` });
  const projectName = `云端助农 ${uniqueSub('p').slice(-5)}`;
  const { startup } = await approvedStartup({ application: { projectName, space: { kind: 'desk', count: 1 }, preferredCommunityId: community.id } });
  const queued = await approvedStartupRecord({ name: `候补团队 ${uniqueSub('q').slice(-5)}` });
  const joined = await call('POST', `/v1/communities/${community.id}/waitlist`, { as: officer, body: { startupId: queued.id, kind: 'desk' } });
  expect(joined.status).toBe(201);
  return { community, other, manager, desk, deskCode, startup, queued };
}

const cell = (code: string, m: string) => `${code} ${monthText(m)}`;

async function expectNoOtherRolesActions(page: Page) {
  const nav = page.getByRole('navigation', { name: t('nav.label') });
  // The founder's pages and other staff workspaces are not in the park manager's menu.
  for (const key of ['nav.profile', 'nav.application', 'nav.startup', 'nav.claims'] as const) {
    expect(await nav.getByRole('link', { name: t(key), exact: true }).count(), key).toBe(0);
  }
  expect(await nav.getByRole('link', { name: t('park.nav.communities'), exact: true }).count()).toBe(1);
}

describe("the park manager's workspace", () => {
  it(
    'allocates a desk from the unit × month grid and releases it; other roles’ actions are absent or refused',
    async () => {
      const w = await arrange();
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const watched = watch(page, app.base);
      await withScreenshotOnFailure(page, 'park', async () => {
        await signIn(page, app.base, w.manager);
        // The dashboard: who waits for space, the waitlist, the units free now.
        await onPage(page, t('home.staffTitle', { role: t('role.park_manager') }), 'park dashboard');
        await page.getByRole('cell', { name: w.startup.name }).first().waitFor();
        await page.getByRole('cell', { name: w.queued.name }).first().waitFor();
        const counts = page.locator('.card p');
        expect(await counts.allTextContents()).toEqual(['2', '1', '3']);
        await expectNoOtherRolesActions(page);
        await shot(page, 'park-dashboard');

        // My communities → the community → its grid.
        await page.getByRole('link', { name: t('park.nav.communities'), exact: true }).click();
        await onPage(page, t('park.communities.title'), 'my communities');
        expect(await page.getByRole('row').count(), 'only the communities this manager manages').toBe(2);
        await page.getByRole('link', { name: '天府青年创业社区' }).click();
        await onPage(page, '天府青年创业社区', 'the community and its units');
        await page.getByRole('cell', { name: w.deskCode, exact: true }).waitFor();
        // Add an office through the form, then put it under maintenance: the grid offers none of its months.
        const officeCode = `M-${uniqueSub('m').slice(-4)}`;
        await page.getByLabel(t('park.unit.code'), { exact: true }).fill(officeCode);
        await page.getByLabel(t('park.kind'), { exact: true }).selectOption('office');
        await page.getByLabel(t('park.unit.seats'), { exact: true }).fill('6');
        await page.getByLabel(t('park.unit.area'), { exact: true }).fill('40');
        await page.getByLabel(t('park.unit.rentYuan'), { exact: true }).fill('2500.50');
        await page.getByLabel(t('park.unit.floor'), { exact: true }).fill('3');
        await page.getByRole('button', { name: t('park.unit.addButton'), exact: true }).click();
        await page.getByText(t('park.unit.added', { code: officeCode })).waitFor();
        await page.getByRole('cell', { name: '¥2,500.50' }).waitFor();
        await page.getByRole('button', { name: t('park.unit.toMaintenance', { code: officeCode }) }).click();
        await page.getByRole('button', { name: t('park.unit.toActive', { code: officeCode }) }).waitFor();
        await expectAccessible(page, 'units with one under maintenance');
        await page
          .getByRole('link', { name: t('park.grid.link') })
          .first()
          .click();
        await onPage(page, t('park.grid.title', { name: '天府青年创业社区' }), 'the occupancy grid');
        const { deskCode } = w;
        expect(await page.getByRole('columnheader').count()).toBe(13);
        const maintenanceRow = page.getByRole('row', { name: new RegExp(`^${officeCode}`) });
        expect(await maintenanceRow.getByRole('button').count()).toBe(0);
        expect(await maintenanceRow.getByRole('cell', { name: t('park.unit.inMaintenance') }).count()).toBe(12);

        // A free cell opens the allocation form: only startups waiting for a desk.
        await page.getByRole('button', { name: t('park.grid.freeCell', { where: cell(deskCode, month(1)) }) }).click();
        await page.getByRole('heading', { name: t('park.allocate.title', { code: deskCode, kind: '工位', month: monthText(month(1)) }) }).waitFor();
        const startupSelect = page.getByLabel(t('park.allocate.startup'), { exact: true });
        const options = await startupSelect.locator('option').allTextContents();
        expect(options).toHaveLength(2);
        expect(options[0]).toContain(w.queued.name);
        expect(options[1]).toContain(w.startup.name);
        await startupSelect.selectOption(w.startup.id);
        await page.getByLabel(t('park.allocate.to'), { exact: true }).selectOption(month(3));
        await expectAccessible(page, 'allocation form');
        await page.getByRole('button', { name: t('park.allocate.submit', { code: deskCode }), exact: true }).click();
        await page.getByText(t('park.allocate.done', { name: w.startup.name, code: deskCode, from: monthText(month(1)), to: monthText(month(3)) })).waitFor();
        for (const m of [month(1), month(2), month(3)]) {
          await page.getByRole('button', { name: t('park.grid.heldCell', { name: w.startup.name, where: cell(deskCode, m) }) }).waitFor();
        }
        expect(await page.getByRole('button', { name: t('park.grid.freeCell', { where: cell(deskCode, month(0)) }) }).count()).toBe(1);
        await expectAccessible(page, 'grid with an allocation');
        // The month before it: the period offered ends before the taken months.
        await page.getByRole('button', { name: t('park.grid.freeCell', { where: cell(deskCode, month(0)) }) }).click();
        expect(await page.getByLabel(t('park.allocate.to'), { exact: true }).locator('option').allTextContents()).toEqual([monthText(month(0))]);
        await page.getByRole('button', { name: t('park.cancel'), exact: true }).click();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(process.cwd(), 'docs', 'console', 'park.png'), type: 'png' });
        await shot(page, 'park-grid');
        const held = await call('GET', `/v1/allocations?startupId=${w.startup.id}`, { as: w.manager });
        expect(
          held.body.items.map((a: { unitId: string; fromMonth: string; toMonth: string; status: string }) => [a.unitId, a.fromMonth, a.toMonth, a.status]),
        ).toEqual([[w.desk.id, month(1), month(3), 'active']]);

        // A held cell opens the allocation: release it from its third month; the waitlist's first is suggested.
        await page.getByRole('button', { name: t('park.grid.heldCell', { name: w.startup.name, where: cell(deskCode, month(3)) }) }).click();
        await page.getByLabel(t('park.release.from'), { exact: true }).selectOption(month(2));
        await page.getByLabel(t('park.release.reason'), { exact: true }).fill('团队迁往新址，提前退租。');
        await expectAccessible(page, 'release form');
        await page.getByRole('button', { name: t('park.release.submit', { code: deskCode }), exact: true }).click();
        await page.getByText(t('park.release.next', { name: w.queued.name, kind: '工位' }), { exact: false }).waitFor();
        await page.getByRole('button', { name: t('park.grid.freeCell', { where: cell(deskCode, month(2)) }) }).waitFor();
        await page.getByRole('button', { name: t('park.grid.heldCell', { name: w.startup.name, where: cell(deskCode, month(1)) }) }).waitFor();
        const released = await call('GET', `/v1/allocations?startupId=${w.startup.id}`, { as: w.manager });
        expect(released.body.items[0]).toMatchObject({ status: 'released', releasedFrom: month(2), lastMonth: month(1) });
        await shot(page, 'park-released');

        // The waitlist and occupancy by month (a chart and its table).
        await page.goto(`${app.base}/park/communities/${w.community.id}/waitlist`);
        await onPage(page, t('park.waitlist.title', { name: '天府青年创业社区' }), 'the waitlist');
        await page.getByRole('cell', { name: w.queued.name }).waitFor();
        await page.goto(`${app.base}/park/communities/${w.community.id}/occupancy`);
        await onPage(page, t('park.occupancy.title', { name: '天府青年创业社区' }), 'occupancy by month');
        const chartTable = page.getByRole('table', { name: t('park.occupancy.chart') });
        await chartTable.waitFor();
        // Next month: one desk taken, two units free.
        const nextRow = chartTable.getByRole('row', { name: new RegExp(`^${monthText(month(1))}`) });
        expect(await nextRow.getByRole('cell').allTextContents()).toEqual(['1', '0', '2']);
        await shot(page, 'park-occupancy');

        // Another community's grid, by URL: the API's refusal in words.
        await page.goto(`${app.base}/park/communities/${w.other.id}/grid`);
        await page.getByRole('alert').getByText(PROBLEMS.NOT_COMMUNITY_MANAGER![0]).first().waitFor();
        await expectAccessible(page, 'another community refused');
        // A founder's page, by URL: refused too.
        await page.goto(`${app.base}/startup`);
        await page.getByRole('alert').getByText(PROBLEMS.FORBIDDEN![0]).waitFor();
        await expectNoOtherRolesActions(page);
      });
      expect(watched.outside, 'no request leaves the origin').toEqual([]);
      expect(watched.errors, 'no console errors').toEqual([]);
      expect(new Set(watched.apiErrors)).toEqual(
        new Set([`GET /v1/communities/${w.other.id}/allocations 403`, `GET /v1/communities/${w.other.id}/waiting-startups 403`, 'GET /v1/startups 403']),
      );
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'shows the grid on a 768 px tablet, scrolling sideways inside its own box',
    async () => {
      const { community, manager } = await communityWithManager();
      await addUnit(community.id, manager);
      const page = await app.newPage({ viewport: { width: 768, height: 1024 }, hasTouch: true });
      await withScreenshotOnFailure(page, 'park-768', async () => {
        await signIn(page, app.base, manager);
        await onPage(page, t('home.staffTitle', { role: t('role.park_manager') }), 'park dashboard at 768');
        await page.goto(`${app.base}/park/communities/${community.id}/grid`);
        await onPage(page, t('park.grid.title', { name: '天府青年创业社区' }), 'grid at 768');
        await page
          .getByRole('button', { name: t('park.grid.free') })
          .first()
          .waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'the page itself is not wider than the screen').toBeLessThanOrEqual(768);
        await shot(page, 'park-768');
      });
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'reads in English too',
    async () => {
      const en = text('en');
      const { community, manager } = await communityWithManager();
      await addUnit(community.id, manager);
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(page, 'park-en', async () => {
        await signIn(page, app.base, manager);
        await page.getByRole('button', { name: 'English' }).click();
        await onPage(page, en('home.staffTitle', { role: en('role.park_manager') }), 'park dashboard in English');
        await page.getByRole('heading', { name: en('park.dash.waiting') }).waitFor();
        await page.goto(`${app.base}/park/communities/${community.id}/grid`);
        await onPage(page, en('park.grid.title', { name: '天府青年创业社区' }), 'grid in English');
        await page
          .getByRole('button', { name: /^Free: allocate / })
          .first()
          .waitFor();
      });
      await page.context().close();
    },
    TIMEOUT,
  );
});
