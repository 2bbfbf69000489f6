import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Annotations, AssetHashType, Aws, DockerImage, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  CfnManagedLoginBranding,
  ManagedLoginVersion,
  OAuthScope,
  UserPoolClientIdentityProvider,
  type UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { acknowledge } from '../constructs/nag';
import { edgeStackName } from './edge';

import { VIEWER_ADDRESS_HEADER } from '../../shared/http/client-address';

/** Paths the distribution sends to the HTTP API; everything else is the console. */
export const API_PATH_PATTERNS = ['/v1/*', '/docs', '/docs/*', '/openapi.json', '/health'] as const;

/** Where the console's build script lives, relative to the repository root. */
export const CONSOLE_SOURCE_DIR = 'functions/console';
export const CONSOLE_BUILD_SCRIPT = 'infra/stacks/console-build.ts';
/** Where Cognito's managed login sends the browser back with the authorization code. */
export const CONSOLE_CALLBACK_PATH = '/auth/callback';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The CloudFront Function on viewer requests for the console: a single-page route (a path with no
 * file extension) is answered with index.html. It runs only on the console's behaviour, so API 403s
 * and 404s stay the API's own problem+json answers (no distribution-wide error pages).
 */
export const SPA_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The CloudFront Function on viewer requests for the API: passes the viewer's address on, since
 * the API otherwise sees the edge's. The API reads it for per-sender limits (public objections).
 */
export const VIEWER_ADDRESS_CODE = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

export interface ConsoleProps {
  config: StageConfig;
  httpApi: HttpApi;
  userPool: UserPool;
  /** Where the console posts documents straight to their bucket (CSP connect-src, form-action, img-src). */
  documentsOrigin: string;
  /** Access logs of the console's bucket go here, beside the documents bucket's. */
  accessLogs: IBucket;
}

/**
 * The web console in the cloud: its static files in a private bucket behind CloudFront (origin
 * access control), the HTTP API on the same distribution (so the console and API share one origin
 * and need no CORS), sign-in by Cognito managed login (authorization code with PKCE on a public
 * client), and security headers on every answer.
 */
