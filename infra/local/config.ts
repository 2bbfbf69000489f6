import { resolve } from 'node:path';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The address the API and DynamoDB Local listen on: 127.0.0.1, so that nobody else on the network
 * reaches a laptop's data; `FUHUA_LISTEN_HOST` opts in to another (with a warning at start).
 */
export function listenHost(): string {
  return process.env.FUHUA_LISTEN_HOST?.trim() || '127.0.0.1';
}

/** The sentence `npm start` prints when the address is not a loopback one, else undefined. */
export function listenWarning(host: string): string | undefined {
  if (LOOPBACK.has(host)) return undefined;
  return `Warning: FUHUA_LISTEN_HOST=${host}: the API and DynamoDB Local accept connections from other machines, with the local data and the demo users' tokens; unset it to listen on 127.0.0.1 only.`;
}

/** Local settings, all from the environment with working defaults. */
export function localConfig() {
  return {
    host: listenHost(),
    dataDir: resolve(process.env.FUHUA_DATA_DIR ?? '.data'),
    port: Number(process.env.PORT ?? 3000),
    dynamoPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
    tableName: process.env.TABLE_NAME ?? 'fuhua',
    /** 0: any free port (clients learn it from the presigned URLs the API gives). */
    s3Port: Number(process.env.S3_LOCAL_PORT ?? 0),
    // The app's own default too (shared/document-desk/storage.ts). Named here rather than imported: start.ts reads this
    // config before the app's modules may load (they create their clients from the environment it then sets).
    documentsBucket: process.env.DOCUMENTS_BUCKET ?? 'fuhua-documents',
  };
}
