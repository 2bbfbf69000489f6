import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, type HttpRoute, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge } from '../constructs/nag';
import { Construct } from 'constructs';
import { API_FUNCTION_DOMAINS, type ApiFunctionDomain, apiFunctionEntry, FUNCTION_ENTRIES } from '../constructs/bundling';
import { apiGatewayRoutes } from './api-routes';
import { NodeFunction } from '../constructs/node-function';
import type { StageConfig } from '../config';

/** Where the docs function finds Swagger UI's files inside its deployment package. */
export const DOCS_ASSETS_DIR = 'docs-assets';
export const DOCS_ASSET_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;

/** Routes anyone may call besides the public API routes: health and the API reference. */
export const PUBLIC_ROUTES = [
  { path: '/health', methods: [HttpMethod.GET], target: 'supervision' },
  { path: '/openapi.json', methods: [HttpMethod.GET], target: 'docs' },
  { path: '/docs', methods: [HttpMethod.GET], target: 'docs' },
  { path: '/docs/{proxy+}', methods: [HttpMethod.GET], target: 'docs' },
] as const;

/** Paths no route declares go to this function, which answers them with a problem+json 404. */
export const FALLBACK_DOMAIN: ApiFunctionDomain = 'supervision';

const DOMAIN_DESCRIPTIONS: Record<ApiFunctionDomain, string> = {
  people: 'applicants, change requests, applications, startups',
  space: 'communities, units, allocations',
  mentoring: 'mentors, sessions, events',
  money: 'programmes, claims, disclosure, payouts, loans',
  documents: 'document uploads and downloads',
  supervision: 'reports, risk, audit, calendar',
};

export interface ApiProps {
  config: StageConfig;
  table: Table;
  keys: ISecret;
  documents: IBucket;
  userPool: UserPool;
  client: UserPoolClient;
}

/**
 * The HTTP API: every route needs a Cognito token verified by API Gateway's JWT authorizer, except
 * the public ones. Each domain's function reads the verified claims only (functions/api/lambda.ts).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** One function per domain of the API (functions/api/domains/). */
  readonly apiFunctions: Record<ApiFunctionDomain, NodeFunction>;
  readonly docsFunction: NodeFunction;
  /** App clients whose tokens the authorizer accepts: the API client, and the console's once it exists. */
  private readonly audiences: string[];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config } = props;
    this.audiences = [props.client.userPoolClientId];

    const apiFunction = (domain: ApiFunctionDomain) => {
      const fn = new NodeFunction(this, `${domain[0]!.toUpperCase()}${domain.slice(1)}Function`, {
        entry: apiFunctionEntry(domain),
        description: `Fuhua HTTP API (Hono): ${domain} - ${DOMAIN_DESCRIPTIONS[domain]}`,
        logRetentionDays: config.logRetentionDays,
        retainLogs: config.retainData,
        timeout: Duration.seconds(15),
        reservedConcurrency: config.apiReservedConcurrency,
        secret: props.keys,
        // Reactions to domain events run from the table's stream (workers), not inside requests.
        environment: { FUHUA_EVENTS: 'stream' },
      }).bindTable(props.table, 'RW');
      // Only the documents function reaches the documents bucket.
      return domain === 'documents' ? fn.bindDocuments(props.documents) : fn;
    };
    this.apiFunctions = Object.fromEntries(API_FUNCTION_DOMAINS.map((domain) => [domain, apiFunction(domain)])) as Record<ApiFunctionDomain, NodeFunction>;

    const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    this.docsFunction = new NodeFunction(this, 'DocsFunction', {
      entry: FUNCTION_ENTRIES.docs,
      description: 'Fuhua API reference: OpenAPI document and Swagger UI (served from the package, no CDN)',
      logRetentionDays: config.logRetentionDays,
      retainLogs: config.retainData,
      memorySize: 512,
      environment: { FUHUA_DOCS_ASSETS: `/var/task/${DOCS_ASSETS_DIR}` },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir: string, outputDir: string) => [
          `mkdir -p "${outputDir}/${DOCS_ASSETS_DIR}"`,
          ...DOCS_ASSET_FILES.map((file) => `cp "${swaggerUi}/${file}" "${outputDir}/${DOCS_ASSETS_DIR}/${file}"`),
        ],
      },
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', props.userPool.userPoolProviderUrl, {
      authorizerName: 'cognito',
      jwtAudience: Lazy.list({ produce: () => this.audiences }),
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `fuhua-${config.stage}`,
      description: 'Fuhua incubation API',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    // One integration (and one invoke permission) per function, not one per route.
    const integrate = (name: string, fn: NodeFunction) => new HttpLambdaIntegration(name, fn, { scopePermissionToRoute: false });
    const integrations: Record<ApiFunctionDomain | 'docs', HttpLambdaIntegration> = {
      ...(Object.fromEntries(API_FUNCTION_DOMAINS.map((domain) => [domain, integrate(domain, this.apiFunctions[domain])])) as Record<
        ApiFunctionDomain,
        HttpLambdaIntegration
      >),
      docs: integrate('Docs', this.docsFunction),
    };
    const none = new HttpNoneAuthorizer();
    const publicRoute = (created: HttpRoute[], why: string) => {
      for (const r of created) acknowledge(r, 'AwsSolutions-APIG4', why);
    };
    // Each route of the API goes to its domain's function; public ones without the authorizer.
    for (const route of apiGatewayRoutes()) {
      const created = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: integrations[route.domain],
        ...(route.public ? { authorizer: none } : {}),
      });
      if (route.public)
        publicRoute(created, `${route.method} ${route.path} is public by design: the public part of the API (disclosures, events, statistics).`);
    }
    for (const route of PUBLIC_ROUTES) {
      const created = this.httpApi.addRoutes({ path: route.path, methods: [...route.methods], integration: integrations[route.target], authorizer: none });
      publicRoute(created, `${route.path} is public by design: the health check or the API reference.`);
    }
    // Anything else, behind the authorizer, to one function that answers 404 (problem+json).
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.ANY], integration: integrations[FALLBACK_DOMAIN] });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Request ids, route, status and timing; no source IPs, query strings or bodies (personal data).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            responseLength: '$context.responseLength',
          }),
        ),
      },
    });
  }

  /** The authorizer accepts access tokens of this client too (Cognito puts it in `client_id`). */
  acceptTokensOf(client: UserPoolClient): void {
    this.audiences.push(client.userPoolClientId);
  }
}
