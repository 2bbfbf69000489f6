/**
 * A per-key limit on concurrent read-decide-writes inside one process. Some writes all touch one hot
 * item: registrations for one event write its seat counter, every ledger entry of a programme writes
 * its totals (the sequence number). When dozens arrive at once in one process (the local server, a
 * Lambda container under a burst, a test), letting every one of them collide and back off wastes most
 * attempts and can exhaust the retries. Queuing all but a few keeps the conflicts (and the conditions
 * that resolve them) but not the thrashing. Correctness never depends on this: across processes the
 * transaction conditions decide alone.
 */
const lanes = new Map<string, { active: number; queue: Array<() => void> }>();

export async function withLimitedConcurrency<T>(key: string, limit: number, operation: () => Promise<T>): Promise<T> {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { active: 0, queue: [] };
    lanes.set(key, lane);
  }
  if (lane.active >= limit) await new Promise<void>((resolve) => lane!.queue.push(resolve));
  else lane.active += 1;
  try {
    return await operation();
  } finally {
    const next = lane.queue.shift();
    if (next) next();
    else {
      lane.active -= 1;
      if (lane.active === 0) lanes.delete(key);
    }
  }
}
