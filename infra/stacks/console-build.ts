import { buildConsole } from '../../functions/console/build';

/**
 * `tsx infra/stacks/console-build.ts --outdir DIR`: builds the console (minified) into DIR. The
 * stack runs it at synth time as the local bundling of the console's asset (console.ts).
 */
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : undefined;
if (!outdir) {
  console.error('Usage: tsx infra/stacks/console-build.ts --outdir DIR');
  process.exit(2);
}
await buildConsole({ outdir, minify: true });