export class Console extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** https://<distribution domain>, the console's origin. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleProps) {
    super(scope, id);
    const { config } = props;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'console/',
      // Built from the repository on every deploy: nothing here is data.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // Managed login on a Cognito domain of the pool (prefix from context, default per stage and account).
    const prefix = (props.config.authDomainPrefix ?? Fn.join('-', ['fuhua', config.stage, Aws.ACCOUNT_ID])) as string;
    this.domain = props.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: prefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const cognitoOrigin = this.domain.baseUrl();
    const { documentsOrigin } = props;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Fuhua console and API: CSP, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "base-uri 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            `img-src 'self' data: blob: ${documentsOrigin}`,
            // The console signs in at Cognito and posts documents straight to their bucket.
            `connect-src 'self' ${cognitoOrigin} ${documentsOrigin}`,
            `form-action 'self' ${cognitoOrigin} ${documentsOrigin}`,
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const spaRewrite = new EdgeFunction(this, 'SpaRewrite', {
      comment: 'Fuhua console: single-page routes are answered with index.html',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_REWRITE_CODE),
    });

    const viewerAddress = new EdgeFunction(this, 'ViewerAddress', {
      comment: 'Fuhua API: the viewer address for per-sender limits',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(VIEWER_ADDRESS_CODE),
    });
    const api: BehaviorOptions = {
      origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint)), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Every API answer is per caller: never cached; the token, query and body pass through.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
      functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    // The web ACL of infra/stacks/edge.ts (us-east-1), by the ARN given as context: edge.ts says why.
    const webAclArn = config.webAclArn && config.webAclArn !== 'none' ? config.webAclArn : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Fuhua ${config.stage}: console and API`,
      ...(webAclArn ? { webAclId: webAclArn } : {}),
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, api])),
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    // The console's own client: public (no secret), authorization code with PKCE, back to the console only.
    this.client = props.userPool.addClient('ConsoleClient', {
      userPoolClientName: `fuhua-${config.stage}-console`,
      generateSecret: false,
      authFlows: {},
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.origin}${CONSOLE_CALLBACK_PATH}`],
        logoutUrls: [`${this.origin}/`],
      },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // Files named by their content hash are cached for a year; old ones are kept (prune: false), so
    // a page opened before a deploy still loads its lazy chunks. index.html and config.json are
    // revalidated on every load and invalidated on deploy.
    const assets = consoleAssets();
    const shell = ['index.html', 'config.json'];
    const hashed = new BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [assets],
      exclude: shell,
      prune: false,
      memoryLimit: 512,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const entry = new BucketDeployment(this, 'DeployShell', {
      destinationBucket: this.bucket,
      sources: [
        assets,
        // What the console needs to know of its cloud: where to sign in, and as which client.
        Source.jsonData('config.json', {
          auth: 'cognito',
          domain: cognitoOrigin,
          clientId: this.client.userPoolClientId,
          redirectUri: `${this.origin}${CONSOLE_CALLBACK_PATH}`,
          logoutUri: `${this.origin}/`,
        }),
      ],
      exclude: ['*'],
      include: shell,
      prune: false,
      memoryLimit: 512,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: shell.map((file) => `/${file}`),
    });
    // The new index.html goes out only once the files it names are there.
    entry.node.addDependency(hashed);

    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The console serves the public of one district and its staff; geographic restriction is the centre’s choice, not a default.',
    );
    if (!webAclArn) {
      const edge = edgeStackName(config.stage);
      if (config.webAclArn === 'none') {
        acknowledge(
          this.distribution,
          'AwsSolutions-CFR2',
          'The operator chose no web ACL (webAclArn=none), for a partition without CloudFront WAF such as AWS China; public writes (objections) are still rate-limited by the API per sender and per claim, and the API stage throttles.',
        );
      } else {
        acknowledge(
          this.distribution,
          'AwsSolutions-CFR2',
          `Not deployed yet: the web ACL is created by ${edge} in us-east-1 and attached by --context webAclArn=<its WebAclArn output>; prod refuses to deploy without it.`,
        );
        const message = `No web ACL on the console's distribution: deploy ${edge} (us-east-1) first, then this stack with --context webAclArn=<its WebAclArn output> (or webAclArn=none where CloudFront WAF does not exist).`;
        if (config.stage === 'prod') Annotations.of(this.distribution).addError(message);
        else Annotations.of(this.distribution).addWarningV2('fuhua:noWebAcl', message);
      }
    }
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'Every API request is logged by the API stage’s access log and the function logs; console requests fetch public static files only.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default CloudFront certificate allows only TLS 1.2+ for viewers with SNI; a custom domain with its own certificate can be added by the centre.',
    );
    // CDK's own deployment function (one per stack), which copies the built files into the bucket.
    const consoleBucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const reason = 'CDK’s BucketDeployment provider copies the console’s built files from the CDK assets bucket into the console bucket';
    for (const provider of Stack.of(this).node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      acknowledge(
        provider,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `${reason}; the basic execution policy only lets it write its own logs.`,
      );
      for (const finding of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        `Resource::<${consoleBucketId}.Arn>/*`,
        'Resource::*',
      ]) {
        acknowledge(
          provider,
          `AwsSolutions-IAM5[${finding}]`,
          `${reason}; CDK grants it object actions on those two buckets only, and invalidations (no resource-level permissions).`,
        );
      }
      acknowledge(provider, 'AwsSolutions-L1', `${reason}; its runtime is pinned by CDK and moves with aws-cdk-lib upgrades.`);
    }
  }
}

/**
 * The console's files, built at synth by its build (esbuild) into the asset's folder. The asset is
 * named by the hash of what was built (it also takes code from shared/), so an unchanged console
 * is not uploaded again and a changed one always is.
 */
function consoleAssets() {
  return Source.asset(`${repositoryRoot}${CONSOLE_SOURCE_DIR}`, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: the local build below always succeeds or fails the synth.
      image: DockerImage.fromRegistry('node:22-slim'),
      local: {
        tryBundle(outputDir: string) {
          const tsx = createRequire(import.meta.url).resolve('tsx/cli');
          execFileSync(process.execPath, [tsx, CONSOLE_BUILD_SCRIPT, '--outdir', outputDir], { cwd: repositoryRoot, stdio: 'inherit' });
          return true;
        },
      },
    },
  });
}
