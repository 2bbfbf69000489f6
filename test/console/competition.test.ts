import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueSub, type As } from '../support/api';
import { officer, publishedEvent, startup } from '../support/events';
import { expectAccessible, onPage, signIn, startConsole, text, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

describe('a competition in the console', () => {
  it("takes a founder's entry for their startup from the events page, once", async () => {
    const founder: As = { role: 'applicant', sub: uniqueSub('entrant') };
    const own = await startup('incubating', founder.sub, '川西竹编工坊');
    const competitionTitle = `创业大赛 ${uniqueSub('c')}`;
    const salonTitle = `沙龙 ${uniqueSub('s')}`;
    const competition = await publishedEvent({ kind: 'competition', title: competitionTitle });
    await publishedEvent({ kind: 'salon', title: salonTitle });
    const page = await app.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await withScreenshotOnFailure(page, 'competition', async () => {
      await signIn(page, app.base, founder);
      await page.goto(`${app.base}/events`);
      await onPage(page, t('events.title'), 'events');
      // Only competitions and roadshows take entries.
      expect(await page.getByRole('button', { name: t('events.enter', { title: salonTitle }) }).count()).toBe(0);
      await page.getByRole('button', { name: t('events.enter', { title: competitionTitle }) }).click();
      await page.getByLabel(t('events.pitchTitle')).fill('竹编文创走出大山');
      await page.getByLabel(t('events.pitchSummary')).fill('带动本村 12 位留守妇女就业的竹编文创品牌。');
      await expectAccessible(page, 'the entry form');
      await page.getByRole('button', { name: t('events.enterSubmit') }).click();
      await page.getByText(t('events.entered', { title: '竹编文创走出大山' })).waitFor();
    });
    // The officer's ranking lists every entry (no scores yet).
    const ranking = await call('GET', `/v1/events/${competition.id}/ranking`, { as: officer });
    expect(ranking.status).toBe(200);
    expect(JSON.stringify(ranking.body)).toContain(own.id);
    expect(JSON.stringify(ranking.body)).toContain('竹编文创走出大山');
    // Once per startup: a second entry is refused in words.
    const again = await call('POST', `/v1/events/${competition.id}/entries`, {
      as: founder,
      body: { startupId: own.id, pitchTitle: '再来一次', summary: '重复报名' },
    });
    expect(again.body.code).toBe('ALREADY_ENTERED');
    await page.context().close();
  });
});
