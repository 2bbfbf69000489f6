import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../infra/local/dynamodb';
import { startLocalS3 } from '../../infra/local/s3';
import { freePort } from '../support/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    secretsFile: string;
    s3Endpoint: string;
    documentsBucket: string;
  }
}

const DOCUMENTS_BUCKET = 'fuhua-documents-test';

/**
 * One in-memory DynamoDB Local for the whole run (each test file gets its own table in it), and one
 * S3-compatible server with the documents bucket (document ids are unique, so files share it).
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({ port: await freePort(), timeoutMs: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'fuhua-test-'));
  const s3 = await startLocalS3({ port: 0, directory: join(dir, 's3'), bucket: DOCUMENTS_BUCKET });
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
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('documentsBucket', DOCUMENTS_BUCKET);
  return async () => {
    await Promise.all([dynamo.stop(), s3.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
