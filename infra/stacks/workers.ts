import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../shared/events';
import { jobs } from '../../functions/schedules/jobs';
import { describeSchedule } from '../../shared/jobs';
import { FUNCTION_ENTRIES } from '../constructs/bundling';
import { acknowledge } from '../constructs/nag';
import { NodeFunction } from '../constructs/node-function';
import type { StageConfig } from '../config';

export interface WorkersProps {
  config: StageConfig;
  table: Table;
  keys: ISecret;
}

/**
 * What runs unasked: the stream worker publishes the domain events of new audit records to the
 * bus; the reactions function runs the modules' reactions to them; one EventBridge schedule per job
 * of functions/schedules/jobs.ts invokes the schedules function. What cannot be delivered ends in the DLQ.
 */
export class Workers extends Construct {
  readonly bus: EventBus;
  readonly deadLetters: Queue;
  readonly streamFunction: NodeFunction;
  readonly reactionsFunction: NodeFunction;
  readonly schedulesFunction: NodeFunction;
  readonly scheduleRules: Record<string, Rule> = {};

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    const { config } = props;
    const common = {
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
      reservedConcurrency: config.workerReservedConcurrency,
    };

    this.bus = new EventBus(this, 'Bus', { eventBusName: `fuhua-${config.stage}` });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      queueName: `fuhua-${config.stage}-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetters,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the stream, the bus rule and the schedules; it has none of its own.',
    );

    this.streamFunction = new NodeFunction(this, 'StreamFunction', {
      ...common,
      entry: FUNCTION_ENTRIES.stream,
      description: 'Fuhua stream worker: publishes domain events of new audit records to EventBridge',
      memorySize: 512,
      timeout: Duration.seconds(30),
      environment: { EVENT_BUS_NAME: this.bus.eventBusName },
    });
    this.bus.grantPutEventsTo(this.streamFunction);
    this.streamFunction.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // Only new audit records that carry an event wake the function.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('audit') }, event: { M: FilterRule.exists() } } },
          }),
        ],
      }),
    );
    acknowledge(
      this.streamFunction,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing and dynamodb:ListStreams support no resource-level permissions; the stream itself is named in its own statement.',
    );

    const writer = (entry: string, description: string, name: string) =>
      new NodeFunction(this, name, {
        ...common,
        entry,
        description,
        timeout: Duration.seconds(60),
        secret: props.keys,
        // Changes these functions make publish their own events through the stream, like the API's.
        environment: { FUHUA_EVENTS: 'stream' },
      }).bindTable(props.table, 'RW');

    this.reactionsFunction = writer(FUNCTION_ENTRIES.reactions, 'Fuhua reactions: what the system does when a domain event happens', 'ReactionsFunction');
    new Rule(this, 'DomainEvents', {
      eventBus: this.bus,
      description: 'Every Fuhua domain event to the reactions function',
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [
        new LambdaFunction(this.reactionsFunction, {
          deadLetterQueue: this.deadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    this.schedulesFunction = writer(FUNCTION_ENTRIES.schedules, 'Fuhua scheduled jobs (functions/schedules/jobs.ts)', 'SchedulesFunction');
    for (const [name, job] of Object.entries(jobs)) {
      const s = describeSchedule(job.schedule);
      this.scheduleRules[name] = new Rule(this, `Job-${name}`, {
        description: job.description.slice(0, 512),
        schedule: s.hour === undefined ? Schedule.rate(Duration.minutes(s.everyMinutes)) : Schedule.cron({ hour: String(s.hour), minute: String(s.minute) }),
        targets: [
          new LambdaFunction(this.schedulesFunction, {
            event: RuleTargetInput.fromObject({ job: name }),
            deadLetterQueue: this.deadLetters,
            retryAttempts: 2,
          }),
        ],
      });
    }
  }
}
