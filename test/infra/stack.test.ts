import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ISSUER } from '../../infra/local/identity';
import { API_FUNCTION_DOMAINS } from '../../infra/constructs/bundling';
import { DOCS_ASSET_FILES, DOCS_ASSETS_DIR, FALLBACK_DOMAIN, PUBLIC_ROUTES } from '../../infra/stacks/api';
import { API_DOMAINS } from '../../functions/api/domains';
import { routes as allRoutes } from '../../functions/api/routes';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../shared/db/table';
import { ROLES } from '../../shared/roles';
import { resources, synth } from './synth';

let dev: Template;
let prod: Template;
let devOutdir: string;

beforeAll(() => {
  const synthesized = synth({ stage: 'dev' });
  dev = synthesized.template;
  devOutdir = synthesized.app.outdir;
  prod = synth(
    {
      stage: 'prod',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/fuhua-prod-console/0f1e2d3c-0000-4000-8000-000000000000',
      tableMaxReadUnits: 1234,
      tableMaxWriteUnits: 567,
      apiRateLimit: 77,
      apiBurstLimit: 88,
      apiReservedConcurrency: 42,
    },
    { bundle: false },
  ).template;
  // Bundles eleven functions and builds the console: seconds on an idle machine, minutes on a busy one.
}, 300_000);

function table(template: Template) {
  const tables = resources(template, 'AWS::DynamoDB::Table');
  expect(tables).toHaveLength(1);
  return tables[0]![1];
}

/**
 * Our functions: every Lambda function but the providers CDK itself adds for custom resources (in
 * dev, the one that empties the documents buckets when the stack is deleted; test/infra/documents.test.ts).
 */
function ownFunctions(template: Template) {
  // Not CDK's own providers (auto-deleting dev buckets, copying the console's files into its bucket).
  return resources(template, 'AWS::Lambda::Function').filter(([id]) => !id.includes('CustomResourceProvider') && !id.startsWith('CustomCDKBucketDeployment'));
}

/** The API's functions, one per domain (functions/api/domains/). */
function apiFunctions(template: Template) {
  const found = resources(template, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties.Description ?? '').startsWith('Fuhua HTTP API'));
  expect(found.map(([, f]) => /: (\w+) -/.exec(f.Properties.Description)?.[1]).sort()).toEqual([...API_FUNCTION_DOMAINS].sort());
  return found;
}

