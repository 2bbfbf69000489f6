import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTION_DOMAINS } from '../../infra/constructs/bundling';
import { EVENT_SOURCE } from '../../shared/events/published';
import { jobs } from '../../functions/schedules/jobs';
import { FAILURE_METRICS, METRICS_NAMESPACE } from '../../shared/metrics';
import { resources, synth, type Synthesized } from './synth';

let dev: Synthesized;
let prod: Template;

beforeAll(() => {
  dev = synth({ stage: 'dev', alarmEmail: 'ops@example.org' }, { bundle: false });
  prod = synth({ stage: 'prod', workerReservedConcurrency: 3, apiReservedConcurrency: 40 }, { bundle: false }).template;
});

const fnId = (template: Template, prefix: string) => {
  const found = resources(template, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties.Description ?? '').startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
};

describe('security review (cdk-nag AwsSolutions)', () => {
  it('finds nothing unacknowledged, in dev and in prod', () => {
    for (const { app, stack } of [dev, synth({ stage: 'prod' }, { bundle: false })]) {
      const report = new AwsSolutionsChecks(app).validateScope(stack);
      expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });

  it('every acknowledged finding names its reason', () => {
    const acknowledged: Array<[string, string]> = [];
    for (const node of dev.stack.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, value] of Object.entries(entry.data as Record<string, unknown>)) {
          const reason = typeof value === 'string' ? value : ((value as { reason?: string }).reason ?? JSON.stringify(value));
          acknowledged.push([id, reason]);
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(30);
  });
});

describe('domain events', () => {
  it('the stream worker reads new audit records with events only, reports partial batch failures and has a DLQ', () => {
    const [streamId] = fnId(dev.template, 'Fuhua stream worker');
    const [, mapping] = resources(dev.template, 'AWS::Lambda::EventSourceMapping')[0]!;
    expect(mapping.Properties.FunctionName).toEqual({ Ref: streamId });
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.BisectBatchOnFunctionError).toBe(true);
    expect(mapping.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WorkersDeadLetters/), 'Arn'] });
    const pattern = JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['audit'] }, event: { M: [{ exists: true }] } } } });
    expect(mapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'StreamArn'] });
  });

  it('the stream worker may put events on the bus and nothing on the table', () => {
    const [streamId, fn] = fnId(dev.template, 'Fuhua stream worker');
    expect(fn.Properties.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: expect.stringMatching(/^WorkersBus/) });
    const role = fn.Properties.Role['Fn::GetAtt'][0];
    const actions = resources(dev.template, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    expect(actions).toContain('events:PutEvents');
    expect(actions.filter((a: string) => /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|GetItem|BatchGetItem|Query)$/.test(a))).toEqual([]);
    expect(streamId).toBeDefined();
  });

  it('a rule on the bus sends every Fuhua event to the reactions function, with retries and the DLQ', () => {
    const [reactionsId, fn] = fnId(dev.template, 'Fuhua reactions');
    expect(fn.Properties.Environment.Variables.FUHUA_EVENTS).toBe('stream');
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^WorkersBus') },
      EventPattern: { source: [EVENT_SOURCE] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [reactionsId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkersDeadLetters'), 'Arn'] } },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
  });
});

describe('scheduled jobs', () => {
  it('one EventBridge schedule per job of functions/schedules/jobs.ts invokes the schedules function with the job name', () => {
    const [schedulesId] = fnId(dev.template, 'Fuhua scheduled jobs');
    const scheduled = resources(dev.template, 'AWS::Events::Rule').filter(([, r]) => r.Properties.ScheduleExpression);
    const names = scheduled.map(([, r]) => {
      const target = r.Properties.Targets[0];
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [schedulesId, 'Arn'] });
      expect(target.DeadLetterConfig).toBeDefined();
      return JSON.parse(target.Input).job;
    });
    expect(names.sort()).toEqual(Object.keys(jobs).sort());
  });

  it('the nightly ledger check runs at 18:00 UTC (02:00 in Beijing)', () => {
    const rule = resources(dev.template, 'AWS::Events::Rule').find(([, r]) => r.Properties.Targets?.[0]?.Input?.includes('ledger-consistency'));
    expect(rule?.[1].Properties.ScheduleExpression).toBe('cron(0 18 * * ? *)');
  });
});

