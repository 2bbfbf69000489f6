import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { yuan } from '../../functions/console/src/format';
import { PROBLEMS } from '../../functions/console/src/i18n/problems';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { call, uniqueSub, type As } from '../support/api';
import { approvedBatch, officer, openProgramme, payableClaims, preparedBatch } from '../support/subsidies';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

/** Two finance users, a batch from preparation to the ledger: minutes on a busy 2-core machine. */
const TIMEOUT = 180_000;
const t = text('zh');

let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());
afterEach(() => useRealClock());

/**
 * Two payable claims of a programme of its own. The claims are verified and published a month
 * ago, so their disclosure window has closed by the real clock the browser also reads.
 */
async function programmeWithPayableClaims(label: string, amountFen = 300_000, count = 2) {
  const programme = await openProgramme({ name: `财务测试项目 ${label}`, amountRule: { type: 'fixed', amountFen } });
  useFixedClock(new Date(Date.now() - 30 * 86_400_000));
  const claims = (await payableClaims(programme.id, count)).map((c) => c.claim as { id: string; amountFen: number });
  useRealClock();
  return { programme, claims: claims.sort((a, b) => a.id.localeCompare(b.id)) };
}

/** No button of another role's job (verifying a claim, allocating a unit) on a finance screen. */
async function expectNoOtherRolesActions(page: Page, step: string) {
  const buttons = await page.getByRole('button').allTextContents();
  expect(
    buttons.filter((name) => /核验|审核|分配|verify|allocat/i.test(name)),
    `${step}: another role's actions`,
  ).toEqual([]);
}

