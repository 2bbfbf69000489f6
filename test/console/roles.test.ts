import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueSub, type As } from '../support/api';
import { onPage, signIn, startConsole, text, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

const menu = (page: import('playwright-core').Page) => page.locator('nav a').allInnerTexts();

describe('a person with several roles', () => {
  it('acts under one role at a time, chosen in the header, and the choice lasts in the tab', async () => {
    const person: As = { role: 'officer', roles: ['officer', 'applicant'], sub: uniqueSub('officer-founder') };
    const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
    await withScreenshotOnFailure(page, 'roles', async () => {
      await signIn(page, app.base, person);
      // Staff first: the officer's workspace, and none of the founder's pages.
      await onPage(page, t('home.staffTitle', { role: t('role.officer') }), 'officer home');
      expect(await page.getByLabel(t('nav.actingAs')).inputValue()).toBe('officer');
      expect(await menu(page)).not.toContain(t('nav.application'));

      await page.getByLabel(t('nav.actingAs')).selectOption('applicant');
      await onPage(page, t('home.title'), 'founder home');
      expect(await menu(page)).toEqual(expect.arrayContaining([t('nav.profile'), t('nav.application'), t('nav.startup'), t('nav.claims')]));
      await page.getByRole('link', { name: t('todo.profile') }).waitFor();

      await page.reload();
      await onPage(page, t('home.title'), 'founder home after a reload');
      expect(await page.getByLabel(t('nav.actingAs')).inputValue()).toBe('applicant');
    });
    await page.context().close();
  });

  it('sees no role switch when holding one role', async () => {
    const page = await app.newPage();
    await signIn(page, app.base, { role: 'mentor', sub: uniqueSub('one-role') });
    await onPage(page, t('home.staffTitle', { role: t('role.mentor') }), 'mentor home');
    expect(await page.getByLabel(t('nav.actingAs')).count()).toBe(0);
    await page.context().close();
  });
});