function functionByDescription(template: Template, prefix: string) {
  const found = resources(template, 'AWS::Lambda::Function').filter(([, f]) => String(f.Properties.Description ?? '').startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
}

describe('the table', () => {
  it('has the keys and indexes of shared/db/table.ts, the same definition the local bootstrap uses', () => {
    const props = table(dev).Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes.map((i: any) => ({ name: i.IndexName, keys: i.KeySchema, projection: i.Projection.ProjectionType }))).toEqual(
      INDEXES.map((i) => ({
        name: i.name,
        keys: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      })),
    );
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('is on-demand with point-in-time recovery, a stream of new and old images, and encryption at rest', () => {
    const props = table(dev).Properties;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(props.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('caps on-demand throughput (table and every index) from context, so a runaway client cannot run up the bill', () => {
    const props = table(prod).Properties;
    expect(props.OnDemandThroughput).toEqual({ MaxReadRequestUnits: 1234, MaxWriteRequestUnits: 567 });
    for (const index of props.GlobalSecondaryIndexes) {
      expect(index.OnDemandThroughput, index.IndexName).toEqual({ MaxReadRequestUnits: 1234, MaxWriteRequestUnits: 567 });
    }
    expect(table(dev).Properties.OnDemandThroughput.MaxWriteRequestUnits).toBeGreaterThan(0);
  });

  it('is retained with deletion protection in prod, and neither in dev', () => {
    const p = table(prod);
    expect(p.Properties.DeletionProtectionEnabled).toBe(true);
    expect(p.DeletionPolicy).toBe('Retain');
    expect(p.UpdateReplacePolicy).toBe('Retain');
    const d = table(dev);
    expect(d.Properties.DeletionProtectionEnabled).toBe(false);
    expect(d.DeletionPolicy).toBe('Delete');
  });
});

describe('the functions', () => {
  it('every one runs Node.js 22 or newer on arm64, untraced, with source maps, in Beijing time, its stage and a log group with retention', () => {
    const functions = ownFunctions(dev);
    expect(functions.length).toBeGreaterThanOrEqual(2);
    const logGroups = dev.findResources('AWS::Logs::LogGroup');
    for (const [id, fn] of functions) {
      const p = fn.Properties;
      expect(Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1]), id).toBeGreaterThanOrEqual(22);
      expect(p.Architectures, id).toEqual(['arm64']);
      // No X-Ray (node-function.ts says why), so no X-Ray permissions either.
      expect(p.TracingConfig, id).toBeUndefined();
      expect(p.Environment.Variables.FUHUA_STAGE, id).toBe('dev');
      expect(p.Environment.Variables.NODE_OPTIONS, id).toContain('--enable-source-maps');
      // Every calendar rule runs in Beijing time, the same setting the local server reads.
      expect(p.Environment.Variables.FUHUA_TIME_ZONE, id).toBe('Asia/Shanghai');
      const logGroupId = p.LoggingConfig?.LogGroup?.Ref;
      expect(logGroups[logGroupId]?.Properties.RetentionInDays, id).toBe(14);
    }
    for (const [id, prodFn] of apiFunctions(prod)) {
      expect(prod.findResources('AWS::Logs::LogGroup')[prodFn.Properties.LoggingConfig.LogGroup.Ref]!.Properties.RetentionInDays, id).toBe(365);
    }
  });

  it('mentors open no documents unless the context names the types, and a wrong type stops the synth', () => {
    for (const [id, fn] of ownFunctions(dev)) expect(fn.Properties.Environment.Variables.FUHUA_MENTOR_DOCUMENT_TYPES, id).toBeUndefined();
    const opened = synth({ mentorDocumentTypes: 'business_plan, lease' }, { bundle: false }).template;
    for (const [id, api] of apiFunctions(opened)) expect(api.Properties.Environment.Variables.FUHUA_MENTOR_DOCUMENT_TYPES, id).toBe('business_plan,lease');
    expect(() => synth({ mentorDocumentTypes: 'business_plan,passport' }, { bundle: false })).toThrow(/mentorDocumentTypes.*passport/);
  });

  it('each API function reads its keys through the Parameters and Secrets extension and leaves reactions to the stream', () => {
    for (const [, api] of apiFunctions(dev)) {
      const env = api.Properties.Environment.Variables;
      expect(env.FUHUA_EVENTS).toBe('stream');
      expect(env.FUHUA_SECRET_ID).toEqual({ Ref: expect.stringMatching(/^DataKeys/) });
      expect(env.TABLE_NAME).toEqual({ Ref: expect.stringMatching(/^DataTable/) });
      // A silent DynamoDB request is given up and retried (safely: transactions carry a token).
      expect(env.DYNAMODB_REQUEST_TIMEOUT_MS).toBe('3000');
      expect(JSON.stringify(api.Properties.Layers)).toMatch(/Paramsandsecretslayer/i);
    }
  });

  it('a deployed API function can never run with local identity: no local key, token secret or secrets file', () => {
    for (const [id, fn] of resources(dev, 'AWS::Lambda::Function')) {
      const names = Object.keys(fn.Properties.Environment?.Variables ?? {});
      expect(names, id).not.toContain('FUHUA_SECRETS_FILE');
      expect(
        names.filter((n) => /jwt|local|dynamodb_endpoint/i.test(n)),
        id,
      ).toEqual([]);
    }
  });

  it('no deployed API bundle holds code that verifies locally signed tokens', () => {
    for (const [id, api] of apiFunctions(dev)) {
      const code = readFileSync(join(devOutdir, `asset.${String(api.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
      expect(code.length, id).toBeGreaterThan(100_000);
      expect(code, id).toContain('cognito:groups');
      expect(code, id).not.toContain(LOCAL_ISSUER);
      expect(code, id).not.toContain('HS256');
    }
  });

  it('reserved concurrency of each API function comes from context', () => {
    for (const [id, fn] of apiFunctions(prod)) expect(fn.Properties.ReservedConcurrentExecutions, id).toBe(42);
    for (const [id, fn] of apiFunctions(dev)) expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
  });
});

describe('least privilege', () => {
  const statements = (template: Template) =>
    resources(template, 'AWS::IAM::Policy').flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as any[]).map((s) => ({ id, ...s })));
  const list = (x: unknown) => (Array.isArray(x) ? x : [x]);

  const ownStatements = (template: Template) => statements(template).filter((s) => !s.id.startsWith('CustomCDKBucketDeployment'));

  it('grants no wildcard actions, and Resource "*" only for actions that have no resource-level permissions', () => {
    const allowedOnStar = new Set(['dynamodb:ListStreams']);
    for (const s of ownStatements(dev)) {
      for (const action of list(s.Action)) expect(String(action), s.id).not.toMatch(/\*/);
      if (list(s.Resource).includes('*')) {
        for (const action of list(s.Action)) expect(allowedOnStar, `${s.id} ${action} on *`).toContain(action);
      }
    }
  });

  it("CDK's deployment of the console touches the console bucket and CDK's assets only: never the documents, the table or the keys", () => {
    const deployment = statements(dev).filter((s) => s.id.startsWith('CustomCDKBucketDeployment'));
    expect(deployment.length).toBeGreaterThan(0);
    const text = JSON.stringify(deployment);
    expect(text).toMatch(/ConsoleBucket/);
    expect(text).not.toMatch(/DocumentsBucket|DataTable|DataKeys|dynamodb:|secretsmanager:/);
    for (const s of deployment.filter((s) => list(s.Resource).includes('*'))) {
      for (const action of list(s.Action)) expect(String(action)).toMatch(/^cloudfront:(Create|Get)Invalidation$/);
    }
  });

  it('no function may scan or administer the table; the API reads and writes items', () => {
    const dynamo = statements(dev).filter((s) => list(s.Action).some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const s of dynamo) {
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:UpdateTable', 'dynamodb:*'])
        expect(list(s.Action), s.id).not.toContain(forbidden);
    }
    for (const domain of API_FUNCTION_DOMAINS) {
      const api = dynamo.filter((s) => s.id.toLowerCase().startsWith(`api${domain}function`));
      expect(
        api.flatMap((s) => list(s.Action)),
        domain,
      ).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']));
    }
  });

  it('the docs function has no access to the table or the keys', () => {
    const docs = statements(dev).filter((s) => s.id.startsWith('ApiDocsFunction'));
    expect(docs.flatMap((s) => list(s.Action)).filter((a: string) => /^(dynamodb|secretsmanager):/.test(a))).toEqual([]);
  });
});

describe('the HTTP API', () => {
  it('verifies Cognito tokens: issuer is the user pool, audience the app client', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        // The API client (scripts, SRP) and the console's client (managed login).
        Audience: [{ Ref: Match.stringLikeRegexp('^AuthUsersApiClient') }, { Ref: Match.stringLikeRegexp('^ConsoleConsoleClient|^AuthUsersConsoleClient') }],
        Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthUsers'), 'ProviderURL'] },
      },
    });
  });

  const gatewayRoutes = () => resources(dev, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
  const integrationOf = (route: any) => String(route.Target['Fn::Join'][1][1].Ref);
  const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

  it('routes every API route to exactly one function, its domain’s, and nothing twice', () => {
    const routes = gatewayRoutes();
    const keys = routes.map((r) => r.RouteKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Every declared route is a route of API Gateway, and every domain's list is part of the API.
    expect(Object.values(API_DOMAINS).flat().length).toBe(allRoutes.length);
    for (const route of allRoutes) expect(keys, key(route.method, route.path)).toContain(key(route.method, route.path));
    const integrations = resources(dev, 'AWS::ApiGatewayV2::Integration');
    const functionOf = (integrationId: string) => JSON.stringify(integrations.find(([id]) => id === integrationId)![1].Properties.IntegrationUri);
    for (const [domain, list] of Object.entries(API_DOMAINS)) {
      for (const route of list) {
        const gateway = routes.find((r) => r.RouteKey === key(route.method, route.path))!;
        expect(functionOf(integrationOf(gateway)).toLowerCase(), gateway.RouteKey).toContain(`api${domain}function`);
      }
    }
    // Paths no route declares reach one function, which answers 404.
    const fallback = routes.find((r) => r.RouteKey === 'ANY /{proxy+}')!;
    expect(functionOf(integrationOf(fallback)).toLowerCase()).toContain(`api${FALLBACK_DOMAIN}function`);
    expect(routes.length).toBe(allRoutes.length + PUBLIC_ROUTES.length + 1);
  });

  it('leaves no route of functions/api/routes/ out of the domains', async () => {
    const folder = join(import.meta.dirname, '../../functions/api/routes');
    const declared = new Set(allRoutes);
    let seen = 0;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'index.ts')) {
      const module: Record<string, unknown> = await import(join(folder, file));
      for (const [name, value] of Object.entries(module)) {
        if (!Array.isArray(value) || !value.every((r) => typeof r?.path === 'string' && typeof r?.handler === 'function')) continue;
        for (const route of value) {
          seen += 1;
          expect(declared.has(route), `${file} ${name}: ${route.method} ${route.path}`).toBe(true);
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(allRoutes.length);
  });

  it('puts the JWT authorizer on every route except the public ones, which have none', () => {
    const publicKeys = [
      ...PUBLIC_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)),
      ...allRoutes.filter((r) => r.access === 'public').map((r) => key(r.method, r.path)),
    ];
    expect(PUBLIC_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`)).sort()).toEqual([
      'GET /docs',
      'GET /docs/{proxy+}',
      'GET /health',
      'GET /openapi.json',
    ]);
    expect(publicKeys.filter((k) => k.includes('/v1/')).every((k) => k.includes('/v1/public/'))).toBe(true);
    // Exactly when: a route is `access: 'public'` if and only if API Gateway serves it without the authorizer.
    const withoutAuthorizer = new Set(
      gatewayRoutes()
        .filter((r) => r.AuthorizationType === 'NONE')
        .map((r) => r.RouteKey as string),
    );
    for (const route of allRoutes) {
      const where = `${route.method.toUpperCase()} ${route.path}`;
      expect(withoutAuthorizer.has(key(route.method, route.path)), where).toBe(route.access === 'public');
      expect(route.path.startsWith('/v1/public/'), where).toBe(route.access === 'public');
    }
    for (const route of gatewayRoutes()) {
      if (publicKeys.includes(route.RouteKey)) expect(route.AuthorizationType, route.RouteKey).toBe('NONE');
      else {
        expect(route.AuthorizationType, route.RouteKey).toBe('JWT');
        expect(route.AuthorizerId, route.RouteKey).toBeDefined();
      }
    }
  });

  it('lets API Gateway invoke each function once for the whole API, not once per route', () => {
    const permissions = resources(dev, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(permissions.length).toBe(API_FUNCTION_DOMAINS.length + 1);
  });

  it('throttles from context and writes access logs without personal data', () => {
    prod.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 77, ThrottlingBurstLimit: 88 },
    });
    const [, stage] = resources(dev, 'AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(Object.values(format).join(' ')).not.toMatch(/sourceIp|querystring|identity\./i);
  });

  it('the docs function ships Swagger UI beside its bundle and is told where', () => {
    const [, docs] = functionByDescription(dev, 'Fuhua API reference');
    expect(docs.Properties.Environment.Variables.FUHUA_DOCS_ASSETS).toBe(`/var/task/${DOCS_ASSETS_DIR}`);
    const asset = join(devOutdir, `asset.${String(docs.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    expect(existsSync(join(asset, 'index.mjs'))).toBe(true);
    for (const file of DOCS_ASSET_FILES) expect(statSync(join(asset, DOCS_ASSETS_DIR, file)).size, file).toBeGreaterThan(10_000);
  });

  it('the console is built at synth and deployed: hashed files for a year, index.html and config.json revalidated', () => {
    const deployments = resources(dev, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const [, assets] = deployments.find(([id]) => id.includes('DeployAssets'))!;
    const [, shell] = deployments.find(([id]) => id.includes('DeployShell'))!;
    const built = join(devOutdir, `asset.${String(assets.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    expect(existsSync(join(built, 'index.html'))).toBe(true);
    expect(readFileSync(join(built, 'index.html'), 'utf8')).toMatch(/assets\//);
    expect(assets.Properties.SystemMetadata['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(assets.Properties.Prune).toBe(false);
    expect(shell.Properties.SystemMetadata['cache-control']).toBe('no-cache');
    expect(shell.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
    expect(shell.Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('every function is bundled as minified ESM with its source map', () => {
    for (const [id, fn] of ownFunctions(dev)) {
      const asset = join(devOutdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      expect(fn.Properties.Handler, id).toBe('index.handler');
      expect(existsSync(join(asset, 'index.mjs.map')), id).toBe(true);
      // The docs function carries every route's schemas (it builds the whole OpenAPI document); every other stays far below.
      expect(statSync(join(asset, 'index.mjs')).size, id).toBeLessThan(id.startsWith('ApiDocsFunction') ? 2_000_000 : 1_500_000);
    }
  });
});

describe('identity', () => {
  it('has one Cognito group per role, and nothing else', () => {
    const groups = resources(dev, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('anyone may sign up, and a confirmed sign-up joins the applicant group through the post-confirmation trigger', () => {
    const [poolId, pool] = resources(dev, 'AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
    expect(pool.Properties.AutoVerifiedAttributes).toEqual(['email']);
    const [triggerId, trigger] = functionByDescription(dev, 'Fuhua sign-up');
    // Beside it the pre-token-generation trigger (test/infra/cloud-hardening.test.ts).
    expect(pool.Properties.LambdaConfig).toMatchObject({ PostConfirmation: { 'Fn::GetAtt': [triggerId, 'Arn'] } });
    const role = trigger.Properties.Role['Fn::GetAtt'][0];
    const statements = resources(dev, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const cognito = statements.filter((s: any) => String(s.Action).startsWith('cognito-idp:'));
    expect(cognito).toEqual([{ Action: 'cognito-idp:AdminAddUserToGroup', Effect: 'Allow', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } }]);
  });

  it('the app client signs in with SRP and has no secret (a public client)', () => {
    dev.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false, ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']) });
  });

  it('the service keys are generated as 43 base64-alphabet characters (32 bytes) and retained in prod', () => {
    const generated = resources(prod, 'AWS::SecretsManager::Secret').filter(([, s]) => s.Properties.GenerateSecretString);
    expect(generated).toHaveLength(2);
    for (const [, s] of generated) {
      expect(s.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 43, ExcludePunctuation: true, IncludeSpace: false });
      expect(s.DeletionPolicy).toBe('Retain');
    }
    const keys = resources(prod, 'AWS::SecretsManager::Secret').filter(([, s]) => s.Properties.SecretString);
    expect(keys).toHaveLength(1);
    expect(JSON.stringify(keys[0]![1].Properties.SecretString)).toMatch(/idNumberKey.*dataKey/);
  });
});