describe('the finance workspace', () => {
  it(
    'A prepares a batch, B approves it, A records the bank’s answer from a CSV and the ledger shows it',
    async () => {
      const label = uniqueSub('fin');
      const { programme, claims } = await programmeWithPayableClaims(label);
      const [paid, failed] = claims as [{ id: string; amountFen: number }, { id: string; amountFen: number }];
      const a: As = { role: 'finance', sub: uniqueSub('finance-a') };
      const b: As = { role: 'finance', sub: uniqueSub('finance-b') };
      const sum = yuan(paid.amountFen + failed.amountFen);

      const page = await app.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      const watched = watch(page, app.base);
      let batchId = '';
      await withScreenshotOnFailure(page, 'finance-a', async () => {
        await signIn(page, app.base, a);
        await onPage(page, t('home.staffTitle', { role: t('role.finance') }), 'finance dashboard');
        const payableCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: t('finance.todo.payable') }) });
        await payableCard.getByRole('link', { name: t('finance.todo.payableLink') }).waitFor();
        expect(Number((await payableCard.locator('.count').textContent())?.match(/\d+/)?.[0]), 'the two claims wait to be batched').toBeGreaterThanOrEqual(2);
        await expectNoOtherRolesActions(page, 'dashboard');

        await page.getByRole('link', { name: t('finance.nav.programmes'), exact: true }).click();
        await onPage(page, t('finance.programmes.title'), 'programmes');
        await page.getByRole('cell', { name: programme.name }).first().waitFor();
        await shot(page, 'finance-0-programmes');

        // Prepare: choose the programme and its two claims; the control totals show before sending.
        await page.getByRole('link', { name: t('finance.nav.prepare'), exact: true }).click();
        await onPage(page, t('finance.new.title'), 'prepare a batch');
        await page.getByLabel(t('finance.programme'), { exact: true }).selectOption(programme.id);
        for (const claim of claims) await page.getByRole('checkbox', { name: new RegExp(claim.id) }).check();
        await expect.poll(() => page.getByTestId('control-count').textContent()).toBe('2');
        expect(await page.getByTestId('control-sum').textContent()).toBe(sum);
        await expectAccessible(page, 'a batch chosen');
        await expectNoOtherRolesActions(page, 'prepare');

        // The first attempt is lost on the way; pressing again sends the same Idempotency-Key.
        const keys: string[] = [];
        let dropped = false;
        await page.route(
          (url) => url.pathname === '/v1/payout-batches',
          async (route) => {
            if (route.request().method() !== 'POST') return route.continue();
            keys.push((await route.request().headerValue('idempotency-key')) ?? '');
            if (!dropped) {
              dropped = true;
              return route.abort('failed');
            }
            return route.continue();
          },
        );
        const send = page.getByRole('button', { name: t('finance.new.send', { count: 2, sum }) });
        await send.click();
        await page.getByRole('alert').getByText(t('problem.network')).waitFor();
        await send.click();
        await page.waitForURL(/\/finance\/batches\/pbt_/);
        expect(keys).toHaveLength(2);
        expect(keys[1], 'a retry reuses the key of its attempt').toBe(keys[0]);
        await page.unroute((url) => url.pathname === '/v1/payout-batches');
        batchId = new URL(page.url()).pathname.split('/').pop()!;
        await onPage(page, t('finance.batch.title', { id: batchId }), 'the prepared batch');
        // The maker never sees an approve button; the API would refuse anyway (SELF_APPROVAL).
        await page.getByText(t('finance.batch.ownBatch')).waitFor();
        expect(await page.getByRole('button', { name: /批准此批次/ }).count()).toBe(0);
        await shot(page, 'finance-1-prepared');
      });

      // B: the batch waits for them on the dashboard and in the list; B approves it.
      const pageB = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const watchedB = watch(pageB, app.base);
      await withScreenshotOnFailure(pageB, 'finance-b', async () => {
        await signIn(pageB, app.base, b);
        await onPage(pageB, t('home.staffTitle', { role: t('role.finance') }), 'B dashboard');
        const approveCard = pageB.getByRole('listitem').filter({ has: pageB.getByRole('heading', { name: t('finance.todo.approve') }) });
        await approveCard.getByRole('link', { name: t('finance.todo.approveLink') }).waitFor();
        // The workspace's home with work waiting, 1280 × 800, for the README.
        mkdirSync(join(process.cwd(), 'docs', 'console'), { recursive: true });
        await pageB.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await pageB.screenshot({ path: join(process.cwd(), 'docs', 'console', 'finance.png'), type: 'png' });
        await pageB.getByRole('link', { name: t('finance.todo.approveLink') }).click();
        await onPage(pageB, t('finance.batches.title'), 'batches waiting');
        const row = pageB.getByRole('row').filter({ has: pageB.getByRole('link', { name: batchId }) });
        await row.getByText(t('finance.batches.waitsForMe')).waitFor();
        // The list as CSV, through the API's own export (for finance and auditors): the batch is in it.
        const listing = pageB.waitForEvent('download');
        await pageB.getByRole('button', { name: t('finance.batches.export', { status: '待批准' }) }).click();
        const list = await listing;
        expect(list.suggestedFilename()).toBe('payout-batches-pending_approval.csv');
        const listFile = readFileSync((await list.path())!, 'utf8');
        expect(listFile.split('\r\n').find((line) => line.startsWith(`${batchId},`))).toContain(',pending_approval,2,');
        await row.getByRole('link', { name: batchId }).click();
        await onPage(pageB, t('finance.batch.title', { id: batchId }), 'B opens the batch');
        await pageB.getByText(t('finance.batch.oneApprover')).waitFor();
        await pageB.getByRole('button', { name: t('finance.batch.approve', { count: 2, sum }) }).click();
        await pageB.getByText(t('finance.batch.download')).waitFor();
        expect(await pageB.locator('dl.facts .status').textContent()).toBe('已批准');
        await expectAccessible(pageB, 'approved batch');
      });
      expect(watchedB.apiErrors).toEqual([]);
      await pageB.context().close();

      await withScreenshotOnFailure(page, 'finance-a-confirm', async () => {
        await page.reload();
        await onPage(page, t('finance.batch.title', { id: batchId }), 'the approved batch');
        const downloading = page.waitForEvent('download');
        await page.getByRole('button', { name: t('finance.batch.download') }).click();
        const file = await downloading;
        expect(file.suggestedFilename()).toBe(`${batchId}.csv`);
        const bankFile = readFileSync((await file.path())!, 'utf8');
        expect(bankFile).toContain(paid.id);
        expect(bankFile).toContain(failed.id);

        // The bank's answer as a CSV, previewed before it is applied: a wrong file cannot be applied.
        const input = page.getByLabel(t('finance.confirm.file'), { exact: true });
        const wrong = `claimId,status,bankReference\n${paid.id},paid,BANK-1\nclm_00000000000000000000000000,paid,BANK-9\n`;
        await input.setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from(wrong) });
        await page.getByText(t('finance.csv.unknownClaim')).waitFor();
        expect(await page.getByRole('button', { name: t('finance.csv.apply', { count: 2 }) }).isDisabled()).toBe(true);
        const answer = `\uFEFFclaimId,status,bankReference\r\n${paid.id},成功,BANK-${label}\r\n${failed.id},failed,REJ-${label}\r\n`;
        await input.setInputFiles({ name: 'bank-answer.csv', mimeType: 'text/csv', buffer: Buffer.from(answer) });
        await page.getByRole('table', { name: /bank-answer\.csv/ }).waitFor();
        expect(await page.getByText(t('finance.csv.ok'), { exact: true }).count()).toBe(2);
        await expectAccessible(page, 'the bank answer previewed');
        await shot(page, 'finance-2-preview');
        await page.getByRole('button', { name: t('finance.csv.apply', { count: 2 }) }).click();
        await page.getByText(t('finance.confirm.booked', { count: 2 })).waitFor();
        await page.getByText('已结算').first().waitFor();

        // The ledger shows the payment, with its running totals; the failed line wrote nothing.
        await page.getByRole('link', { name: t('finance.confirm.seeLedger') }).click();
        await onPage(page, t('finance.ledger.title'), 'the ledger');
        const entries = page.getByRole('table', { name: /台账记录/ });
        await entries.getByText(`BANK-${label}`).waitFor();
        const row = entries.getByRole('row').filter({ hasText: paid.id });
        expect(await row.count()).toBe(1);
        expect(await row.textContent()).toContain(yuan(paid.amountFen));
        expect(await entries.getByText(failed.id).count()).toBe(0);
        expect(await page.locator('dl.facts').textContent()).toContain(yuan(paid.amountFen));
        await expectNoOtherRolesActions(page, 'ledger');
        await shot(page, 'finance-3-ledger');
        const exporting = page.waitForEvent('download');
        await page.getByRole('button', { name: t('finance.ledger.export') }).click();
        const exported = readFileSync((await (await exporting).path())!, 'utf8');
        expect(exported).toContain(`BANK-${label}`);
        expect(exported).not.toContain(failed.id);

        await page.getByRole('link', { name: t('finance.nav.reviews'), exact: true }).click();
        await onPage(page, t('finance.reviews.title'), 'what waits for a second person');
        await page.getByRole('link', { name: t('finance.nav.batches'), exact: true }).click();
        await onPage(page, t('finance.batches.title'), 'batches');

        // On a 768 px tablet: the same pages, nothing wider than the screen.
        await page.setViewportSize({ width: 768, height: 1024 });
        await page.goto(`${app.base}/finance/batches/${batchId}`);
        await onPage(page, t('finance.batch.title', { id: batchId }), 'the batch at 768 px');
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than 768 px').toBeLessThanOrEqual(768);
        await page.goto(`${app.base}/finance/ledger?programmeId=${programme.id}`);
        await onPage(page, t('finance.ledger.title'), 'the ledger at 768 px');
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than 768 px').toBeLessThanOrEqual(768);
      });
      expect(watched.outside).toEqual([]);
      expect(watched.errors).toEqual([]);
      // The one refusal A met is the dropped attempt's network failure, not an API answer.
      expect(watched.apiErrors).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'above the maker-checker threshold: A records the bank’s answer and a reversal, B checks both in the queue',
    async () => {
      // 12,000 yuan: over the 10,000-yuan threshold of bank confirmations and reversals.
      const { programme, claims } = await programmeWithPayableClaims(uniqueSub('checker'), 1_200_000, 1);
      const claim = claims[0]!;
      const batch = await approvedBatch(programme.id, [claim]);
      const a: As = { role: 'finance', sub: uniqueSub('maker') };
      const b: As = { role: 'finance', sub: uniqueSub('checker') };
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const pageB = await app.newPage({ viewport: { width: 1280, height: 800 } });
      const watched = [watch(page, app.base), watch(pageB, app.base)];
      await withScreenshotOnFailure(page, 'finance-maker', async () => {
        await signIn(page, app.base, a);
        await page.goto(`${app.base}/finance/batches/${batch.id}`);
        await onPage(page, t('finance.batch.title', { id: batch.id }), 'an approved batch');
        await page.getByLabel(t('finance.confirm.outcomeOf', { claim: claim.id }), { exact: true }).selectOption('paid');
        await page.getByLabel(t('finance.confirm.referenceOf', { claim: claim.id }), { exact: true }).fill(`MC-${claim.id.slice(-6)}`);
        await page.getByRole('button', { name: t('finance.confirm.record', { count: 1 }) }).click();
        await page.getByText(t('finance.confirm.pending', { sum: yuan(claim.amountFen) })).waitFor();
        // The line waits for the checker: it is not offered for another answer meanwhile.
        await page.getByText(t('finance.confirm.checking', { outcome: '已拨付' })).waitFor();
        expect(await page.getByLabel(t('finance.confirm.outcomeOf', { claim: claim.id }), { exact: true }).count()).toBe(0);
        await page.getByRole('link', { name: t('finance.nav.reviews'), exact: true }).click();
        await onPage(page, t('finance.reviews.title'), 'my confirmation waits');
        const mine = page.getByRole('listitem').filter({ hasText: batch.id });
        await mine.getByText(t('finance.reviews.ownConfirmation')).waitFor();
        expect(await mine.getByRole('button').count(), 'the recorder cannot confirm it').toBe(0);
      });
      await withScreenshotOnFailure(pageB, 'finance-checker', async () => {
        await signIn(pageB, app.base, b);
        await pageB.getByRole('link', { name: t('finance.nav.reviews'), exact: true }).click();
        await onPage(pageB, t('finance.reviews.title'), 'the checker’s queue');
        await pageB.getByRole('button', { name: t('finance.reviews.confirmBank', { sum: yuan(claim.amountFen), batch: batch.id }) }).click();
        await expect.poll(() => pageB.getByRole('listitem').filter({ hasText: batch.id }).count()).toBe(0);
      });
      await withScreenshotOnFailure(page, 'finance-maker-reversal', async () => {
        await page.goto(`${app.base}/finance/ledger?programmeId=${programme.id}`);
        await onPage(page, t('finance.ledger.title'), 'the ledger with the booked payment');
        await page
          .getByRole('table', { name: /台账记录/ })
          .getByText(`MC-${claim.id.slice(-6)}`)
          .waitFor();
        const entry = page.getByLabel(t('finance.reverse.entry'), { exact: true });
        await entry.selectOption({ index: 1 });
        await page.getByLabel(t('finance.reverse.amount'), { exact: true }).fill('10500');
        await page.getByLabel(t('finance.reverse.reason'), { exact: true }).fill('多付追回');
        await page.getByRole('button', { name: t('finance.reverse.submit'), exact: true }).click();
        await page.getByText(t('finance.reverse.requested', { sum: yuan(1_050_000) })).waitFor();
        await expectAccessible(page, 'a reversal requested');
        await page.getByRole('link', { name: t('finance.nav.reviews'), exact: true }).click();
        await onPage(page, t('finance.reviews.title'), 'my reversal waits');
        const mine = page.getByRole('listitem').filter({ hasText: t('finance.reviews.reversalOf', { claim: claim.id }) });
        await mine.getByText(t('finance.reviews.ownReversal')).waitFor();
        expect(await mine.getByRole('button', { name: /确认冲正/ }).count(), 'the requester cannot confirm it').toBe(0);
        await mine.getByRole('button', { name: t('finance.reviews.withdraw') }).waitFor();
      });
      await withScreenshotOnFailure(pageB, 'finance-checker-reversal', async () => {
        await pageB.reload();
        await onPage(pageB, t('finance.reviews.title'), 'the reversal to check');
        await pageB.getByRole('button', { name: t('finance.reviews.confirmReversal', { sum: yuan(1_050_000) }) }).click();
        await expect.poll(() => pageB.getByText(t('finance.reviews.reversalOf', { claim: claim.id })).count()).toBe(0);
        await pageB.goto(`${app.base}/finance/ledger?programmeId=${programme.id}`);
        await onPage(pageB, t('finance.ledger.title'), 'the ledger with the reversal');
        const reversal = pageB
          .getByRole('table', { name: /台账记录/ })
          .getByRole('row')
          .filter({ hasText: '多付追回' });
        expect(await reversal.textContent()).toContain(yuan(-1_050_000));
        expect(await pageB.locator('dl.facts').textContent()).toContain(yuan(1_050_000));
      });
      for (const w of watched) {
        expect(w.errors).toEqual([]);
        expect(w.apiErrors).toEqual([]);
      }
      await page.context().close();
      await pageB.context().close();
    },
    TIMEOUT,
  );

  it(
    'cancels a batch not yet approved, and its claims are payable again',
    async () => {
      const { programme, claims } = await programmeWithPayableClaims(uniqueSub('cancel'), 300_000, 1);
      const batch = await preparedBatch(programme.id, claims);
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(page, 'finance-cancel', async () => {
        await signIn(page, app.base, { role: 'finance', sub: uniqueSub('finance-d') });
        await page.goto(`${app.base}/finance/batches/${batch.id}`);
        await onPage(page, t('finance.batch.title', { id: batch.id }), 'a batch to cancel');
        await page.getByLabel(t('finance.batch.cancelReason'), { exact: true }).fill('预算调整');
        await page.getByRole('button', { name: t('finance.batch.cancel') }).click();
        await page.getByText('预算调整').waitFor();
        expect(await page.locator('dl.facts .status').textContent()).toBe('已取消');
        await page.goto(`${app.base}/finance/batches/new?programmeId=${programme.id}`);
        await onPage(page, t('finance.new.title'), 'the claim is payable again');
        await page.getByRole('checkbox', { name: new RegExp(claims[0]!.id) }).waitFor();
      });
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    'shows the API’s refusal to other roles who open finance pages, and to finance calling another role’s action',
    async () => {
      const { programme, claims } = await programmeWithPayableClaims(uniqueSub('refused'));
      const forbidden = PROBLEMS.FORBIDDEN![0];
      // An officer (who verifies claims) opens the batches by URL: no list, the API's words instead.
      const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
      await withScreenshotOnFailure(page, 'finance-refused', async () => {
        await signIn(page, app.base, { role: 'officer', sub: uniqueSub('officer') });
        expect(await page.getByRole('link', { name: t('finance.nav.batches'), exact: true }).count(), 'no finance menu for an officer').toBe(0);
        await page.goto(`${app.base}/finance/batches?status=pending_approval`);
        await onPage(page, t('finance.batches.title'), 'batches as an officer');
        await page.getByRole('alert').getByText(forbidden).waitFor();
        // A park manager opens the second person's queue.
        await signIn(page, app.base, { role: 'park_manager', sub: uniqueSub('park') });
        await page.goto(`${app.base}/finance/reviews`);
        await onPage(page, t('finance.reviews.title'), 'reviews as a park manager');
        await page.getByRole('alert').first().getByText(forbidden).waitFor();
      });
      await page.context().close();
      // Finance calling the officer's claim verification and the park manager's allocation is refused too.
      const finance: As = { role: 'finance', sub: uniqueSub('finance-c') };
      const verify = await call('POST', `/v1/claims/${claims[0]!.id}/verification`, { as: finance, body: { decision: 'verify' } });
      expect(verify.status).toBe(403);
      expect(verify.body.code).toBe('FORBIDDEN');
      expect((await call('GET', `/v1/claims/${claims[0]!.id}`, { as: officer })).body.status).toBe('verified');
      const allocate = await call('POST', '/v1/allocations', { as: finance, headers: { 'idempotency-key': uniqueSub('k') }, body: {} });
      expect(allocate.status).toBe(403);
      expect(allocate.body.code).toBe('FORBIDDEN');
      expect(programme.id).toMatch(/^prg_/);
    },
    TIMEOUT,
  );
});
