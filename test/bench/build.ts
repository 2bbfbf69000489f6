import { build, type Metafile } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { API_FUNCTION_DOMAINS, type ApiFunctionDomain, apiFunctionEntry, esbuildSettings } from '../../infra/constructs/bundling';

/** Where the benchmark builds (git-ignored). */
export const BENCH_DIR = '.bench';

/** The yardstick: a bare Hono handler with a DynamoDB document client. */
export const BASELINE_ENTRY = 'test/bench/baseline.ts';

export interface Bundle {
  /** The bundle file (an ES module, as Lambda loads it). */
  file: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
}

/**
 * Bundles one entry exactly as the stack does (the shared esbuild settings) into
 * `.bench/<name>/index.mjs`; with `write: false` nothing touches the disk.
 */
export async function bundle(name: string, entry: string, write = true): Promise<Bundle> {
  const file = join(BENCH_DIR, name, 'index.mjs');
  const result = await build({ ...esbuildSettings, entryPoints: [entry], outfile: file, metafile: true, write: false, logLevel: 'warning' });
  if (write) {
    mkdirSync(dirname(file), { recursive: true });
    for (const output of result.outputFiles) writeFileSync(output.path, output.contents);
  }
  const code = result.outputFiles.find((output) => output.path.endsWith('.mjs'));
  if (!code) throw new Error(`esbuild produced no bundle for ${entry}`);
  return { file, bytes: code.contents.byteLength, gzipBytes: gzipSync(code.contents).byteLength, metafile: result.metafile };
}

/** Every API function (one per domain), as deployed. */
export function bundleApiFunctions(write = true): Promise<Array<Bundle & { domain: ApiFunctionDomain }>> {
  return Promise.all(API_FUNCTION_DOMAINS.map(async (domain) => ({ domain, ...(await bundle(`api-${domain}`, apiFunctionEntry(domain), write)) })));
}

export function bundleBaseline(write = true): Promise<Bundle> {
  return bundle('baseline', BASELINE_ENTRY, write);
}

/** Every source file that ended up in the bundle (paths as esbuild reports them). */
export function bundledInputs(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
}

/** Bytes in the bundle per npm package (or per source folder), largest first. */
export function largestInputs(metafile: Metafile, top = 8): { name: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      sizes.set(name, (sizes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...sizes]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
