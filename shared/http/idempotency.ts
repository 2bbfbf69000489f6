import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { defineEntity } from '../db/entity';
import { tableName } from '../db/table';
import type { TxItem } from '../db/transact';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';
import { etag, type AnyRoute, type HandlerInput } from './route';

/**
 * `Idempotency-Key` for money-moving POSTs (routes with `idempotent: true`).
 *
 * A record keyed by caller + key holds a hash of method, path and body and the answer given. It is
 * written inside the change's own transaction: the service hands its answer to `commit(ctx, items,
 * { answer })`, which puts the record first in the same TransactWriteItems, on condition that the
 * key is free. So the key and the change succeed or fail together, and a money move costs one
 * transaction, no extra write.
 *
 * The wrapper reads the record once: the same request already done is answered with the stored
 * answer (`Idempotent-Replayed: true`), a different body with 422. Otherwise the handler runs with
 * the key in scope. If it fails (any error, or a 4xx/5xx answer) the record is read once more: a
 * concurrent request with the same key that committed meanwhile is answered as a replay; else the
 * failure stands and nothing was stored, so the client may retry with the same key once the cause
 * is fixed. A success that changed nothing (no commit carried the key) stores its answer with one
 * conditional put. The money-moving services are idempotent themselves (status conditions, one
 * ledger entry per claim): this layer gives stable answers, it is not the only guard.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const KEY = /^[\w.:-]{8,128}$/;
/** Response headers worth replaying; the rest are per-request. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'];

interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface IdempotencyRecord {
  status: 'done';
  requestHash: string;
  response: StoredResponse;
}

/** What a route answers, as its service hands it to `commit`: the same value the route passes to `reply`. */
export interface Answer {
  status: number;
  body: unknown;
  version?: number;
}

interface Scope {
  key: { pk: string; sk: string };
  hash: string;
  nowSeconds: number;
  /** Set once a transaction carrying the key record committed. */
  written: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

/** The key of this request was taken by another request with the same key that committed first. */
export class IdempotencyKeyTakenError extends ConflictError {
  constructor() {
    super('Another request with this Idempotency-Key was completed first.', 'IDEMPOTENCY_KEY_TAKEN');
  }
}

/** The answer as `reply(c, body, status, version)` sends it. */
function storedAnswer(answer: Answer): StoredResponse {
  return {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...(answer.version !== undefined ? { etag: etag(answer.version) } : {}) },
    body: JSON.stringify(answer.body),
  };
}

function keyPut(scope: Scope, response: StoredResponse) {
  return {
    TableName: tableName(),
    Item: {
      ...scope.key,
      entity: IdempotencyEntity.name,
      status: 'done',
      requestHash: scope.hash,
      response,
      expiresAt: scope.nowSeconds + IDEMPOTENCY_TTL_SECONDS,
    },
    // An expired record (TTL deletion is lazy) may be reused.
    ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
    ExpressionAttributeValues: { ':now': scope.nowSeconds },
  };
}

/**
 * The key record of the request in scope, storing `answer`, as the first item of the change's
 * transaction; none outside a scope (a job, a test calling a service) or once already written.
 */
export function idempotencyWrite(answer: Answer | undefined): TxItem[] {
  const scope = scopes.getStore();
  if (!scope || !answer || scope.written) return [];
  return [{ Put: keyPut(scope, storedAnswer(answer)), onConditionFailed: () => new IdempotencyKeyTakenError() }];
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

/** Called by `commit` once a transaction that carried `idempotencyWrite` items committed. */
export function idempotencyWritten(items: TxItem[]): void {
  const scope = scopes.getStore();
  if (scope && items.some((item) => item.Put?.Item?.pk === scope.key.pk)) scope.written = true;
}

async function readRecord(key: { pk: string; sk: string }, nowSeconds: number): Promise<IdempotencyRecord | undefined> {
  const item = (await db.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item as
    | (IdempotencyRecord & { expiresAt: number })
    | undefined;
  return item && item.expiresAt >= nowSeconds && item.status === 'done' ? item : undefined;
}

function replay(record: IdempotencyRecord, hash: string): Response {
  if (record.requestHash !== hash) {
    throw new UnprocessableError('This Idempotency-Key was used with a different request; use a new key.', 'IDEMPOTENCY_KEY_REUSED');
  }
  const headers = new Headers(record.response.headers);
  headers.set('Idempotent-Replayed', 'true');
  return new Response(record.response.body, { status: record.response.status, headers });
}

/** Stores the answer of a success that committed nothing with the key; a concurrent winner's answer is replayed instead. */
async function storeAnswer(scope: Scope, response: Response): Promise<Response> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  const body = await response.clone().text();
  try {
    await db.send(new PutCommand(keyPut(scope, { status: response.status, headers, body })));
    return response;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    const winner = await readRecord(scope.key, scope.nowSeconds);
    return winner ? replay(winner, scope.hash) : response;
  }
}

/** Wraps the handler of a route flagged `idempotent: true`; other routes are returned unchanged. */
export function withIdempotency(route: AnyRoute, handler: AnyRoute['handler'] = route.handler): AnyRoute['handler'] {
  if (!route.idempotent) return handler;
  return async (input: HandlerInput<unknown, unknown, unknown>) => {
    const { c, ctx } = input;
    const scope: Scope = {
      key: idempotencyKeys.record(ctx.actor.sub, readKey(c.req.header('idempotency-key'))),
      hash: requestHash(c.req.method, c.req.path, input.body),
      nowSeconds: Math.floor(ctx.now.getTime() / 1000),
      written: false,
    };
    const existing = await readRecord(scope.key, scope.nowSeconds);
    if (existing) return replay(existing, scope.hash);
    let response: Response;
    try {
      response = await scopes.run(scope, () => handler(input as never));
    } catch (error) {
      const winner = await readRecord(scope.key, scope.nowSeconds);
      if (winner) return replay(winner, scope.hash);
      throw error;
    }
    if (response.status >= 400) {
      const winner = await readRecord(scope.key, scope.nowSeconds);
      return winner ? replay(winner, scope.hash) : response;
    }
    return scope.written ? response : storeAnswer(scope, response);
  };
}
