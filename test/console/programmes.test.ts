import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumText } from '../../functions/console/src/i18n';
import { uniqueSub } from '../support/api';
import { openProgramme, registeredApplicant, startupOf } from '../support/subsidies';
import { expectAccessible, onPage, shot, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

describe("the founder's programmes", () => {
  it('are those open to them today by default (window in Beijing time, their category), with a switch to show all', async () => {
    const founder = await registeredApplicant({ category: 'returning_migrant_worker' });
    await startupOf(founder, { name: '项目筛选测试', status: 'approved' });
    const label = uniqueSub('p');
    const open = await openProgramme({ name: `${label} 面向所有人` });
    const forMe = await openProgramme({ name: `${label} 返乡创业补贴`, eligibility: { categories: ['returning_migrant_worker', 'veteran'] } });
    const forOthers = await openProgramme({ name: `${label} 退役军人补贴`, eligibility: { categories: ['veteran'] } });
    const closed = await openProgramme({ name: `${label} 往年补贴`, opensOn: '2020-01-01', closesOn: '2021-12-31' });
    const future = await openProgramme({ name: `${label} 明年补贴`, opensOn: '2098-01-01', closesOn: '2098-12-31' });
    const incubatingOnly = await openProgramme({ name: `${label} 在孵企业补贴`, eligibility: { requiresIncubating: true } });

    const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
    const watched = watch(page, app.base);
    await withScreenshotOnFailure(page, 'programmes', async () => {
      await signIn(page, app.base, founder.as);
      await page.goto(`${app.base}/claims`);
      await onPage(page, t('claims.title'), 'claims');
      const card = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
      await card(open.name).waitFor();
      const shown = async () => (await page.getByRole('heading', { level: 3 }).allTextContents()).filter((name) => name.startsWith(label));
      expect((await shown()).sort()).toEqual([open.name, forMe.name].sort());
      await card(forMe.name)
        .getByRole('button', { name: t('claims.claim', { name: forMe.name }) })
        .waitFor();
      const switchAll = page.getByLabel(t('claims.showAll'), { exact: true });
      expect(await switchAll.isChecked()).toBe(false);
      await expectAccessible(page, 'programmes open to me');
      await shot(page, 'programmes-1-open-to-me');

      // Every programme, each closed one saying why, with no claim button.
      await switchAll.check();
      await card(future.name).waitFor();
      expect((await shown()).sort()).toEqual([open.name, forMe.name, forOthers.name, closed.name, future.name, incubatingOnly.name].sort());
      await card(forOthers.name)
        .getByText(t('claims.closed.notForMe', { category: enumText('returning_migrant_worker') }))
        .waitFor();
      await card(closed.name).getByText(t('claims.closed.closed')).waitFor();
      await card(future.name).getByText(t('claims.closed.notYet')).waitFor();
      await card(incubatingOnly.name).getByText(t('claims.closed.needsIncubating')).waitFor();
      for (const name of [forOthers.name, closed.name, future.name, incubatingOnly.name]) {
        expect(await card(name).getByRole('button').count(), `no claim button for ${name}`).toBe(0);
      }
      await expectAccessible(page, 'every programme');
      await shot(page, 'programmes-2-all');

      await switchAll.uncheck();
      await expect.poll(async () => (await shown()).length).toBe(2);
    });
    expect(watched.errors, 'no console errors').toEqual([]);
    expect(watched.apiErrors).toEqual([]);
    await page.context().close();
  });
});
