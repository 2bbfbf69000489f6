import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { cloneItems } from './clone';
import { commandOf, emptyUsage, onDemandCost, percentile, record, verdict } from './recorder';

describe('the DynamoDB recorder of the benchmark', () => {
  it('names document-client and low-level commands alike', () => {
    expect(commandOf('GetCommand')).toBe('GetItem');
    expect(commandOf('GetItemCommand')).toBe('GetItem');
    expect(commandOf('TransactWriteCommand')).toBe('TransactWriteItems');
    expect(commandOf('QueryCommand')).toBe('Query');
  });

  it('adds reported capacity to reads or writes by command, and counts calls that reported none', () => {
    const usage = emptyUsage();
    record(usage, 'GetItemCommand', { CapacityUnits: 1 });
    record(usage, 'QueryCommand', { CapacityUnits: 0.5 });
    record(usage, 'TransactWriteItemsCommand', [{ CapacityUnits: 8 }]);
    record(usage, 'PutItemCommand', undefined);
    expect(usage).toEqual({ calls: { GetItem: 1, Query: 1, TransactWriteItems: 1, PutItem: 1 }, readUnits: 1.5, writeUnits: 8, unreported: 1 });
  });

  it('holds a read to 2 calls and a write to 1 transaction plus 2 reads, and never a Scan', () => {
    const read = emptyUsage();
    read.calls = { GetItem: 3 };
    expect(verdict('GET', read).misses).toEqual(['3 calls (target ≤ 2, +1)']);
    const write = emptyUsage();
    write.calls = { GetItem: 2, TransactWriteItems: 1 };
    expect(verdict('POST', write).misses).toEqual([]);
    write.calls = { GetItem: 4, TransactWriteItems: 1, PutItem: 1, Scan: 1 };
    expect(verdict('POST', write).misses).toEqual(['1 Scan (target 0)', '2 writes (target ≤ 1 transaction, +1)', '4 reads (target ≤ 2, +2)']);
  });

  it('prices units at the on-demand rates', () => {
    expect(onDemandCost(1_000_000, 0, 1)).toBeCloseTo(0.125);
    expect(onDemandCost(0, 1_000_000, 1)).toBeCloseTo(0.625);
    expect(onDemandCost(10, 20, 1000)).toBeCloseTo((10 * 0.125 + 20 * 0.625) / 1000);
  });

  it('takes percentiles by rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });

  it('copies items with every id renamed consistently, into other partitions, and skips id-less keys', () => {
    const id = 'app_01JABCDEFGHJKMNPQRSTVWXYZ0';
    const templates: Record<string, AttributeValue>[] = [
      { pk: { S: `APPLICATION#${id}` }, sk: { S: 'APPLICATION' }, id: { S: id }, gsi1pk: { S: 'APPLICATION_QUEUE#approved' } },
      { pk: { S: 'STATS#2026-11' }, sk: { S: 'TOTAL' }, n: { N: '1' } },
    ];
    const [a, more] = [cloneItems(templates, 1), cloneItems(templates, 2)];
    expect(a).toHaveLength(1);
    const copied = a[0]!.id!.S!;
    expect(copied).toMatch(/^app_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(copied).not.toBe(id);
    expect(a[0]!.pk!.S).toBe(`APPLICATION#${copied}`);
    expect(a[0]!.gsi1pk!.S).toBe('APPLICATION_QUEUE#approved');
    expect(more[0]!.id!.S).not.toBe(copied);
  });
});
