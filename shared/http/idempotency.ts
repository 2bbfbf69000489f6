import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { defineEntity } from '../db/entity';
import { tableName } from '../db/table';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import type { AnyRoute, HandlerInput } from './route';

/**
 * `Idempotency-Key` for money-moving POSTs (routes with `idempotent: true`).
 *
 * A record keyed by caller + key holds a hash of method, path and body. The first request writes it
 * `in_progress` (conditional put), runs, and stores its answer; a replay with the same body gets that
 * answer back, a replay while the first still runs gets 409, a different body 422.
 *
 * Policy on failure: when the handler throws or answers 4xx/5xx the record is deleted, so the client
 * may retry with the same key once the cause is fixed (e.g. budget freed). That is safe because the
 * money-moving services are idempotent themselves (claim status conditions, one ledger entry per
 * claim): this layer saves work and gives stable answers, it is not the only guard.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** An `in_progress` record older than this is taken to be from a crashed request and may be taken over. */
const LEASE_SECONDS = 60;
const KEY = /^[\w.:-]{8,128}$/;
/** Response headers worth replaying; the rest are per-request. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'];

interface IdempotencyRecord {
  status: 'in_progress' | 'done';
  requestHash: string;
  leaseUntil: number;
  response?: { status: number; headers: Record<string, string>; body: string };
}

export const idempotencyKeys = {
  record: (sub: string, key: string) => ({ pk: `IDEMPOTENCY#${sub}#${key}`, sk: 'IDEMPOTENCY' }),
};

/** The stored outcome of one Idempotency-Key of one caller (TTL `expiresAt`). */
export const IdempotencyEntity = defineEntity<IdempotencyRecord, { sub: string; key: string }>({
  name: 'idempotencyKey',
  module: 'http',
  prefix: 'IDEMPOTENCY#',
  key: (record) => idempotencyKeys.record(record.sub, record.key),
  serves: "a caller's retried request answered with the stored outcome",
});

/** JSON with sorted keys, so that the same body sent with fields in another order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonical(body)}`)
    .digest('hex');
}

function readKey(header: string | undefined): string {
  if (!header) {
    throw new ValidationError('This operation moves money: send an Idempotency-Key header.', [{ field: 'header.Idempotency-Key', message: 'required' }]);
  }
  if (!KEY.test(header)) {
    throw new ValidationError('Idempotency-Key must be 8–128 characters of letters, digits, . _ : -', [
      { field: 'header.Idempotency-Key', message: 'invalid' },
    ]);
  }
  return header;
}

/** Claims the key for this request; answers with the stored outcome when it already exists. */
async function claimKey(key: { pk: string; sk: string }, hash: string, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key,
          entity: IdempotencyEntity.name,
          status: 'in_progress',
          requestHash: hash,
          leaseUntil: nowSeconds + LEASE_SECONDS,
          expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
        },
        // An expired record (TTL deletion is lazy) or an abandoned in-progress one with the same body may be reused.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#status = :inProgress AND leaseUntil < :now AND requestHash = :hash)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in_progress', ':hash': hash },
      }),
    );
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const existing = (await db.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item as IdempotencyRecord | undefined;
  if (!existing) return claimKey(key, hash, nowSeconds); // deleted after a failure in between: try again
  return existing;
}

function replay(record: IdempotencyRecord, hash: string): Response {
  if (record.requestHash !== hash) {
    throw new UnprocessableError('This Idempotency-Key was used with a different request; use a new key.', 'IDEMPOTENCY_KEY_REUSED');
  }
  if (record.status !== 'done' || !record.response) {
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly.', 'IDEMPOTENCY_IN_PROGRESS');
  }
  const headers = new Headers(record.response.headers);
  headers.set('Idempotent-Replayed', 'true');
  return new Response(record.response.body, { status: record.response.status, headers });
}

async function release(key: { pk: string; sk: string }): Promise<void> {
  await db
    .send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'in_progress' },
      }),
    )
    .catch(() => undefined);
}

/** Wraps the handler of a route flagged `idempotent: true`; other routes are returned unchanged. */
export function withIdempotency(route: AnyRoute, handler: AnyRoute['handler'] = route.handler): AnyRoute['handler'] {
  if (!route.idempotent) return handler;
  return async (input: HandlerInput<unknown, unknown, unknown>) => {
    const { c, ctx } = input;
    const key = idempotencyKeys.record(ctx.actor.sub, readKey(c.req.header('idempotency-key')));
    const hash = requestHash(c.req.method, c.req.path, input.body);
    const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
    const existing = await claimKey(key, hash, nowSeconds);
    if (existing) return replay(existing, hash);
    let response: Response;
    try {
      response = await handler(input as never);
    } catch (error) {
      await release(key);
      throw error;
    }
    if (response.status >= 400) {
      await release(key);
      return response;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    const body = await response.clone().text();
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #status = :done, #response = :response',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': { status: response.status, headers, body } },
      }),
    );
    return response;
  };
}
