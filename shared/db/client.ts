import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per container. `DYNAMODB_ENDPOINT` points it at DynamoDB Local; the SDK's
 * standard retry strategy (with backoff) absorbs short bursts of throttling before the API answers 503.
 * `DYNAMODB_REQUEST_TIMEOUT_MS` (unset: no timeout) gives up on a silent request with a TimeoutError,
 * which the SDK retries; transactions carry a ClientRequestToken (see transact.ts), so that retry
 * never writes twice.
 */
function createClient(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const requestTimeout = Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS ?? 0);
  const client = new DynamoDBClient({
    maxAttempts: Number(process.env.DYNAMODB_MAX_ATTEMPTS ?? 4),
    ...(requestTimeout > 0 ? { requestHandler: { requestTimeout, throwOnRequestTimeout: true } } : {}),
    ...(endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export const db = createClient();
