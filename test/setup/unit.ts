import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Unit tests run without DynamoDB Local or the S3-compatible server: the data layer is mocked
// where a test reaches it, so these only have to be well-formed. A request that escapes a mock
// meets a closed port and fails at once instead of waiting.
const dir = mkdtempSync(join(tmpdir(), 'fuhua-unit-'));
const secretsFile = join(dir, 'secrets.json');
writeFileSync(
  secretsFile,
  JSON.stringify({
    jwtSecret: randomBytes(32).toString('base64'),
    idNumberKey: randomBytes(32).toString('base64'),
    dataKey: randomBytes(32).toString('base64'),
  }),
);
process.env.FUHUA_SECRETS_FILE = secretsFile;
process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:9';
process.env.TABLE_NAME = 'unit';
process.env.S3_ENDPOINT = 'http://127.0.0.1:9';
process.env.DOCUMENTS_BUCKET = 'fuhua-documents-unit';
