import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../infra/local/dynamodb';
import { freePort } from '../support/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    secretsFile: string;
  }
}

/** One in-memory DynamoDB Local for the whole run; each test file gets its own table in it. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({ port: await freePort(), timeoutMs: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'fuhua-test-'));
  const secretsFile = join(dir, 'secrets.json');
  writeFileSync(
    secretsFile,
    JSON.stringify({
      jwtSecret: randomBytes(32).toString('base64'),
      idNumberKey: randomBytes(32).toString('base64'),
      dataKey: randomBytes(32).toString('base64'),
    }),
  );
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('secretsFile', secretsFile);
  return async () => {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
