import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { call, uniqueSub } from '../support/api';
import { applicantInput } from '../support/factories';
import { retryOnConflict, TransactionConflictError } from '../../shared/db/transact';
import { transact } from '../../shared/db/write';
import { ConflictError } from '../../shared/errors';
import { getItems } from '../../shared/db/items';
import { tableName } from '../../shared/db/table';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('when DynamoDB is throttling', () => {
  it('answers 503 with Retry-After and a problem body, not 500', async () => {
    ddb.on(GetCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    const res = await call('GET', '/v1/applicants/me', { as: { role: 'applicant', sub: uniqueSub() } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers 503 when a transaction is cancelled by throttling', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ThrottlingError'));
    const res = await call('POST', '/v1/applicants', { as: { role: 'applicant', sub: uniqueSub() }, body: applicantInput() });
    expect(res.status).toBe(503);
  });
});

describe('an unexpected failure', () => {
  it('is a generic 500 that leaks no internals', async () => {
    ddb.on(GetCommand).rejects(new Error('secret table layout: pk=APPLICANT#'));
    const res = await call('GET', '/v1/applicants/me', { as: { role: 'applicant', sub: uniqueSub() } });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});

describe('a change and its audit record', () => {
  it('are sent as one transaction, and nothing else is written', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const res = await call('POST', '/v1/applicants', { as: { role: 'applicant', sub: uniqueSub() }, body: applicantInput() });
    expect(res.status).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    // The day's registration attempt is counted in the same transaction (an update of its counter).
    expect(items[0]!.Update?.Key?.pk).toMatch(/^REGISTRATION_ATTEMPTS#/);
    const entities = items.slice(1).map((item) => item.Put?.Item?.entity);
    expect(entities).toEqual(['applicant', 'applicantLogin', 'applicantIdNumber', 'audit']);
  });

  it('both fail when the transaction is cancelled: the client gets the rule, not a half-made profile', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'None', 'ConditionalCheckFailed', 'None'));
    const res = await call('POST', '/v1/applicants', { as: { role: 'applicant', sub: uniqueSub() }, body: applicantInput() });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('REGISTRATION_REFUSED');
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
  });
});

describe('transactions', () => {
  it('raise the error of the item whose condition failed', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    const first = new ConflictError('first', 'FIRST');
    const second = new ConflictError('second', 'SECOND');
    await expect(
      transact([
        { ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'a' }, ConditionExpression: 'x' }, onConditionFailed: () => first },
        { ConditionCheck: { TableName: 't', Key: { pk: 'b', sk: 'b' }, ConditionExpression: 'x' }, onConditionFailed: () => second },
      ]),
    ).rejects.toBe(second);
  });

  it('retry a collision with a concurrent transaction, then succeed', async () => {
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('TransactionConflict')).resolves({});
    let attempts = 0;
    await retryOnConflict(async () => {
      attempts += 1;
      await transact([{ ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'a' }, ConditionExpression: 'x' } }]);
    });
    expect(attempts).toBe(2);
  });

  it('give up after the last attempt with a 409 the client may retry', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(
      retryOnConflict(() => transact([{ ConditionCheck: { TableName: 't', Key: { pk: 'a', sk: 'a' }, ConditionExpression: 'x' } }]), 3),
    ).rejects.toBeInstanceOf(TransactionConflictError);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 3);
  });
});

describe('reading several items at once', () => {
  it('asks again for the keys DynamoDB left unprocessed, and answers in the order asked', async () => {
    const a = { pk: 'A', sk: 'X', n: 1 };
    const b = { pk: 'B', sk: 'X', n: 2 };
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [tableName()]: [b] }, UnprocessedKeys: { [tableName()]: { Keys: [{ pk: 'A', sk: 'X' }] } } })
      .resolves({ Responses: { [tableName()]: [a] } });
    expect(
      await getItems([
        { pk: 'A', sk: 'X' },
        { pk: 'C', sk: 'X' },
        { pk: 'B', sk: 'X' },
      ]),
    ).toEqual([a, undefined, b]);
    expect(ddb).toHaveReceivedCommandTimes(BatchGetCommand, 2);
  });

  it('gives up as throttled (503 to the client) when keys stay unprocessed', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { [tableName()]: [] }, UnprocessedKeys: { [tableName()]: { Keys: [{ pk: 'A', sk: 'X' }] } } });
    await expect(getItems([{ pk: 'A', sk: 'X' }])).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
