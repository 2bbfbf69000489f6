import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports one bundle in a fresh Node process and prints how long the import took, in ms: wall
 * clock, and the CPU time the process spent meanwhile (robust to other load on a shared machine).
 */
const IMPORT_TIMER = `
const cpu = process.cpuUsage();
const started = performance.now();
await import(process.argv[1]);
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));
process.exit(0);
`;

export interface LoadTime {
  wall: number;
  cpu: number;
}

function importOnce(file: string, env: NodeJS.ProcessEnv): LoadTime {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(resolve(file)).href], {
    env,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`Importing ${file} failed: ${child.stderr || child.stdout}`);
  return JSON.parse(child.stdout) as LoadTime;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Cold-start module load, as Lambda's init phase does it: a new process imports the bundle (its
 * top level builds the SDK client, logger and routes). Runs alternate between the two bundles,
 * and which goes first alternates too, so drift on a shared machine hits both alike.
 */
export function measureLoad(apiFile: string, baselineFile: string, runs: number, env: NodeJS.ProcessEnv) {
  const api: LoadTime[] = [];
  const baseline: LoadTime[] = [];
  importOnce(apiFile, env); // the first read of each file from disk is not what is measured
  importOnce(baselineFile, env);
  for (let run = 0; run < runs; run += 1) {
    if (run % 2 === 0) {
      api.push(importOnce(apiFile, env));
      baseline.push(importOnce(baselineFile, env));
    } else {
      baseline.push(importOnce(baselineFile, env));
      api.push(importOnce(apiFile, env));
    }
  }
  return { api, baseline };
}
