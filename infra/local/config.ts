import { resolve } from 'node:path';
import { DEFAULT_DOCUMENTS_BUCKET } from '../../shared/documents/storage';

/** Local settings, all from the environment with working defaults. */
export function localConfig() {
  return {
    dataDir: resolve(process.env.FUHUA_DATA_DIR ?? '.data'),
    port: Number(process.env.PORT ?? 3000),
    dynamoPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
    tableName: process.env.TABLE_NAME ?? 'fuhua',
    /** 0: any free port (clients learn it from the presigned URLs the API gives). */
    s3Port: Number(process.env.S3_LOCAL_PORT ?? 0),
    documentsBucket: process.env.DOCUMENTS_BUCKET ?? DEFAULT_DOCUMENTS_BUCKET,
  };
}
