import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPEND_ONLY_PARTITIONS, TABLE_ACTIONS } from '../../infra/constructs/node-function';
import { EDGE_REGION, PUBLIC_PATH_PREFIX, WAF_LOG_GROUP_PREFIX } from '../../infra/stacks/edge';
import { auditKeys } from '../../shared/audit/repository';
import { payoutKeys } from '../../shared/payouts/repository';
import { resources, synth, synthEdge } from './synth';

/**
 * The cloud's share of issue 17: staff tokens need TOTP and prod has threat protection; the
 * anonymous routes are rate-limited per client by a web ACL whose logs are kept; audit and ledger
 * items are append-only in IAM too, and no function may batch-write. Templates only (no bundling).
 */
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/fuhua-prod-console/0f1e2d3c-0000-4000-8000-000000000000';

let dev: Template;
let prod: Template;

beforeAll(() => {
  dev = synth({ stage: 'dev' }, { bundle: false }).template;
  prod = synth({ stage: 'prod', webAclArn: WEB_ACL }, { bundle: false }).template;
}, 300_000);

const pool = (template: Template) => {
  const pools = resources(template, 'AWS::Cognito::UserPool');
  expect(pools).toHaveLength(1);
  return pools[0]!;
};
const functionByDescription = (template: Template, prefix: string) => {
  const found = resources(template, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties.Description ?? '').startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
};
const policiesOf = (template: Template, roleLogicalId: string) =>
  resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleLogicalId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
const list = (x: unknown) => (Array.isArray(x) ? x : [x]);

