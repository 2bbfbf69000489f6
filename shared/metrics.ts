import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Failures the alarms count (infra/stacks/monitoring.ts), as CloudWatch metrics in embedded metric format. */
export const FAILURE_METRICS = ['UnhandledErrors', 'ReactionFailures', 'JobFailures'] as const;
export type FailureMetric = (typeof FAILURE_METRICS)[number];
export const METRICS_NAMESPACE = 'Fuhua';

let metrics: Metrics | undefined;

/**
 * Counts one failure. In Lambda the count is written to the function's log in embedded metric
 * format, which CloudWatch turns into a metric (dimensions: service, stage); elsewhere (npm start,
 * tests) nothing is written unless `POWERTOOLS_METRICS_DISABLED=false`.
 */
export function countFailure(name: FailureMetric): void {
  metrics ??= new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: 'fuhua',
    defaultDimensions: { stage: process.env.FUHUA_STAGE ?? 'local' },
  });
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.POWERTOOLS_METRICS_DISABLED !== 'false') return;
  metrics.addMetric(name, MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
