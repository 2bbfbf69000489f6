import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { getItem, putNew } from '../../shared/db/items';
import { auditRecord, commit } from '../../shared/audit/service';
import { ConflictError } from '../../shared/errors';
import { systemCtx } from '../../shared/context';

describe('the audit trail (DynamoDB Local)', () => {
  it('refuses the change when its audit record cannot be written', async () => {
    const ctx = systemCtx('req-audit-test');
    const change = putNew({ pk: 'THING#1', sk: 'THING', entity: 'thing', value: 1 }, () => new ConflictError('exists'));
    const audit = auditRecord(ctx, { action: 'thing.created', entityType: 'thing', entityId: 'THING1', after: { value: 1 } });
    // Occupy the audit record's key first, so that its write (and with it the whole transaction) fails.
    const put = audit.Put!;
    await db.send(new PutCommand({ TableName: tableName(), Item: { pk: put.Item!.pk, sk: put.Item!.sk, entity: 'audit' } }));

    await expect(commit(ctx, [change, audit])).rejects.toThrow();
    expect(await getItem({ pk: 'THING#1', sk: 'THING' })).toBeUndefined();
  });

  it('masks personal identifiers and drops fingerprints in before/after', async () => {
    const ctx = systemCtx('req-audit-mask');
    const audit = auditRecord(ctx, {
      action: 'x.changed',
      entityType: 'x',
      entityId: 'X1',
      before: { phone: '13812345678', accountNumber: '6222020200112233445', idNumberHash: 'abc' },
      after: { phone: '13912345678', accountNumber: '6222020200112233999', idNumberHash: 'def' },
    });
    expect(audit.record.changes).toEqual({
      phone: { before: '138****5678', after: '139****5678' },
      accountNumber: { before: '****3445', after: '****3999' },
    });
  });
});
