import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { auditRecord, commit, commitBookkeeping, UnauditedWriteError } from '../../shared/audit/service';
import { systemCtx } from '../../shared/context';
import { putNew } from '../../shared/db/items';
import { ConflictError } from '../../shared/errors';

const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

const ctx = systemCtx('req-audited-writes', new Date('2026-03-01T02:00:00Z'));
const write = () => putNew({ pk: 'THING#1', sk: 'META', entity: 'thing' }, () => new ConflictError('exists', 'EXISTS'));

describe('commit', () => {
  it('refuses a transaction without an audit record, and writes nothing', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await expect(commit(ctx, [write()])).rejects.toBeInstanceOf(UnauditedWriteError);
    await expect(commit(ctx, [])).rejects.toBeInstanceOf(UnauditedWriteError);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('writes a change together with its audit record in one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await commit(ctx, [write(), auditRecord(ctx, { action: 'thing.created', entityType: 'thing', entityId: '1', after: { id: '1' } })]);
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    const items = calls[0]!.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(String(items[1]?.Put?.Item?.pk)).toMatch(/^AUDIT#/);
  });
});

describe('commitBookkeeping', () => {
  it('writes an unaudited transaction only when it says why', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await expect(commitBookkeeping([write()], { bookkeeping: ' ' })).rejects.toBeInstanceOf(UnauditedWriteError);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    await commitBookkeeping([write()], { bookkeeping: 'a fixture' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });
});
