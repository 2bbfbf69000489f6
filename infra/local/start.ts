import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { ROLES } from '../../shared/roles';
import { listenWarning, localConfig } from './config';
import { checkJava, checkPortFree, checkWritable, StartupProblem } from './preflight';
import { demoSub, ensureLocalSecrets, mintLocalToken, secretsFile } from './identity';

/**
 * `npm start`: DynamoDB Local with data on disk, an S3-compatible server for documents (files in the
 * data folder), the table, demo data, and the API on localhost.
 * Everything a person can fix is reported in one sentence, never as a stack trace.
 */
/** What has started so far, stopped again if a later step fails (no DynamoDB Local left running). */
const started: Array<() => Promise<void>> = [];

async function main(): Promise<void> {
  const config = localConfig();
  checkWritable(config.dataDir);
  checkJava();
  await checkPortFree(config.dynamoPort, 'DYNAMODB_LOCAL_PORT', config.host);
  await checkPortFree(config.port, 'PORT', config.host);
  if (config.s3Port !== 0) await checkPortFree(config.s3Port, 'S3_LOCAL_PORT');
  const warning = listenWarning(config.host);
  if (warning) console.warn(warning);

  const secrets = ensureLocalSecrets(config.dataDir);
  const dbDir = join(config.dataDir, 'dynamodb');
  mkdirSync(dbDir, { recursive: true, mode: 0o700 });

  const { startDynamoLocal } = await import('./dynamodb');
  const dynamo = await startDynamoLocal({ port: config.dynamoPort, path: dbDir, host: config.host });
  started.push(() => dynamo.stop());
  const { startLocalS3 } = await import('./s3');
  const s3 = await startLocalS3({ port: config.s3Port, directory: join(config.dataDir, 's3'), bucket: config.documentsBucket });
  started.push(() => s3.stop());
  // The app's modules read these when first imported, so they are set before importing them.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.S3_ENDPOINT = s3.endpoint;
  process.env.DOCUMENTS_BUCKET = config.documentsBucket;
  process.env.TABLE_NAME = config.tableName;
  process.env.FUHUA_SECRETS_FILE = secretsFile(config.dataDir);

  const { ensureTable } = await import('./table');
  const { seedDemoData } = await import('./demo');
  const { createLocalApp } = await import('./app');
  const { buildConsole } = await import('../../functions/console/build');
  const { startLocalSchedules } = await import('./schedules');
  await ensureTable(dynamo.client, config.tableName);
  const seeded = await seedDemoData();
  // The jobs of the cloud's EventBridge schedules, on timers, only once the table exists.
  const stopSchedules = startLocalSchedules();

  // Built in memory on every start, so the console always matches the code beside it.
  // FUHUA_CONSOLE_MINIFY=true serves it minified, as CloudFront does (the benchmark measures that).
  const consoleBuild = await buildConsole({ outdir: join(config.dataDir, 'console'), write: false, minify: process.env.FUHUA_CONSOLE_MINIFY === 'true' });
  const server = serve({ fetch: createLocalApp(secrets.jwtSecret, { console: consoleBuild.files }).fetch, port: config.port, hostname: config.host });
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const lines = [
    '',
    `Console: ${base}/  (sign in as any demo user at ${base}/sign-in)`,
    `Fuhua is running at ${base}  (data in ${config.dataDir}; ${seeded})`,
    `API reference: ${base}/docs    OpenAPI: ${base}/openapi.json`,
    `Documents: bucket ${config.documentsBucket} on ${s3.endpoint} (files in ${join(config.dataDir, 's3')})`,
    '',
    'Tokens for the demo users (valid 12 hours; more with: npm run token -- --role <role> [--sub <id>]):',
  ];
  for (const role of ROLES) {
    lines.push(`  ${role.padEnd(13)} ${demoSub(role).padEnd(18)} ${await mintLocalToken(secrets.jwtSecret, { sub: demoSub(role), roles: [role] })}`);
  }
  lines.push('', `Try: curl -H "Authorization: Bearer <applicant token>" ${base}/v1/applicants/me`, 'Stop with Ctrl-C.', '');
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // No new job starts; one in flight finishes before the database stops.
    await stopSchedules();
    // Finish the requests in flight (their writes were acknowledged), drop idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    await closed;
    await Promise.all([dynamo.stop(), s3.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(async (error: unknown) => {
  const message = error instanceof StartupProblem ? error.message : `Fuhua could not start: ${(error as Error).message}`;
  console.error(message);
  await Promise.allSettled(started.map((stop) => stop()));
  process.exit(1);
});
