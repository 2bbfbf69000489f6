import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumText } from '../../functions/console/src/i18n';
import { call, uniqueSub } from '../support/api';
import { pdfBytes, pngBytes } from '../support/documents';
import { openProgramme, registeredApplicant, startupOf } from '../support/subsidies';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

const file = (name: string, mimeType: string, bytes: Uint8Array) => ({ name, mimeType, buffer: Buffer.from(bytes) });

describe('papers in the console', () => {
  it("are uploaded to the founder's startup by choosing, dropping or photographing a file, checked, and opened", async () => {
    const founder = await registeredApplicant();
    const startup = await startupOf(founder, { name: '材料上传测试' });
    const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
    const watched = watch(page, app.base);
    await withScreenshotOnFailure(page, 'documents', async () => {
      await signIn(page, app.base, founder.as);
      await page.goto(`${app.base}/startup`);
      await onPage(page, t('startup.title'), 'my startup');
      const papers = page.getByRole('region', { name: t('documents.ofStartup') });
      await papers.getByText(t('documents.none')).waitFor();

      // A business licence, chosen as a file: uploaded straight to storage, then checked by the API.
      await papers.getByLabel(t('documents.type')).selectOption('business_licence');
      await papers.getByLabel(t('documents.choose', { type: enumText('business_licence') })).setInputFiles(file('营业执照.pdf', 'application/pdf', pdfBytes()));
      await papers.getByText(t('documents.available', { name: '营业执照.pdf' })).waitFor();
      await papers.getByRole('listitem').filter({ hasText: '营业执照.pdf' }).getByText(enumText('available'), { exact: true }).waitFor();
      await expectAccessible(page, 'a paper uploaded');

      // A file that says it is a PDF but is not: refused by its first bytes, with the reason.
      await papers.getByLabel(t('documents.type')).selectOption('lease');
      await papers
        .getByLabel(t('documents.choose', { type: enumText('lease') }))
        .setInputFiles(file('租赁合同.pdf', 'application/pdf', new TextEncoder().encode('not really a pdf, just text')));
      await papers.getByRole('listitem').filter({ hasText: '租赁合同.pdf' }).getByText(enumText('rejected'), { exact: true }).waitFor();

      // Not a kind of file the centre takes: refused before anything is sent.
      await papers
        .getByLabel(t('documents.choose', { type: enumText('lease') }))
        .setInputFiles(file('notes.txt', 'text/plain', new TextEncoder().encode('hello')));
      await papers.getByText(t('documents.wrongType', { name: 'notes.txt' })).waitFor();

      // A photo from the phone's camera (the camera input takes images only).
      await papers.getByLabel(t('documents.type')).selectOption('other');
      const cameraInput = papers.getByLabel(t('documents.camera'));
      expect(await cameraInput.getAttribute('capture')).toBe('environment');
      await cameraInput.setInputFiles(file('门头照片.png', 'image/png', pngBytes()));
      await papers.getByText(t('documents.available', { name: '门头照片.png' })).waitFor();

      // Dropped on the zone.
      await page.evaluate(
        (bytes) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array(bytes)], '社保清单.pdf', { type: 'application/pdf' }));
          document.querySelector('.dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        [...pdfBytes()],
      );
      await papers.getByText(t('documents.available', { name: '社保清单.pdf' })).waitFor();
      await shot(page, 'documents-startup');

      // Opened: the API gives a short-lived link after its access check, opened in a new tab (a photo shows inline).
      const [tab] = await Promise.all([
        page.waitForEvent('popup'),
        papers.getByRole('button', { name: t('documents.open', { name: '门头照片.png' }) }).click(),
      ]);
      await tab.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/.*X-Amz-Signature=/);
      expect(await tab.evaluate(() => window.opener)).toBeNull();
      await tab.close();

      const listed = await call('GET', `/v1/documents?recordType=startup&recordId=${startup.id}`, { as: founder.as });
      expect(listed.body.items.map((d: { fileName: string; status: string }) => `${d.fileName} ${d.status}`).sort()).toEqual(
        ['营业执照.pdf available', '租赁合同.pdf rejected', '门头照片.png available', '社保清单.pdf available'].sort(),
      );
    });
    expect(watched.errors, 'no console errors').toEqual([]);
    await page.context().close();
  });

  it('make a claim wait for the papers its programme names, and send the chosen one as evidence', async () => {
    const founder = await registeredApplicant();
    const startup = await startupOf(founder, { name: '清单测试' });
    const programme = await openProgramme({ name: '需要执照的补贴', requiredDocuments: ['business_licence'] });
    const page = await app.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await withScreenshotOnFailure(page, 'documents-claim', async () => {
      await signIn(page, app.base, founder.as);
      await page.goto(`${app.base}/claims`);
      await onPage(page, t('claims.title'), 'claims');
      await page.getByRole('button', { name: t('claims.claim', { name: programme.name }) }).click();
      await page.getByText(t('claims.missingPaper', { type: enumText('business_licence') })).waitFor();
      await page.getByLabel(t('documents.choose', { type: enumText('business_licence') })).setInputFiles(file('执照.pdf', 'application/pdf', pdfBytes()));
      // Once checked, it is offered as the claim's licence.
      const select = page.getByLabel(enumText('business_licence'), { exact: true });
      await select.waitFor();
      expect(await select.locator('option').allInnerTexts()).toEqual([expect.stringContaining('执照.pdf')]);
      await expectAccessible(page, 'a claim with its checklist');
      await page.getByLabel(t('claims.bankName'), { exact: true }).fill('中国农业银行成都分行');
      await page.getByLabel(t('claims.accountName'), { exact: true }).fill('测试人');
      await page.getByLabel(t('claims.accountNumber'), { exact: true }).fill('6228480402564890018');
      await shot(page, 'documents-claim-360');
      await page.getByRole('button', { name: t('claims.submit', { name: programme.name }) }).click();
      await page.getByText(t('claims.alreadyClaimed')).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'nothing wider than the screen').toBeLessThanOrEqual(360);
    });
    const documents = await call('GET', `/v1/documents?recordType=startup&recordId=${startup.id}`, { as: founder.as });
    const claims = await call('GET', '/v1/claims?mine=true', { as: founder.as });
    expect(claims.body.items[0].evidence).toEqual([documents.body.items[0].id]);
    await page.context().close();

    // The officer sees the claim's checklist ticked.
    const desk = await app.newPage({ viewport: { width: 1280, height: 800 } });
    await withScreenshotOnFailure(desk, 'documents-checklist-officer', async () => {
      await signIn(desk, app.base, { role: 'officer', sub: uniqueSub('checklist-officer') });
      await desk.goto(`${app.base}/officer/claims`);
      await onPage(desk, t('officer.claims.title'), 'claims to verify with their checklist');
      const row = desk.locator('tbody tr').filter({ hasText: programme.name });
      await row.getByText(t('officer.claims.paperThere', { type: enumText('business_licence') })).waitFor();
    });
    await desk.context().close();
  });
});