describe('staff MFA and threat protection (Cognito)', () => {
  it('offers TOTP (no SMS) with MFA optional, so applicants can sign up without an authenticator app', () => {
    for (const template of [dev, prod]) {
      const [, p] = pool(template);
      expect(p.Properties.MfaConfiguration).toBe('OPTIONAL');
      expect(p.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
      expect(p.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    }
  });

  it('runs the pre-token-generation trigger (event version 2: ID and access tokens) beside the sign-up trigger', () => {
    for (const template of [dev, prod]) {
      const [, p] = pool(template);
      const [triggerId] = functionByDescription(template, 'Fuhua sign-in');
      const [signUpId] = functionByDescription(template, 'Fuhua sign-up');
      expect(p.Properties.LambdaConfig).toEqual({
        PostConfirmation: { 'Fn::GetAtt': [signUpId, 'Arn'] },
        PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [triggerId, 'Arn'] }, LambdaVersion: 'V2_0' },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [triggerId, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
      });
    }
  });

  it('the trigger may read users of its own pool (AdminGetUser) and nothing else of Cognito, and has no table or keys', () => {
    const [poolId] = pool(dev);
    const [, trigger] = functionByDescription(dev, 'Fuhua sign-in');
    const statements = policiesOf(dev, trigger.Properties.Role['Fn::GetAtt'][0]);
    expect(statements.filter((s) => list(s.Action).some((a: string) => a.startsWith('cognito-idp:')))).toEqual([
      { Action: 'cognito-idp:AdminGetUser', Effect: 'Allow', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
    ]);
    expect(statements.flatMap((s) => list(s.Action)).filter((a: string) => /^(dynamodb|secretsmanager|s3):/.test(a))).toEqual([]);
    expect(Object.keys(trigger.Properties.Environment.Variables)).not.toContain('TABLE_NAME');
  });

  it('turns threat protection on (Plus plan, enforced) in prod only', () => {
    const [, p] = pool(prod);
    expect(p.Properties.UserPoolTier).toBe('PLUS');
    expect(p.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const [, d] = pool(dev);
    expect(d.Properties.UserPoolTier).toBe('ESSENTIALS');
    expect(d.Properties.UserPoolAddOns).toBeUndefined();
  });
});

describe('the web ACL of the console distribution (edge stack, us-east-1)', () => {
  it('lives in us-east-1 with scope CLOUDFRONT, allowing by default', () => {
    const { stack, template } = synthEdge({ stage: 'prod' });
    expect(stack.region).toBe(EDGE_REGION);
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('blocks a client address that sends more than the limit to /v1/public/* in 5 minutes', () => {
    const { template } = synthEdge({ stage: 'prod', publicRequestsPer5Minutes: 120 });
    const [, acl] = resources(template, 'AWS::WAFv2::WebACL')[0]!;
    const rules = acl.Properties.Rules as any[];
    expect(rules).toHaveLength(1);
    expect(rules[0].Action).toEqual({ Block: {} });
    expect(rules[0].VisibilityConfig.CloudWatchMetricsEnabled).toBe(true);
    expect(rules[0].Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: 120,
      EvaluationWindowSec: 300,
      ScopeDownStatement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: PUBLIC_PATH_PREFIX,
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    });
    expect(PUBLIC_PATH_PREFIX).toBe('/v1/public/');
    // The default limit, and a limit AWS WAF would refuse stops the synth.
    expect(resources(synthEdge().template, 'AWS::WAFv2::WebACL')[0]![1].Properties.Rules[0].Statement.RateBasedStatement.Limit).toBe(300);
    expect(() => synthEdge({ publicRequestsPer5Minutes: 5 })).toThrow(/publicRequestsPer5Minutes/);
  });

  it('logs to an aws-waf-logs- log group kept for the stage’s retention (retained in prod), without tokens or cookies', () => {
    const { template } = synthEdge({ stage: 'prod' });
    const [[logsId, logs]] = resources(template, 'AWS::Logs::LogGroup') as [[string, any]];
    expect(logs.Properties.LogGroupName).toBe(`${WAF_LOG_GROUP_PREFIX}fuhua-prod`);
    expect(logs.Properties.RetentionInDays).toBe(365);
    expect(logs.DeletionPolicy).toBe('Retain');
    const [, logging] = resources(template, 'AWS::WAFv2::LoggingConfiguration')[0]!;
    const [aclId] = resources(template, 'AWS::WAFv2::WebACL')[0]!;
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    // The log group's ARN without the trailing ':*' (WAF refuses it), built from its name.
    const destination = JSON.stringify(logging.Properties.LogDestinationConfigs);
    expect(destination).toContain(':log-group:');
    expect(destination).toContain(logsId);
    expect(destination).not.toContain(':*');
    expect(logging.Properties.RedactedFields).toEqual([{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }]);
    const devLogs = resources(synthEdge({ stage: 'dev' }).template, 'AWS::Logs::LogGroup')[0]![1];
    expect(devLogs.Properties.RetentionInDays).toBe(14);
    expect(devLogs.DeletionPolicy).toBe('Delete');
  });

  it('outputs its ARN, which the main stack attaches to the distribution', () => {
    const { template } = synthEdge({ stage: 'prod' });
    expect(Object.keys(template.findOutputs('WebAclArn'))).toEqual(['WebAclArn']);
    const [, distribution] = resources(prod, 'AWS::CloudFront::Distribution')[0]!;
    expect(distribution.Properties.DistributionConfig.WebACLId).toBe(WEB_ACL);
  });

  it('prod refuses to deploy without a web ACL unless told there is none; dev warns', () => {
    const { stack } = synth({ stage: 'prod' }, { bundle: false });
    Annotations.fromStack(stack).hasError('/Fuhua-prod/Console/Distribution', Match.stringLikeRegexp('No web ACL'));
    const none = synth({ stage: 'prod', webAclArn: 'none' }, { bundle: false });
    Annotations.fromStack(none.stack).hasNoError('*', Match.anyValue());
    expect(resources(none.template, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig.WebACLId).toBeUndefined();
    Annotations.fromStack(synth({ stage: 'dev' }, { bundle: false }).stack).hasWarning('/Fuhua-dev/Console/Distribution', Match.stringLikeRegexp('No web ACL'));
    expect(() => synth({ webAclArn: 'arn:aws:wafv2:cn-north-1:123456789012:regional/webacl/x/y' }, { bundle: false })).toThrow(/webAclArn/);
  });
});

describe('append-only in IAM', () => {
  const statements = (template: Template) =>
    resources(template, 'AWS::IAM::Policy').flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as any[]).map((s) => ({ id, ...s })));
  const writers = (template: Template) =>
    resources(template, 'AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.PolicyDocument.Statement as any[]).some((s) => s.Effect === 'Allow' && list(s.Action).includes('dynamodb:PutItem')))
      .map(([id, p]) => [id, p.Properties.PolicyDocument.Statement as any[]] as const);

  it('the deny names exactly the partitions of audit records, ledger entries and paid-once guards, from their key functions', () => {
    expect([...APPEND_ONLY_PARTITIONS].sort()).toEqual(['AUDIT#*', 'LEDGER_ENTRY#*', 'PAID_ONCE#*']);
    const like = (key: string) => APPEND_ONLY_PARTITIONS.some((p) => new RegExp(`^${p.replace('*', '.*')}$`).test(key));
    expect(like(auditKeys.entity('01JABCDEF'))).toBe(true);
    expect(like(payoutKeys.entry('01JENTRY').pk)).toBe(true);
    expect(like(payoutKeys.paidOnce('01JCLAIM').pk)).toBe(true);
    // What the code updates must stay updatable: the reversal counter has its own partition.
    expect(like(payoutKeys.reversals('01JENTRY').pk)).toBe(false);
    expect(like(payoutKeys.batch('01JBATCH').pk)).toBe(false);
  });

  it('every role that writes the table has an explicit deny of UpdateItem and DeleteItem on those partitions', () => {
    for (const template of [dev, prod]) {
      const found = writers(template);
      // Six API functions, the reactions and the schedules.
      expect(found.length).toBe(8);
      for (const [id, policy] of found) {
        const denies = policy.filter((s) => s.Effect === 'Deny');
        expect(denies, id).toEqual([
          {
            Effect: 'Deny',
            Action: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
            Resource: { 'Fn::GetAtt': [expect.stringMatching(/^DataTable/), 'Arn'] },
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*', 'LEDGER_ENTRY#*', 'PAID_ONCE#*'] } },
          },
        ]);
        // New audit records and entries are Puts: never denied.
        expect(
          denies.flatMap((s) => list(s.Action)),
          id,
        ).not.toContain('dynamodb:PutItem');
      }
    }
  });

  it('no role is granted BatchWriteItem (the code never batch-writes) or any dynamodb wildcard', () => {
    expect(TABLE_ACTIONS.RW).not.toContain('dynamodb:BatchWriteItem');
    for (const template of [dev, prod]) {
      for (const s of statements(template).filter((s) => s.Effect === 'Allow')) {
        for (const action of list(s.Action)) {
          expect(String(action), s.id).not.toBe('dynamodb:BatchWriteItem');
          expect(String(action), s.id).not.toMatch(/^dynamodb:.*\*/);
        }
      }
    }
  });
});
