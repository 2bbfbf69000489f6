import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import type { Page } from 'playwright-core';
import { buildConsole } from '../../functions/console/build';
import { launchChromium } from '../support/chromium';
import { freePort } from '../support/ports';
import { median } from './load';
import { startServer, stopServer } from './local-load';

/** The console's targets on a phone: what the founder's home costs before and while it renders. */
export const CONSOLE_TARGETS = {
  /** JavaScript (gzip) the browser must fetch before the app renders: the entry and its static imports. */
  initialJsGzipBytes: 50 * 1024,
  /** API requests the founder's home makes to render. */
  homeApiRequests: 3,
  /** Each lazily loaded page with what it imports beyond the entry (gzip). */
  largestLazyChunkGzipBytes: 30 * 1024,
};

export interface ConsoleFigures {
  initialJsGzipBytes: number;
  initialJsFiles: string[];
  /** Every lazily loaded page (pages/, workspaces/), with the bytes its first visit fetches. */
  lazyPages: { page: string; gzipBytes: number }[];
  largestLazyChunkGzipBytes: number;
  /** Other lazy modules (the chart), loaded only by the pages that show them. */
  lazyModules: { module: string; gzipBytes: number }[];
  /** Chart.js is in no file the entry or a page loads statically. */
  chartsOnlyWhereShown: boolean;
  homeApiRequests: number;
  homeApiPaths: string[];
  /** The founder's home, CPU slowed 4× (median of the runs), ÷ the same shell with no data. */
  homeLoadMs: number;
  emptyShellLoadMs: number;
  homeLoadRatio: number;
  cpuThrottlingRate: number;
  runs: number;
  targetsMet: { initialJsGzipBytes: boolean; homeApiRequests: boolean; largestLazyChunkGzipBytes: boolean; chartsOnlyWhereShown: boolean };
}

const CPU_THROTTLING_RATE = 4;
const RUNS = 7;

type Output = Metafile['outputs'][string];

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function staticClosure(outputs: Metafile['outputs'], start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path) || !outputs[path]) return;
    seen.add(path);
    for (const imported of outputs[path].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  return seen;
}

/** Bytes of the console as deployed (minified, code-split), from esbuild's metafile. */
export async function consoleBundleFigures() {
  const outdir = mkdtempSync(join(tmpdir(), 'fuhua-bench-console-'));
  try {
    const built = await buildConsole({ outdir, minify: true, write: false });
    const outputs = built.metafile.outputs;
    const gzipOf = (path: string) => {
      const file = built.files.get(`/${path.slice(path.indexOf('assets/'))}`);
      return file ? gzipSync(file.contents).byteLength : 0;
    };
    const js = Object.entries(outputs).filter(([path]) => path.endsWith('.js'));
    const entry = js.find(([, output]) => output.entryPoint?.endsWith('main.tsx'));
    if (!entry) throw new Error('the console build has no entry');
    const initial = staticClosure(outputs, entry[0]);
    const sum = (paths: Iterable<string>) => [...paths].reduce((total, path) => total + gzipOf(path), 0);
    const dynamicTargets = new Set(js.flatMap(([, output]) => output.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)));
    const lazy = [...dynamicTargets].map((path) => {
      const extra = [...staticClosure(outputs, path)].filter((p) => !initial.has(p));
      return { path, source: (outputs[path] as Output).entryPoint ?? path, gzipBytes: sum(extra) };
    });
    const isPage = (source: string) => /\/(pages|workspaces)\//.test(source);
    const short = (source: string) => source.replace(/^.*functions\/console\/src\//, '');
    const lazyPages = lazy
      .filter((l) => isPage(l.source))
      .map((l) => ({ page: short(l.source), gzipBytes: l.gzipBytes }))
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    const lazyModules = lazy.filter((l) => !isPage(l.source)).map((l) => ({ module: short(l.source), gzipBytes: l.gzipBytes }));
    // Chart.js may only arrive through the chart's own dynamic import, never with the entry or a page.
    const chartFiles = new Set(js.filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes('node_modules/chart.js/'))).map(([p]) => p));
    const pageClosures = lazy.filter((l) => isPage(l.source)).flatMap((l) => [...staticClosure(outputs, l.path)]);
    const chartsOnlyWhereShown = ![...initial, ...pageClosures].some((path) => chartFiles.has(path));
    return {
      initialJsGzipBytes: sum(initial),
      initialJsFiles: [...initial].map((p) => p.slice(p.indexOf('assets/'))),
      lazyPages,
      largestLazyChunkGzipBytes: Math.max(0, ...lazyPages.map((p) => p.gzipBytes)),
      lazyModules,
      chartsOnlyWhereShown,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Opens `path` and waits until its heading is shown and no API request is still in flight (the
 * page has its data), timed from the navigation; returns the time and the API requests it made.
 */
async function timedVisit(page: Page, url: string): Promise<{ ms: number; api: string[] }> {
  const api: string[] = [];
  let pending = 0;
  const started = (request: { url: () => string }) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/v1/')) return;
    api.push(path);
    pending += 1;
  };
  const ended = (request: { url: () => string }) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) pending -= 1;
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('main h1').first().waitFor();
    // Settled: nothing in flight for two frames in a row (a response may start another request).
    for (let quiet = 0; quiet < 2; ) {
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');
      quiet = pending === 0 ? quiet + 1 : 0;
    }
    return { ms: performance.now() - t0, api };
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/**
 * The founder's home in headless Chromium on the local server (demo data, the minified console),
 * CPU slowed 4× by the DevTools protocol, against the same shell with no data (the not-found page):
 * runs alternate, so a busy machine slows both alike.
 */
