import { resolve } from 'node:path';

/** Local settings, all from the environment with working defaults. */
export function localConfig() {
  return {
    dataDir: resolve(process.env.FUHUA_DATA_DIR ?? '.data'),
    port: Number(process.env.PORT ?? 3000),
    dynamoPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
    tableName: process.env.TABLE_NAME ?? 'fuhua',
  };
}