describe('alarms and dashboard', () => {
  const alarms = () => resources(dev.template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('every alarm notifies the alarm topic, whose email subscriber comes from context', () => {
    const [topicId] = resources(dev.template, 'AWS::SNS::Topic')[0]!;
    dev.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: { Ref: topicId } });
    expect(alarms().length).toBeGreaterThan(5);
    for (const alarm of alarms()) expect(alarm.AlarmActions, alarm.AlarmName).toEqual([{ Ref: topicId }]);
    expect(prod.findResources('AWS::SNS::Subscription')).toEqual({});
  });

  it('covers the API 5xx rate, errors and throttles of every function, the DLQ depth and DynamoDB throttling', () => {
    const names = alarms().map((a) => a.AlarmName);
    expect(names).toContain('fuhua-dev-api-5xx-rate');
    for (const fn of [...API_FUNCTION_DOMAINS.map((domain) => `api-${domain}`), 'docs', 'stream', 'reactions', 'schedules']) {
      expect(names).toContain(`fuhua-dev-${fn}-errors`);
      expect(names).toContain(`fuhua-dev-${fn}-throttles`);
    }
    const dlq = alarms().find((a) => a.AlarmName === 'fuhua-dev-dead-letters');
    expect(dlq).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 1 });
    // Failures the code counts as metrics (shared/metrics.ts), not log lines matched by filters.
    for (const [alarm, metric] of [
      ['reaction-failures', 'ReactionFailures'],
      ['unhandled-errors', 'UnhandledErrors'],
      ['job-failures', 'JobFailures'],
    ] as const) {
      expect(FAILURE_METRICS).toContain(metric);
      expect(alarms().find((a) => a.AlarmName === `fuhua-dev-${alarm}`)).toMatchObject({
        Namespace: METRICS_NAMESPACE,
        MetricName: metric,
        Dimensions: expect.arrayContaining([
          { Name: 'stage', Value: 'dev' },
          { Name: 'service', Value: 'fuhua' },
        ]),
        Threshold: 1,
      });
    }
    expect(resources(dev.template, 'AWS::Logs::MetricFilter')).toEqual([]);
    const rate = alarms().find((a) => a.AlarmName === 'fuhua-dev-api-5xx-rate');
    expect(JSON.stringify(rate.Metrics)).toContain('5xx');
    const dynamo = alarms().find((a) => a.AlarmName === 'fuhua-dev-dynamodb-throttles');
    expect(JSON.stringify(dynamo.Metrics)).toMatch(/ReadThrottleEvents.*WriteThrottleEvents/);
  });

  it('the dashboard shows API latency percentiles and the error rate', () => {
    const [, dashboard] = resources(dev.template, 'AWS::CloudWatch::Dashboard')[0]!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody).replaceAll('\\"', "'");
    expect(body).toContain('API latency');
    expect(body).toContain(`'Latency','ApiId'`);
    for (const p of ['p50', 'p90', 'p99']) expect(body).toContain(`'stat':'${p}'`);
    expect(body).toContain('API error rate');
    expect(body).toContain('100 * server / requests');
  });

  it('reserved concurrency of the workers comes from context', () => {
    for (const prefix of ['Fuhua stream worker', 'Fuhua reactions', 'Fuhua scheduled jobs']) {
      expect(fnId(prod, prefix)[1].Properties.ReservedConcurrentExecutions, prefix).toBe(3);
    }
    for (const domain of API_FUNCTION_DOMAINS)
      expect(fnId(prod, `Fuhua HTTP API (Hono): ${domain} `)[1].Properties.ReservedConcurrentExecutions, domain).toBe(40);
  });
});
