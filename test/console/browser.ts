import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { expect } from 'vitest';
import { buildConsole } from '../../functions/console/build';
import { createLocalApp } from '../../infra/local/app';
import { EN, ZH, type MessageKey } from '../../functions/console/src/i18n/messages';
import { tokenFor, type As } from '../support/api';

/** Screenshots of every step, and of the moment a browser test fails. */
export const SCREENSHOTS = join(process.cwd(), '.vitest', 'screenshots');

export interface Console {
  base: string;
  browser: Browser;
  /** A page in a fresh context (axe needs one); close it with `page.context().close()`. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  close: () => Promise<void>;
}

/** The app as `npm start` serves it (API, docs and the built console) on a free port, and Chromium. */
export async function startConsole(): Promise<Console> {
  const { jwtSecret } = JSON.parse(readFileSync(process.env.FUHUA_SECRETS_FILE!, 'utf8')) as { jwtSecret: string };
  const outdir = mkdtempSync(join(tmpdir(), 'fuhua-console-'));
  const built = await buildConsole({ outdir, write: false });
  const app = createLocalApp(jwtSecret, { console: built.files });
  let server: ServerType | undefined;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
  });
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base,
    browser,
    newPage: async (options) => {
      const context = await browser.newContext(options);
      return context.newPage();
    },
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/** Watches a page: requests that leave the origin, console errors and uncaught exceptions. */
export function watch(page: Page, base: string) {
  const outside: string[] = [];
  const errors: string[] = [];
  /** API answers of 400 and above, as "GET /v1/… 404": the console shows them, Chrome logs them. */
  const apiErrors: string[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/v1/') && response.status() >= 400) apiErrors.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
  });
  // Papers go straight to the documents bucket (the local S3-compatible server), as in the cloud: that origin is expected.
  const bucket = process.env.S3_ENDPOINT ? new URL(process.env.S3_ENDPOINT).origin : undefined;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !(bucket && url.startsWith(bucket))) outside.push(url);
  });
  page.on('console', (message) => {
    // Chrome logs every 4xx as a failed resource; API answers are checked through apiErrors instead.
    const apiAnswer = message.text().startsWith('Failed to load resource') && new URL(message.location().url, base).pathname.startsWith('/v1/');
    if (message.type() === 'error' && !apiAnswer) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { outside, errors, apiErrors };
}

/** axe-core on the page as it is now: no violation of WCAG 2.0/2.1 A or AA. */
export async function expectAccessible(page: Page, step: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(violations, `${step}: accessibility`).toEqual([]);
}

/** Runs a browser test, saving a screenshot of the page when it fails. */
export async function withScreenshotOnFailure(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  const file = join(SCREENSHOTS, `FAILED-${name}.png`);
  rmSync(file, { force: true });
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    (error as Error).message += `\n(screenshot: ${file})`;
    throw error;
  }
}

export type Lang = 'zh' | 'en';

/** The console's words in `lang`, as the page shows them, so tests find controls by their label. */
export const text =
  (lang: Lang) =>
  (key: MessageKey, params: Record<string, string | number> = {}) =>
    (lang === 'en' ? EN : ZH)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  // On a phone, every page a test photographs fits the screen: nothing scrolls sideways.
  const viewport = page.viewportSize();
  if (viewport && viewport.width <= 400) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${name}: nothing wider than the ${viewport.width} px screen`).toBeLessThanOrEqual(viewport.width);
  }
}

/** Waits for the routed page whose <h1> is `title`, then checks it with axe. */
export async function onPage(page: Page, title: string, step: string) {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect.poll(() => page.title()).toContain(title);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, step);
}

/** Signs `as` in (the token in the fragment, as /local/login hands it over) and opens their home. */
export async function signIn(page: Page, base: string, as: As): Promise<void> {
  await page.goto(`${base}/signed-in#token=${await tokenFor(as)}`);
  await page.waitForURL(`${base}/`);
}
