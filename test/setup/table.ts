import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../infra/local/table';

// Runs before each test file's imports: point the data layer at a table of this file's own, so
// files run in parallel without seeing each other's data.
const endpoint = inject('dynamoEndpoint');
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.FUHUA_SECRETS_FILE = inject('secretsFile');
process.env.S3_ENDPOINT = inject('s3Endpoint');
process.env.DOCUMENTS_BUCKET = inject('documentsBucket');

const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
await ensureTable(client, process.env.TABLE_NAME);
client.destroy();
