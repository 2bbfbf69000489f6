import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { mintLocalToken } from '../../infra/local/identity';
import { applicantInput } from '../support/factories';
import { accepts, externalAddresses, freePort } from '../support/ports';

/** `npm start` as a person runs it: its own process, its own data folder and ports. */
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dataDir = mkdtempSync(join(tmpdir(), 'fuhua-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startEnv(extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, FUHUA_DATA_DIR: dataDir, ...extra };
  delete env.DYNAMODB_ENDPOINT;
  delete env.TABLE_NAME;
  delete env.FUHUA_SECRETS_FILE;
  delete env.S3_ENDPOINT;
  delete env.DOCUMENTS_BUCKET;
  return env;
}

function runStart(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(tsx, ['infra/local/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Stop with Ctrl-C')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, output: () => out, ready };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm start', () => {
  it('serves the API with demo data, and a restart keeps every record without seeding twice', async () => {
    const env = startEnv({ PORT: String(await freePort()), DYNAMODB_LOCAL_PORT: String(await freePort()) });
    const first = runStart(env);
    await first.ready;
    const base = `http://127.0.0.1:${env.PORT}`;
    const token = /auditor\s+demo-auditor\s+(\S+)/.exec(first.output())![1]!;
    const list = async () =>
      (await (await fetch(`${base}/v1/applicants?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    const before = (await list()).items.length;
    expect(before).toBeGreaterThan(0);
    expect(first.output()).toContain(`${base}/docs`);
    // Nobody else on the network reaches the API or DynamoDB Local.
    for (const address of externalAddresses()) {
      expect(await accepts(address, Number(env.PORT)), `API on ${address}`).toBe(false);
      expect(await accepts(address, Number(env.DYNAMODB_LOCAL_PORT)), `DynamoDB Local on ${address}`).toBe(false);
    }
    expect(first.output()).toContain('demo data loaded: staff, applicants, applications, mentors, spaces, subsidies, events, documents, training, loans');
    expect(first.output()).not.toContain('NOT loaded');

    // A token minted by `npm run token` for the same data folder is accepted.
    const minted = spawnSync(tsx, ['infra/local/token.ts', '--role', 'officer'], { env, encoding: 'utf8' });
    expect(minted.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const asOfficer = await fetch(`${base}/v1/applicants`, { headers: { authorization: `Bearer ${minted.stdout.trim()}` } });
    expect(asOfficer.status).toBe(200);
    // And one for a person holding several roles, as Cognito issues for a user in several groups.
    const both = spawnSync(tsx, ['infra/local/token.ts', '--role', 'applicant,officer', '--sub', 'someone'], { env, encoding: 'utf8' });
    const claims = JSON.parse(Buffer.from(both.stdout.trim().split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'someone', 'cognito:groups': ['applicant', 'officer'] });
    const auth = { headers: { authorization: `Bearer ${both.stdout.trim()}` } };
    expect((await fetch(`${base}/v1/applicants/me`, auth)).status).toBe(404);
    expect((await fetch(`${base}/v1/applicants`, auth)).status).toBe(200);
    expect(spawnSync(tsx, ['infra/local/token.ts', '--role', 'applicant,boss'], { env, encoding: 'utf8' }).status).toBe(2);

    // The demo shows disclosure notices (one closed and paid, others open) and a change request to decide.
    const notices = (await (await fetch(`${base}/v1/public/disclosure-notices`)).json()) as { items: Array<{ open: boolean; number: string }> };
    expect(notices.items.length).toBeGreaterThanOrEqual(3);
    expect(notices.items.some((n) => n.open) && notices.items.some((n) => !n.open)).toBe(true);
    const changes = (await (await fetch(`${base}/v1/change-requests`, auth)).json()) as { items: unknown[] };
    expect(changes.items.length).toBeGreaterThanOrEqual(1);

    expect(await stop(first.child)).toBe(0);

    const second = runStart(env);
    await second.ready;
    expect(second.output()).toContain('demo data already present');
    expect((await list()).items.length).toBe(before);

    // The demo's files were kept in the data folder too, and come from a server on 127.0.0.1 only.
    const founder = /applicant\s+demo-applicant\s+(\S+)/.exec(second.output())![1]!;
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${founder}` } })).json() as Promise<any>;
    const [application] = (await get('/v1/applications?mine=true')).items;
    const documents = (await get(`/v1/documents?recordType=application&recordId=${application.id}`)).items;
    expect(documents.map((d: { type: string }) => d.type)).toEqual(['business_plan', 'business_licence']);
    const link = await get(`/v1/documents/${documents[0].id}/download`);
    expect(new URL(link.url).hostname).toBe('127.0.0.1');
    const file = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(createHash('sha256').update(file).digest('hex')).toBe(documents[0].sha256);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);

  it('keeps every acknowledged write when stopped in the middle of traffic', async () => {
    const env = startEnv({ PORT: String(await freePort()), DYNAMODB_LOCAL_PORT: String(await freePort()) });
    const first = runStart(env);
    await first.ready;
    const base = `http://127.0.0.1:${env.PORT}`;
    const { jwtSecret } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { jwtSecret: string };
    const acknowledged: string[] = [];
    let stopped = false;
    const writer = async (worker: number) => {
      for (let i = 0; !stopped; i++) {
        const token = await mintLocalToken(jwtSecret, { sub: `durable-${worker}-${i}`, roles: ['applicant'] });
        try {
          const res = await fetch(`${base}/v1/applicants`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(applicantInput()),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server went away mid-request: that write was never acknowledged
        }
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    const exit = stop(first.child);
    stopped = true;
    await Promise.all(writers);
    expect(await exit).toBe(0);

    const second = runStart(env);
    await second.ready;
    const auditor = await mintLocalToken(jwtSecret, { sub: 'durability-auditor', roles: ['auditor'] });
    for (const id of acknowledged) {
      const res = await fetch(`${base}/v1/applicants/${id}`, { headers: { authorization: `Bearer ${auditor}` } });
      expect(res.status, id).toBe(200);
    }
    expect(await stop(second.child)).toBe(0);
  }, 120_000);

  it('says in one sentence when a port is taken', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, () => resolve((busy.address() as { port: number }).port)));
    const result = spawnSync(tsx, ['infra/local/start.ts'], {
      env: startEnv({ DYNAMODB_LOCAL_PORT: String(port), PORT: String(await freePort()) }),
      encoding: 'utf8',
    });
    busy.close();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Port ${port} is already in use: stop what is using it, or set DYNAMODB_LOCAL_PORT to a free port (e.g. DYNAMODB_LOCAL_PORT=${port + 1}).`,
    );
  });

  it('says in one sentence when Java is missing', async () => {
    const result = spawnSync(process.execPath, [join(dirname(tsx), '..', 'tsx', 'dist', 'cli.mjs'), 'infra/local/start.ts'], {
      env: startEnv({ PATH: '/nonexistent', PORT: String(await freePort()), DYNAMODB_LOCAL_PORT: String(await freePort()) }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Java 17 or newer is needed');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one sentence when the data folder is not writable', async () => {
    const file = join(dataDir, 'a-file');
    writeFileSync(file, '');
    const result = spawnSync(tsx, ['infra/local/start.ts'], { env: startEnv({ FUHUA_DATA_DIR: join(file, 'data') }), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not writable');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
