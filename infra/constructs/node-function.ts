import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { auditKeys } from '../../shared/audit';
import { INDEXES, type IndexName } from '../../shared/db/table';
import { payoutKeys } from '../../shared/payouts';
import { mentorDocumentTypesOf, stageConfig, timeZoneOf } from '../config';
import { esbuildSettings } from './bundling';
import { acknowledge } from './nag';

/** The repository root: entries, the lockfile and node_modules are found from here. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The runtime of every function. Bundles target `ESBUILD_TARGET` (node22), which the newer runtime
 * runs unchanged; the newest runtime keeps the functions on a supported Node.js the longest.
 */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

/** What a function may do with the table: read only, or read and write. */
export type TableAccess = 'RO' | 'RW';

/** The DynamoDB actions behind each access mode. No Scan (the code never scans), no table admin. */
export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  // TransactGetItems is authorized as GetItem on each item; ConditionCheckItem backs transaction conditions.
  RO: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  // TransactWriteItems is authorized as PutItem/UpdateItem/DeleteItem/ConditionCheckItem on each item.
  // No BatchWriteItem: the code never batch-writes (every write is a transaction or a single
  // write), and a batch of deletes is what a stolen role would want.
  RW: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
};

/**
 * Partition keys of the items that are append-only: audit records (`AUDIT#<entity>`), ledger
 * entries (`LEDGER_ENTRY#<id>`) and the once-per-claim payment guard (`PAID_ONCE#<claim>`), taken
 * from the repositories' own key functions so that they cannot drift apart. The mutable counter of
 * an entry's reversals has a partition of its own (`LEDGER_REVERSALS#<id>`) so that it is not caught.
 */
export const APPEND_ONLY_PARTITIONS: readonly string[] = [auditKeys.entity('*'), payoutKeys.entry('*').pk, payoutKeys.paidOnce('*').pk];

/** The actions the deny on append-only items covers. */
export const APPEND_ONLY_DENIED_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/**
 * What the API may do with document files, under `documents/` only: sign uploads (a presigned POST
 * is authorized as PutObject), read a file to check it and sign downloads (GetObject, also behind
 * HeadObject), remove a file that will never be served. No ACLs, tagging or bucket settings.
 */
export const DOCUMENT_OBJECT_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] as const;

export interface NodeFunctionProps {
  /** Entry file, relative to the repository root (e.g. `functions/api/handler.ts`). */
  entry: string;
  description: string;
  logRetentionDays: number;
  /** Whether the log group is kept when the stack is deleted. */
  retainLogs: boolean;
  memorySize?: number;
  timeout?: Duration;
  reservedConcurrency?: number | undefined;
  environment?: Record<string, string>;
  /** The service's keys: read at run time through the Parameters and Secrets extension. */
  secret?: ISecret;
  /** Extra files to ship beside the bundle. */
  commandHooks?: ICommandHooks;
}

/**
 * A Node.js Lambda function with Fuhua's defaults in one place: arm64, the Node.js runtime above,
 * no X-Ray tracing, a log group with retention, and the bundle the benchmark measures (local esbuild,
 * ESM, minified, source maps, the AWS SDK bundled and tree-shaken).
 */
