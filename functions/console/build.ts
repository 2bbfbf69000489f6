import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

/** The console's source folder; the entry point is `src/main.tsx`. */
const SOURCE = join(import.meta.dirname, 'src');

export interface BuildConsoleOptions {
  /** Where the files go (`index.html`, `assets/…`); with `write: false` only names them. */
  outdir: string;
  minify?: boolean;
  /** false: keep the files in memory (the local server serves them from there). Default true. */
  write?: boolean;
}

export interface ConsoleBuild {
  metafile: Metafile;
  /** Every file of the console by its URL path (`/index.html`, `/assets/main-XXXX.js`). */
  files: Map<string, { contents: Uint8Array; contentType: string }>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
};

function contentType(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
}

/**
 * Builds the console: one ES module entry, each page a lazily loaded chunk (code splitting), a
 * stylesheet and an `index.html` that names the hashed entry. `npm start` serves the result from
 * memory; the stack calls this at synth time and uploads `outdir`.
 */
export async function buildConsole(options: BuildConsoleOptions): Promise<ConsoleBuild> {
  const write = options.write ?? true;
  const result = await build({
    entryPoints: [join(SOURCE, 'main.tsx')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(options.outdir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    minify: options.minify ?? false,
    sourcemap: false,
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files: ConsoleBuild['files'] = new Map();
  for (const file of result.outputFiles) {
    const path = file.path.slice(options.outdir.length).replaceAll('\\', '/');
    files.set(path, { contents: file.contents, contentType: contentType(path) });
  }
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint?.endsWith('main.tsx'));
  if (!entry) throw new Error('The console build has no entry output.');
  const script = '/' + entry[0].slice(entry[0].indexOf('assets/'));
  const css = entry[1].cssBundle ? '/' + entry[1].cssBundle.slice(entry[1].cssBundle.indexOf('assets/')) : undefined;
  const html = readFileSync(join(SOURCE, 'index.html'), 'utf8')
    .replace('<!--styles-->', css ? `<link rel="stylesheet" href="${css}">` : '')
    .replace('<!--script-->', `<script type="module" src="${script}"></script>`);
  files.set('/index.html', { contents: new TextEncoder().encode(html), contentType: TYPES['.html']! });
  if (write) {
    for (const [path, file] of files) {
      const target = join(options.outdir, path);
      await mkdir(join(target, '..'), { recursive: true });
      await writeFile(target, file.contents);
    }
  }
  return { metafile: result.metafile, files };
}
