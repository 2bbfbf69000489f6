import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDynamoLocal } from '../../infra/local/dynamodb';
import { ensureTable } from '../../infra/local/table';
import type { DynamoWorkerResult } from './dynamo-worker';
import { freePort } from '../support/ports';

/**
 * Starts an in-memory DynamoDB Local with a fresh table, runs test/bench/dynamo-worker.ts (the
 * workflow and the scale measurement, the app in-process) against it, and stops it again.
 */
export async function measureDynamo(): Promise<DynamoWorkerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fuhua-bench-'));
  const dynamo = await startDynamoLocal({ port: await freePort(), timeoutMs: 60_000 });
  try {
    const table = 'fuhua-bench';
    await ensureTable(dynamo.client, table);
    const secretsFile = join(dir, 'secrets.json');
    writeFileSync(
      secretsFile,
      JSON.stringify({
        jwtSecret: randomBytes(32).toString('base64'),
        idNumberKey: randomBytes(32).toString('base64'),
        dataKey: randomBytes(32).toString('base64'),
      }),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: table,
      FUHUA_SECRETS_FILE: secretsFile,
      AWS_REGION: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const worker = fileURLToPath(new URL('./dynamo-worker.ts', import.meta.url));
    return await new Promise<DynamoWorkerResult>((resolve, reject) => {
      const child = fork(worker, [], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.once('message', (message: { ok: true; result: DynamoWorkerResult } | { ok: false; error: string }) => {
        if (message.ok) resolve(message.result);
        else reject(new Error(message.error));
      });
      child.once('exit', (code) => {
        if (code !== 0) reject(new Error(`DynamoDB worker exited with ${code}`));
      });
    });
  } finally {
    dynamo.client.destroy();
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureDynamo().then(
    (r) => console.log(JSON.stringify(r, null, 1)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
