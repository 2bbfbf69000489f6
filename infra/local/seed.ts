import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localConfig } from './config';
import { checkJava, checkPortFree, checkWritable, StartupProblem } from './preflight';
import { ensureLocalSecrets, secretsFile } from './identity';

/** The scenarios `npm run seed -- --scenario <name>` can build, each into an empty data folder. */
const SCENARIOS = ['tianfu-h1'] as const;
type Scenario = (typeof SCENARIOS)[number];

/**
 * `npm run seed -- --scenario tianfu-h1`: starts DynamoDB Local on the data folder (as `npm start`
 * does), creates the table and builds the scenario through the domain services. It refuses a data
 * folder that already holds data: a scenario's figures mean something only on its own.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scenario: { type: 'string' } } });
  if (!SCENARIOS.includes(values.scenario as Scenario)) {
    throw new StartupProblem(`Usage: npm run seed -- --scenario <${SCENARIOS.join('|')}> (into an empty data folder, FUHUA_DATA_DIR).`);
  }
  const config = localConfig();
  const dbDir = join(config.dataDir, 'dynamodb');
  if (existsSync(dbDir) && readdirSync(dbDir).length > 0) {
    throw new StartupProblem(
      `The data folder ${config.dataDir} already has data: seed a scenario into an empty folder, e.g. FUHUA_DATA_DIR=.data-${values.scenario} npm run seed -- --scenario ${values.scenario}.`,
    );
  }
  checkWritable(config.dataDir);
  checkJava();
  await checkPortFree(config.dynamoPort, 'DYNAMODB_LOCAL_PORT');
  ensureLocalSecrets(config.dataDir);
  mkdirSync(dbDir, { recursive: true, mode: 0o700 });

  const { startDynamoLocal } = await import('./dynamodb');
  const dynamo = await startDynamoLocal({ port: config.dynamoPort, path: dbDir });
  try {
    // The app's modules read these when first imported, so they are set before importing them.
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
    process.env.TABLE_NAME = config.tableName;
    process.env.FUHUA_SECRETS_FILE = secretsFile(config.dataDir);
    const { ensureTable } = await import('./table');
    await import('../../functions/reactions/registry');
    const { runTianfuH1, scenarioPeriod } = await import('./scenarios/tianfu-h1');
    await ensureTable(dynamo.client, config.tableName);
    const started = Date.now();
    const result = await runTianfuH1();
    const { from, to } = scenarioPeriod(result.year);
    console.log(
      [
        `Scenario ${values.scenario} built in ${Math.round((Date.now() - started) / 1000)} s (data in ${config.dataDir}).`,
        `Start the API on it with: FUHUA_DATA_DIR=${config.dataDir} npm start   (npm start adds its demo data, dated around today, alongside)`,
        `Then read the figures: GET /v1/reports/summary?from=${from}&to=${to}  (officer or auditor token)`,
      ].join('\n'),
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof StartupProblem ? error.message : `The scenario could not be built: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
