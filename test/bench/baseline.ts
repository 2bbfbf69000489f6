import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/**
 * The yardstick of `npm run bench`: the smallest Hono Lambda handler that serves the same request
 * as the API's `GET /v1/applicants/me` (the same two consistent reads, no validation, no roles, no
 * logging), bundled with the same settings as the real functions. `/health` answers without
 * DynamoDB, for the cost of the adapter alone.
 */
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT }));
const TableName = process.env.TABLE_NAME;
const app = new Hono<{ Bindings: { event: APIGatewayProxyEventV2WithJWTAuthorizer } }>();

app.get('/health', (c) => c.json({ status: 'ok' }));

app.get('/v1/applicants/me', async (c) => {
  const sub = c.env.event.requestContext.authorizer.jwt.claims.sub;
  const link = await db.send(new GetCommand({ TableName, Key: { pk: `USER#${sub}`, sk: 'APPLICANT' }, ConsistentRead: true }));
  if (!link.Item) return c.json({ code: 'NOT_FOUND' }, 404);
  const profile = await db.send(new GetCommand({ TableName, Key: { pk: `APPLICANT#${link.Item.applicantId}`, sk: 'PROFILE' }, ConsistentRead: true }));
  if (!profile.Item) return c.json({ code: 'NOT_FOUND' }, 404);
  return c.json(profile.Item);
});

export const handler = handle(app);
