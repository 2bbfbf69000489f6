import { ArnFormat, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config';

/** CloudFront's web ACLs (scope CLOUDFRONT) and their logs exist only in us-east-1. */
export const EDGE_REGION = 'us-east-1';

/** The anonymous part of the API, which the rate-based rule counts. */
export const PUBLIC_PATH_PREFIX = '/v1/public/';

/** WAF delivers logs only to a log group whose name starts so. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

export const WEB_ACL_ARN_OUTPUT = 'WebAclArn';

export function edgeStackName(stage: string): string {
  return `Fuhua-${stage}-edge`;
}

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The console distribution's web ACL, in a stack of its own in us-east-1.
 *
 * Why a second stack, and why its ARN reaches the distribution as context (`webAclArn`) rather
 * than as a cross-stack reference: a CloudFront web ACL can only be created in us-east-1, while
 * the main stack is environment-agnostic (it synthesizes offline, with no account or region, and
 * deploys to whatever region the shell names, e.g. cn-north-1). CDK's `crossRegionReferences`
 * needs both stacks pinned to a concrete region at synth, which would end that; a custom resource
 * reading the ARN at deploy time would add a Lambda function and its permissions to the main stack
 * and would not notice when the ACL is replaced. An explicit ARN is one value the operator copies
 * once from this stack's `WebAclArn` output, checked by `stageConfig`, and prod refuses to deploy
 * without it (or an explicit `none`, for AWS China, whose WAF is regional only).
 *
 * One rule today: each client address may send `publicRequestsPer5Minutes` requests to
 * `/v1/public/*` (the routes without the authorizer) in any 5 minutes; more are blocked until its
 * rate falls again. Behind CloudFront the web ACL sees the viewer's own address, so it counts per
 * client, not per edge. Authenticated routes are throttled by the API stage and their functions.
 * Every request the web ACL sees is logged to `aws-waf-logs-fuhua-<stage>` (kept for
 * `logRetentionDays`, retained in prod), with the Authorization and Cookie headers redacted.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION } });
    const { config } = props;
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `fuhua-${config.stage}-${name}` });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `fuhua-${config.stage}-console`,
      description: `Fuhua ${config.stage}: the CloudFront distribution of the console and the API`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric('web-acl'),
      rules: [
        {
          name: 'public-api-rate-per-client',
          priority: 0,
          action: { block: {} },
          visibilityConfig: metric('public-api-rate'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: config.publicRequestsPer5Minutes,
              evaluationWindowSec: 300,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: PUBLIC_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });

    this.logs = new LogGroup(this, 'WafLogs', {
      logGroupName: `${WAF_LOG_GROUP_PREFIX}fuhua-${config.stage}`,
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` that LogGroup.logGroupArn ends with.
      logDestinationConfigs: [
        this.formatArn({ service: 'logs', resource: 'log-group', resourceName: this.logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      // Tokens and cookies never reach the logs; the client address does (it is what the rule counts).
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: 'cookie' } }],
    });

    new CfnOutput(this, WEB_ACL_ARN_OUTPUT, {
      value: this.webAcl.attrArn,
      description: `The console's web ACL: deploy Fuhua-${config.stage} with --context webAclArn=<this>`,
    });
  }
}
