/**
 * What one request cost in DynamoDB: calls by command and the capacity units DynamoDB reported,
 * with the targets of the workflow benchmark and the price of the whole at on-demand rates.
 */

export type Command =
  | 'GetItem'
  | 'Query'
  | 'BatchGetItem'
  | 'TransactGetItems'
  | 'TransactWriteItems'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'Scan';

export interface Usage {
  calls: Partial<Record<Command, number>>;
  readUnits: number;
  writeUnits: number;
  /** Calls whose answer carried no ConsumedCapacity. */
  unreported: number;
}

export const emptyUsage = (): Usage => ({ calls: {}, readUnits: 0, writeUnits: 0, unreported: 0 });

/** `GetCommand` (document client) or `GetItemCommand` (low-level) → `GetItem`. */
export function commandOf(commandName: string): Command | string {
  const name = commandName.replace(/Command$/, '');
  const documentNames: Record<string, Command> = {
    Get: 'GetItem',
    Put: 'PutItem',
    Update: 'UpdateItem',
    Delete: 'DeleteItem',
    BatchGet: 'BatchGetItem',
    BatchWrite: 'BatchWriteItem',
    TransactGet: 'TransactGetItems',
    TransactWrite: 'TransactWriteItems',
  };
  return documentNames[name] ?? name;
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** Adds one call and the ConsumedCapacity of its answer (one object, or a list for batches and transactions). */
export function record(usage: Usage, command: string, consumed: Capacity | Capacity[] | undefined): void {
  const key = commandOf(command) as Command;
  usage.calls[key] = (usage.calls[key] ?? 0) + 1;
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  if (list.length === 0) {
    usage.unreported += 1;
    return;
  }
  for (const c of list) {
    const read = c.ReadCapacityUnits ?? 0;
    const write = c.WriteCapacityUnits ?? 0;
    if (read || write) {
      usage.readUnits += read;
      usage.writeUnits += write;
    } else if (READS.has(key)) usage.readUnits += c.CapacityUnits ?? 0;
    else usage.writeUnits += c.CapacityUnits ?? 0;
  }
}

export const count = (usage: Usage, pick: (command: string) => boolean) =>
  Object.entries(usage.calls).reduce((sum, [command, n]) => sum + (pick(command) ? (n ?? 0) : 0), 0);

export interface Verdict {
  kind: 'read' | 'write';
  reads: number;
  writes: number;
  scans: number;
  /** Empty when the request meets its target; otherwise what it misses, and by how much. */
  misses: string[];
}

/**
 * The targets: a read request makes at most 2 calls; a write at most 1 transaction (or single
 * write) plus at most 2 reads; no request ever scans.
 */
export function verdict(method: string, usage: Usage): Verdict {
  const kind = method.toUpperCase() === 'GET' ? 'read' : 'write';
  const reads = count(usage, (c) => READS.has(c));
  const writes = count(usage, (c) => c === 'TransactWriteItems' || WRITES.has(c));
  const scans = usage.calls.Scan ?? 0;
  const misses: string[] = [];
  if (scans > 0) misses.push(`${scans} Scan (target 0)`);
  if (kind === 'read') {
    if (reads + writes > 2) misses.push(`${reads + writes} calls (target ≤ 2, +${reads + writes - 2})`);
  } else {
    if (writes > 1) misses.push(`${writes} writes (target ≤ 1 transaction, +${writes - 1})`);
    if (reads > 2) misses.push(`${reads} reads (target ≤ 2, +${reads - 2})`);
  }
  return { kind, reads, writes, scans, misses };
}

/** On-demand list prices, us-east-1, USD per million request units. */
export const ON_DEMAND_PRICE = { perMillionReadUnits: 0.125, perMillionWriteUnits: 0.625, region: 'us-east-1' };

/** The cost in USD of `times` repetitions of work that consumed these units once. */
export function onDemandCost(readUnits: number, writeUnits: number, times: number, price = ON_DEMAND_PRICE): number {
  return ((readUnits * price.perMillionReadUnits + writeUnits * price.perMillionWriteUnits) * times) / 1_000_000;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
