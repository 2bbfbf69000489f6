import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../constructs/nag';
import type { StageConfig } from '../config';
import { type FailureMetric, METRICS_NAMESPACE } from '../../shared/metrics';

export interface MonitoringProps {
  config: StageConfig;
  httpApi: HttpApi;
  table: Table;
  functions: Record<string, IFunction>;
  deadLetters: IQueue;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms to one SNS topic (an email subscriber from context `alarmEmail`) and a dashboard: API 5xx
 * rate and latency, Lambda errors and throttles, dead letters, DynamoDB throttling.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;
    this.topic = new Topic(this, 'Alarms', { topicName: `fuhua-${config.stage}-alarms`, enforceSSL: true });
    acknowledge(
      this.topic,
      'AwsSolutions-SNS2',
      'Alarm notifications carry alarm names and states only; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.',
    );
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, name, {
        alarmName: `fuhua-${config.stage}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    const api = props.httpApi;
    const requests = api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const errorRate = (key: string, metric: IMetric, label: string) =>
      new MathExpression({
        expression: `IF(requests > 0, 100 * ${key} / requests, 0)`,
        usingMetrics: { [key]: metric, requests },
        label,
        period: FIVE_MINUTES,
      });
    const serverErrorRate = errorRate('server', api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), '5xx %');
    const clientErrorRate = errorRate('client', api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }), '4xx %');
    alarm('api-5xx-rate', serverErrorRate, config.api5xxPercent, `API answered 5xx to ${config.api5xxPercent}% or more of requests in 5 minutes.`);

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `The ${name} function failed at least once in 5 minutes.`);
      alarm(`${name}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `The ${name} function was throttled in 5 minutes.`);
    }

    alarm(
      'dead-letters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      1,
      'Events, stream records or scheduled jobs could not be delivered and wait in the dead-letter queue.',
    );

    // Failures counted by the code as metrics (shared/metrics.ts): each one raises its alarm.
    const failure = (name: FailureMetric) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: 'fuhua', stage: config.stage },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      });
    alarm(
      'reaction-failures',
      failure('ReactionFailures'),
      1,
      'A reaction to a domain event failed (shared/events/bus.ts); EventBridge retries the event, then dead-letters it.',
    );
    alarm(
      'unhandled-errors',
      failure('UnhandledErrors'),
      1,
      'The API met an error it does not know and answered 500 (logged as "unhandled error" with the request id).',
    );
    alarm(
      'job-failures',
      failure('JobFailures'),
      1,
      'A scheduled job failed (logged as "job failed" with the job and its request id); its schedule retries it.',
    );

    const tableMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: props.table.tableName }, period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = new MathExpression({
      expression: 'reads + writes',
      usingMetrics: { reads: tableMetric('ReadThrottleEvents'), writes: tableMetric('WriteThrottleEvents') },
      label: 'DynamoDB throttle events',
      period: FIVE_MINUTES,
    });
    alarm('dynamodb-throttles', throttles, 1, 'DynamoDB throttled requests: the on-demand ceiling or a hot partition was hit.');

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `fuhua-${config.stage}` });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API latency (ms)',
        width: 12,
        left: ['p50', 'p90', 'p99'].map((statistic) => api.metricLatency({ period: Duration.minutes(1), statistic, label: statistic })),
      }),
      new GraphWidget({ title: 'API error rate (%)', width: 12, left: [serverErrorRate, clientErrorRate], right: [requests] }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors and throttles',
        width: 12,
        left: Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ period: FIVE_MINUTES, label: `${name} errors` })),
        right: Object.entries(props.functions).map(([name, fn]) => fn.metricThrottles({ period: FIVE_MINUTES, label: `${name} throttles` })),
      }),
      new GraphWidget({
        title: 'DynamoDB throttling and dead letters',
        width: 12,
        left: [throttles],
        right: [props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES })],
      }),
    );
  }
}
