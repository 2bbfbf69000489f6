import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../shared/context';
import { raiseAlert } from '../../shared/risk/service';
import { beijingToday } from '../../functions/console/src/format';
import { actionText } from '../../functions/console/src/i18n';
import { PROBLEMS } from '../../functions/console/src/i18n/problems';
import { uniqueSub, type As } from '../support/api';
import { officer, openProgramme, verifiedClaim } from '../support/subsidies';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

/** The buttons an auditor may press: searching, showing, exporting, paging, the language and signing out. Nothing else. */
const READ_ONLY = new Set([
  t('audit.trail.search'),
  t('audit.trail.export'),
  t('audit.reports.show'),
  t('audit.reports.summaryCsv'),
  t('audit.reports.monthlyCsv'),
  t('common.more'),
  'English',
  t('nav.signOut', { roles: t('role.auditor') }),
]);

describe("the auditor's workspace", () => {
  it('finds a change in the audit trail, downloads it as CSV, reads the reports and the risk alerts, and has no action button anywhere', async () => {
    const auditor: As = { role: 'auditor', sub: uniqueSub('console-auditor') };
    const programme = await openProgramme({ name: `审计台测试补贴 ${uniqueSub('p')}` });
    const { claim } = await verifiedClaim(programme.id);
    const alert = await raiseAlert(systemCtx('console-auditor'), {
      rule: 'shared_bank_account',
      subjectType: 'bankAccount',
      subjectId: uniqueSub('acct'),
      summary: '同一银行账户出现在两人的补贴申请中',
      facts: { accountNumberMasked: '****3445', people: 2 },
    });
    const page = await app.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const watched = watch(page, app.base);
    await withScreenshotOnFailure(page, 'auditor', async () => {
      await signIn(page, app.base, auditor);
      await onPage(page, t('home.staffTitle', { role: t('role.auditor') }), 'auditor home');
      await page.getByRole('link', { name: new RegExp(t('audit.dash.openRisks')) }).waitFor();
      await page.screenshot({ path: join('docs', 'console', 'auditor.png'), type: 'png' });
      const onlyReadOnlyButtons = async (step: string) => {
        const names = await page.locator('main button').allInnerTexts();
        const header = await page.locator('header button').allInnerTexts();
        expect(
          [...names, ...header].filter((name) => !READ_ONLY.has(name.trim())),
          `${step}: only read-only buttons`,
        ).toEqual([]);
      };
      await onlyReadOnlyButtons('home');
      // No founder's or other staff's pages in the menu.
      const menu = await page.locator('nav a').allInnerTexts();
      expect(menu).toEqual([
        t('nav.home'),
        t('audit.nav.trail'),
        t('audit.nav.reports'),
        t('audit.nav.risk'),
        t('nav.events'),
        t('nav.rankings'),
        t('nav.notices'),
      ]);

      // The officer's verification of the claim, found by the claim's id.
      await page.getByRole('link', { name: t('audit.nav.trail'), exact: true }).click();
      await onPage(page, t('audit.trail.title'), 'the trail of today');
      await page.getByLabel(t('audit.trail.by')).selectOption('entityId');
      await page.getByLabel(t('audit.trail.value')).fill(claim.id);
      await page.getByRole('button', { name: t('audit.trail.search') }).click();
      await page.locator('caption', { hasText: claim.id }).waitFor();
      const rows = await page.locator('tbody tr').allInnerTexts();
      expect(
        rows.some((row) => row.includes(officer.sub!) && row.includes(actionText('claim.verified'))),
        'the verification is in the trail',
      ).toBe(true);
      expect(page.url()).toContain(`entityId=${claim.id}`);
      await expectAccessible(page, 'a claim trail');
      await onlyReadOnlyButtons('trail');
      await shot(page, 'auditor-trail');
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('audit.trail.export') }).click()]);
      expect(file.suggestedFilename()).toBe(`audit-${claim.id}.csv`);
      const csv = readFileSync((await file.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toBe('\uFEFFat,actorId,actorKind,role,action,entityType,entityId,requestId,changes');
      expect(csv).toContain(officer.sub!);
      expect(csv.split('\r\n').filter((line) => line.includes(claim.id)).length).toBe(rows.length);

      // The reports: the summary, four monthly charts and the table of their numbers, both CSVs.
      await page.getByRole('link', { name: t('audit.nav.reports'), exact: true }).click();
      await onPage(page, t('audit.reports.title'), 'reports');
      for (const chart of ['audit.reports.chart.paid', 'audit.reports.chart.jobs', 'audit.reports.chart.occupancy', 'audit.reports.chart.founders'] as const) {
        await page.getByRole('img', { name: t(chart) }).waitFor();
      }
      const months = Number(beijingToday().slice(5, 7));
      expect(
        await page
          .getByRole('table', { name: t('audit.reports.monthlyCaption') })
          .locator('tbody tr')
          .count(),
      ).toBe(months);
      // The chart drew something: its canvas is not blank.
      const drawn = await page.getByRole('img', { name: t('audit.reports.chart.paid') }).evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL().length);
      expect(drawn).toBeGreaterThan(2000);
      await onlyReadOnlyButtons('reports');
      const [monthly] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('audit.reports.monthlyCsv') }).click()]);
      expect(readFileSync((await monthly.path())!, 'utf8').split('\r\n')[0]).toContain('month,community_id,subsidies_paid_yuan');
      await shot(page, 'auditor-reports');

      // Risk alerts: the open one, with no way to resolve it here.
      await page.getByRole('link', { name: t('audit.nav.risk'), exact: true }).click();
      await onPage(page, t('audit.risk.title'), 'risk alerts');
      await page.getByRole('cell', { name: alert!.subjectId }).waitFor();
      await page.getByText('银行账户 ****3445 出现在 2 位不同申请人的补贴申请中。').first().waitFor();
      await onlyReadOnlyButtons('risk alerts');

      // A page of another role, opened by its address, shows the API's refusal in words.
      await page.goto(`${app.base}/profile`);
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain(PROBLEMS.FORBIDDEN![0]);
    });
    expect(watched.outside, 'no request leaves the origin').toEqual([]);
    expect(watched.errors, 'no console errors').toEqual([]);
    await page.context().close();
  }, 180_000);
});