export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    if (!Object.values(RetentionDays).includes(props.logRetentionDays as RetentionDays)) {
      throw new Error(`logRetentionDays ${props.logRetentionDays} is not a retention CloudWatch Logs supports.`);
    }
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      // No X-Ray: without instrumented clients its traces showed only Lambda's own segment, which the
      // REPORT log lines (duration, init duration) already give; the SDK would cost cold-start time.
      tracing: Tracing.DISABLED,
      logGroup,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'fuhua',
        // Stack traces point into the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
        // Every calendar rule (days, months, "today") is in the centre's time zone.
        FUHUA_TIME_ZONE: timeZoneOf(scope.node),
        // The stage dimension of the failure metrics the alarms count (shared/metrics.ts).
        FUHUA_STAGE: stageConfig(scope.node).stage,
        // Which document types mentors may open on their startups (none unless the centre says so).
        ...(mentorDocumentTypesOf(scope.node) ? { FUHUA_MENTOR_DOCUMENT_TYPES: mentorDocumentTypesOf(scope.node) } : {}),
        ...props.environment,
        ...(props.secret ? { FUHUA_SECRET_ID: props.secret.secretArn } : {}),
      },
      ...(props.secret
        ? {
            paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
              cacheEnabled: true,
              cacheSize: 10,
              secretsManagerTtl: Duration.minutes(5),
              logLevel: ParamsAndSecretsLogLevel.WARN,
            }),
          }
        : {}),
      bundling: {
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        format: OutputFormat.ESM,
        target: esbuildSettings.target,
        minify: esbuildSettings.minify,
        sourceMap: esbuildSettings.sourcemap,
        mainFields: esbuildSettings.mainFields,
        // Bundle the AWS SDK too: tree-shaken and pinned to the version the tests ran with.
        bundleAwsSDK: true,
        externalModules: esbuildSettings.external,
        banner: esbuildSettings.banner.js,
        ...(props.commandHooks ? { commandHooks: props.commandHooks } : {}),
      },
    });
    props.secret?.grantRead(this);
    acknowledge(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets the function write its own logs; it is the standard policy for that.',
    );
  }

  /**
   * Lets the function use the table with the least privilege its access mode needs (only the named
   * indexes, default all) and tells it the table's name: the one place both happen.
   */
  bindTable(table: ITable, access: TableAccess, indexes: readonly IndexName[] = INDEXES.map((i) => i.name)): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn, ...indexes.map((name) => `${table.tableArn}/index/${name}`)],
      }),
    );
    if (access === 'RW') {
      /*
       * Append-only in IAM too: no UpdateItem or DeleteItem of an audit record, a ledger entry or
       * a paid-once guard, alone or inside TransactWriteItems (each of its actions is authorized as
       * the single-item action on its item). `dynamodb:LeadingKeys` is the item's partition key:
       * one value for these actions, so ForAllValues means "this key matches", and a request with
       * no key at all would be denied too (ForAllValues over nothing is true: it fails closed).
       * What it does not cover: PutItem. New audit records and entries are Puts and must stay
       * allowed; the code writes them with `attribute_not_exists(pk)`, but IAM cannot see a
       * request's condition expression, so a Put that replaces an existing item is stopped by the
       * code, not by this policy (point-in-time recovery and the table's stream keep what was).
       * Nor does it cover TTL expiry, which DynamoDB itself performs; these items carry no TTL.
       */
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: [...APPEND_ONLY_DENIED_ACTIONS],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...APPEND_ONLY_PARTITIONS] } },
        }),
      );
    }
    this.addEnvironment('TABLE_NAME', table.tableName);
    // A request DynamoDB leaves unanswered is given up after 3 s and retried by the SDK; the
    // transaction's ClientRequestToken makes that retry safe (shared/db/client.ts, transact.ts).
    this.addEnvironment('DYNAMODB_REQUEST_TIMEOUT_MS', '3000');
    // The table is encrypted with the AWS-managed key, which needs no kms:Decrypt grant here.
    return this;
  }

  /** Lets the function sign uploads and downloads of document files and check them; tells it the bucket. */
  bindDocuments(bucket: IBucket): this {
    this.addToRolePolicy(new PolicyStatement({ actions: [...DOCUMENT_OBJECT_ACTIONS], resources: [bucket.arnForObjects('documents/*')] }));
    const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnBucket);
    acknowledge(
      this,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/documents/*]`,
      'Every document has its own key under documents/, chosen when it is requested; the function works on any of them and on nothing else.',
    );
    // Without ListBucket S3 answers a missing file with 403, not 404, and an upload not yet made
    // would look like a fault. Listing shows only keys, which are document ids the table holds anyway.
    this.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    this.addEnvironment('DOCUMENTS_BUCKET', bucket.bucketName);
    return this;
  }
}
