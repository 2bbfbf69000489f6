import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign, verify } from 'hono/jwt';
import { afterAll, describe, expect, it } from 'vitest';
import { listenHost, listenWarning } from '../../infra/local/config';
import { ensureLocalSecrets, LOCAL_ISSUER } from '../../infra/local/identity';
import { checkWritable } from '../../infra/local/preflight';
import { call } from '../support/api';
import { accepts, externalAddresses } from '../support/ports';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const scratch = mkdtempSync(join(tmpdir(), 'fuhua-local-runtime-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the local runtime listens on this machine only', () => {
  it("runs DynamoDB Local on 127.0.0.1, not on the machine's other addresses", async () => {
    const port = Number(new URL(process.env.DYNAMODB_ENDPOINT!).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    for (const address of externalAddresses()) expect(await accepts(address, port), address).toBe(false);
  });

  it('defaults to 127.0.0.1 and warns when FUHUA_LISTEN_HOST opts in to another address', () => {
    const saved = process.env.FUHUA_LISTEN_HOST;
    try {
      delete process.env.FUHUA_LISTEN_HOST;
      expect(listenHost()).toBe('127.0.0.1');
      process.env.FUHUA_LISTEN_HOST = '0.0.0.0';
      expect(listenHost()).toBe('0.0.0.0');
    } finally {
      if (saved === undefined) delete process.env.FUHUA_LISTEN_HOST;
      else process.env.FUHUA_LISTEN_HOST = saved;
    }
    expect(listenWarning('127.0.0.1')).toBeUndefined();
    expect(listenWarning('0.0.0.0')).toContain('FUHUA_LISTEN_HOST');
  });

  it('creates the data folder 0700 and the keys 0600', () => {
    const dir = join(scratch, 'data-a', 'nested');
    checkWritable(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const other = join(scratch, 'data-b');
    ensureLocalSecrets(other);
    expect(statSync(other).mode & 0o777).toBe(0o700);
    expect(statSync(join(other, 'secrets.json')).mode & 0o777).toBe(0o600);
  });
});

describe('npm run token', () => {
  const run = (dataDir: string) =>
    spawnSync(tsx, ['infra/local/token.ts', '--role', 'officer'], { env: { ...process.env, FUHUA_DATA_DIR: dataDir }, encoding: 'utf8' });

  it('refuses, naming FUHUA_DATA_DIR, when the data folder has no key, and makes none', () => {
    const empty = join(scratch, 'no-key');
    const result = run(empty);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('FUHUA_DATA_DIR');
    expect(existsSync(join(empty, 'secrets.json'))).toBe(false);
  });

  it("mints with the data folder's own key", async () => {
    const dir = join(scratch, 'with-key');
    const { jwtSecret } = ensureLocalSecrets(dir);
    const result = run(dir);
    expect(result.status).toBe(0);
    const claims = await verify(result.stdout.trim(), jwtSecret, { alg: 'HS256', iss: LOCAL_ISSUER });
    expect(claims).toMatchObject({ sub: 'demo-officer', 'cognito:groups': ['officer'], exp: expect.any(Number) });
  });
});

describe('local tokens', () => {
  it('refuses a correctly signed token that has no expiry', async () => {
    const { jwtSecret } = JSON.parse(readFileSync(process.env.FUHUA_SECRETS_FILE!, 'utf8')) as { jwtSecret: string };
    const iat = Math.floor(Date.now() / 1000);
    const forever = await sign({ sub: 'someone', 'cognito:groups': ['officer'], iss: LOCAL_ISSUER, iat }, jwtSecret, 'HS256');
    const res = await call('GET', '/v1/applicants', { token: forever });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHORIZED']);
    const expiring = await sign({ sub: 'someone', 'cognito:groups': ['officer'], iss: LOCAL_ISSUER, iat, exp: iat + 60 }, jwtSecret, 'HS256');
    expect((await call('GET', '/v1/applicants', { token: expiring })).status).toBe(200);
  });
});
