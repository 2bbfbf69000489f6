import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalSecrets, secretsFile } from '../../infra/local/identity';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the local data folder', () => {
  it('is created readable by its owner only (0700), its keys file 0600', () => {
    const parent = mkdtempSync(join(tmpdir(), 'fuhua-data-'));
    made.push(parent);
    const dataDir = join(parent, 'nested', 'data');
    ensureLocalSecrets(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(secretsFile(dataDir)).mode & 0o777).toBe(0o600);
  });
});