export async function measureConsole(progress: (line: string) => void): Promise<ConsoleFigures> {
  const bundle = await consoleBundleFigures();
  const dataDir = mkdtempSync(join(tmpdir(), 'fuhua-bench-console-'));
  const [port, dynamoPort] = [await freePort(), await freePort()];
  progress(`bench: the console in headless Chromium, CPU slowed ${CPU_THROTTLING_RATE}×, on a local server (127.0.0.1:${port})…`);
  const { child } = await startServer(dataDir, port, dynamoPort, { FUHUA_CONSOLE_MINIFY: 'true' });
  const browser = await launchChromium();
  try {
    const base = `http://127.0.0.1:${port}`;
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' });
    const page = await context.newPage();
    // The demo founder signs in as /local/login does; the session lasts in the tab.
    await page.goto(`${base}/local/login?as=applicant`);
    await page.locator('main h1').first().waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING_RATE });
    // Warm the HTTP cache once, as a returning visitor's phone has it; then measure.
    const first = await timedVisit(page, `${base}/`);
    await timedVisit(page, `${base}/bench-no-such-page`);
    const home: number[] = [];
    const empty: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      if (run % 2 === 0) {
        home.push((await timedVisit(page, `${base}/`)).ms);
        empty.push((await timedVisit(page, `${base}/bench-no-such-page`)).ms);
      } else {
        empty.push((await timedVisit(page, `${base}/bench-no-such-page`)).ms);
        home.push((await timedVisit(page, `${base}/`)).ms);
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const homeLoadMs = median(home);
    const emptyShellLoadMs = median(empty);
    return {
      ...bundle,
      homeApiRequests: first.api.length,
      homeApiPaths: first.api,
      homeLoadMs: Math.round(homeLoadMs),
      emptyShellLoadMs: Math.round(emptyShellLoadMs),
      homeLoadRatio: Math.round((homeLoadMs / emptyShellLoadMs) * 1000) / 1000,
      cpuThrottlingRate: CPU_THROTTLING_RATE,
      runs: RUNS,
      targetsMet: {
        initialJsGzipBytes: bundle.initialJsGzipBytes <= CONSOLE_TARGETS.initialJsGzipBytes,
        homeApiRequests: first.api.length <= CONSOLE_TARGETS.homeApiRequests,
        largestLazyChunkGzipBytes: bundle.largestLazyChunkGzipBytes <= CONSOLE_TARGETS.largestLazyChunkGzipBytes,
        chartsOnlyWhereShown: bundle.chartsOnlyWhereShown,
      },
    };
  } finally {
    await browser.close();
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
