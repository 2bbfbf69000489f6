import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { WireItem } from './dynamo-stub';

/** One registered applicant, as the items the applicant module stores for it. */
export const APPLICANT_SUB = '3c1f8a52-7d0e-4a61-9b7e-5f2d1c0a9e84';
const APPLICANT_ID = 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W';
const CREATED = '2026-03-02T08:15:00.000Z';

export const APPLICANT_ITEMS: WireItem[] = [
  {
    pk: { S: `USER#${APPLICANT_SUB}` },
    sk: { S: 'APPLICANT' },
    entity: { S: 'applicantLogin' },
    applicantId: { S: APPLICANT_ID },
  },
  {
    pk: { S: `APPLICANT#${APPLICANT_ID}` },
    sk: { S: 'PROFILE' },
    entity: { S: 'applicant' },
    id: { S: APPLICANT_ID },
    userId: { S: APPLICANT_SUB },
    name: { S: '王小明' },
    idNumberMasked: { S: '110***********002X' },
    birthDate: { S: '1999-12-31' },
    phone: { S: '13800138000' },
    category: { S: 'college_graduate' },
    graduation: { M: { school: { S: '北京大学' }, year: { N: '2024' } } },
    district: { S: '海淀区' },
    education: { S: 'bachelor' },
    createdAt: { S: CREATED },
    updatedAt: { S: CREATED },
    version: { N: '1' },
    idNumberHash: { S: 'bench-fingerprint' },
    gsi1pk: { S: 'APPLICANTS' },
    gsi1sk: { S: `${CREATED}#${APPLICANT_ID}` },
    gsi2pk: { S: 'APPLICANTS#college_graduate' },
    gsi2sk: { S: `${CREATED}#${APPLICANT_ID}` },
  },
];

export const EXPECTED_APPLICANT_ID = APPLICANT_ID;

/** An HTTP API (payload 2.0) event as API Gateway sends it after its JWT authorizer accepted a Cognito token. */
export function applicantEvent(path: string): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      authorization: 'Bearer eyJraWQiOiJiZW5jaCJ9.e30.c2ln',
      host: 'api.fuhua.example',
      'user-agent': 'fuhua-bench',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: {
            sub: APPLICANT_SUB,
            'cognito:groups': '[applicant]',
            iss: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_bench',
            token_use: 'access',
            exp: String(Math.floor(now / 1000) + 3600),
          },
          scopes: [],
        },
      },
      domainName: 'api.fuhua.example',
      domainPrefix: 'api',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'fuhua-bench' },
      requestId: 'bench-request',
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'fuhua-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:fuhua-api',
  memoryLimitInMB: '1024',
  awsRequestId: 'bench-invocation',
  logGroupName: '/aws/lambda/fuhua-api',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
