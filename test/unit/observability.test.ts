import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, logger, withRequestLog } from '../../shared/logger';
import { countFailure } from '../../shared/metrics';

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_METRICS_DISABLED;
});

describe('the request log', () => {
  it('carries the id of the request in progress, each concurrent request its own, and none outside', async () => {
    const seen = await Promise.all(
      ['req-a', 'req-b', 'req-c'].map((id, i) =>
        withRequestLog(id, async () => {
          await new Promise((resolve) => setTimeout(resolve, 15 - i * 5));
          return log().getPersistentLogAttributes().requestId;
        }),
      ),
    );
    expect(seen).toEqual(['req-a', 'req-b', 'req-c']);
    expect(log()).toBe(logger);
    expect(logger.getPersistentLogAttributes().requestId).toBeUndefined();
  });
});

describe('failure metrics', () => {
  it('are written in embedded metric format, one count with the service and stage', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    countFailure('JobFailures');
    const emf = lines.map((line) => JSON.parse(line)).find((entry) => entry._aws);
    expect(emf).toMatchObject({ JobFailures: 1, service: 'fuhua', stage: 'local' });
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Fuhua', Metrics: [{ Name: 'JobFailures', Unit: 'Count' }] });
  });

  it('write nothing outside Lambda unless asked', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    countFailure('UnhandledErrors');
    expect(write).not.toHaveBeenCalled();
  });
});
