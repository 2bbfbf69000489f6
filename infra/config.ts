import type { Node } from 'constructs';
import { DEFAULT_TIME_ZONE } from '../shared/clock';
import { DOCUMENT_TYPES } from '../shared/documents';

/**
 * Everything a deployment can tune, read from CDK context (`cdk.json` or `--context key=value`).
 * Each stage has safe defaults; prod keeps its data when the stack is deleted.
 */
export type Stage = 'dev' | 'prod';

export interface StageConfig {
  stage: Stage;
  /** Prod retains the table (and its secret) on stack deletion and turns on deletion protection. */
  retainData: boolean;
  /** API Gateway stage throttling: steady requests per second and burst. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Reserved concurrency of the API function and of each worker; undefined = unreserved. */
  apiReservedConcurrency: number | undefined;
  workerReservedConcurrency: number | undefined;
  /** Ceiling of on-demand read/write request units per second, table and each index. */
  tableMaxReadUnits: number;
  tableMaxWriteUnits: number;
  /** Days to keep function and access logs. */
  logRetentionDays: number;
  /** Who is told when an alarm fires (an SNS email subscription); none when unset. */
  alarmEmail: string | undefined;
  /** API 5xx responses, as a percentage of requests over 5 minutes, that raise the alarm. */
  api5xxPercent: number;
  /**
   * The prefix of the Cognito domain of managed login (`<prefix>.auth.<region>.amazoncognito.com`),
   * unique across AWS; undefined = `fuhua-<stage>-<account id>`.
   */
  authDomainPrefix: string | undefined;
  /**
   * Requests to `/v1/public/*` one client address may make in 5 minutes before the web ACL
   * (infra/stacks/edge.ts) blocks it for a while.
   */
  publicRequestsPer5Minutes: number;
  /**
   * The web ACL of the console's distribution: the ARN the edge stack (`Fuhua-<stage>-edge`, in
   * us-east-1) outputs as `WebAclArn`; `none` for no web ACL (a partition without CloudFront's
   * WAF, such as AWS China); undefined: not deployed yet (allowed in dev only).
   */
  webAclArn: string | 'none' | undefined;
}

const DEFAULTS: Record<Stage, Omit<StageConfig, 'stage' | 'alarmEmail' | 'authDomainPrefix' | 'webAclArn'>> = {
  dev: {
    retainData: false,
    apiRateLimit: 50,
    apiBurstLimit: 100,
    // New accounts often have a concurrency limit of 10, leaving nothing to reserve.
    apiReservedConcurrency: undefined,
    workerReservedConcurrency: undefined,
    tableMaxReadUnits: 200,
    tableMaxWriteUnits: 100,
    logRetentionDays: 14,
    api5xxPercent: 5,
    publicRequestsPer5Minutes: 300,
  },
  prod: {
    retainData: true,
    apiRateLimit: 200,
    apiBurstLimit: 400,
    apiReservedConcurrency: 20,
    workerReservedConcurrency: 5,
    tableMaxReadUnits: 2000,
    tableMaxWriteUnits: 1000,
    logRetentionDays: 365,
    api5xxPercent: 1,
    publicRequestsPer5Minutes: 300,
  },
};

function readNumber(node: Node, key: string, fallback: number): number;
function readNumber(node: Node, key: string, fallback: number | undefined): number | undefined;
function readNumber(node: Node, key: string, fallback: number | undefined): number | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === 'none') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Context "${key}" must be a whole number ≥ 0 (or "none"), got ${JSON.stringify(raw)}.`);
  return value;
}

/**
 * The centre's time zone (context `timeZone`, default Asia/Shanghai): every function gets it as
 * `FUHUA_TIME_ZONE`, the same setting `npm start` reads, so days and months agree everywhere.
 */
export function timeZoneOf(node: Node): string {
  const raw: unknown = node.tryGetContext('timeZone');
  const zone = raw === undefined || raw === null || raw === '' ? DEFAULT_TIME_ZONE : raw;
  try {
    if (typeof zone !== 'string') throw new Error();
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`Context "timeZone" must be an IANA time zone such as Asia/Shanghai, got ${JSON.stringify(raw)}.`);
  }
  return zone as string;
}

/**
 * The document types a mentor may open on the startups they mentor (context `mentorDocumentTypes`,
 * comma-separated, default none): given to every function as `FUHUA_MENTOR_DOCUMENT_TYPES`.
 */
export function mentorDocumentTypesOf(node: Node): string {
  const raw: unknown = node.tryGetContext('mentorDocumentTypes');
  if (raw === undefined || raw === null || raw === '') return '';
  const names =
    typeof raw === 'string'
      ? raw
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : [];
  const unknown = names.filter((name) => !(DOCUMENT_TYPES as readonly string[]).includes(name));
  if (typeof raw !== 'string' || unknown.length > 0) {
    throw new Error(`Context "mentorDocumentTypes" must be comma-separated document types (${DOCUMENT_TYPES.join(', ')}), got ${JSON.stringify(raw)}.`);
  }
  return names.join(',');
}

export function stageConfig(node: Node): StageConfig {
  const stage: unknown = node.tryGetContext('stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`Context "stage" must be "dev" or "prod", got ${JSON.stringify(stage)}.`);
  const d = DEFAULTS[stage];
  const email: unknown = node.tryGetContext('alarmEmail');
  if (email !== undefined && (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))) {
    throw new Error(`Context "alarmEmail" must be an email address, got ${JSON.stringify(email)}.`);
  }
  const prefix: unknown = node.tryGetContext('authDomainPrefix');
  if (
    prefix !== undefined &&
    prefix !== '' &&
    (typeof prefix !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix))
  ) {
    throw new Error(
      `Context "authDomainPrefix" must be lower-case letters, digits and hyphens (at most 63, not naming aws, amazon or cognito), got ${JSON.stringify(prefix)}.`,
    );
  }
  const webAcl: unknown = node.tryGetContext('webAclArn');
  if (
    webAcl !== undefined &&
    webAcl !== '' &&
    webAcl !== 'none' &&
    (typeof webAcl !== 'string' || !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/.test(webAcl))
  ) {
    throw new Error(
      `Context "webAclArn" must be the ARN of a CloudFront (global, us-east-1) web ACL, the WebAclArn output of Fuhua-${stage}-edge, or "none"; got ${JSON.stringify(webAcl)}.`,
    );
  }
  const publicRequestsPer5Minutes = readNumber(node, 'publicRequestsPer5Minutes', d.publicRequestsPer5Minutes);
  if (!(publicRequestsPer5Minutes >= 10))
    throw new Error(`Context "publicRequestsPer5Minutes" must be 10 or more (AWS WAF's least), got ${publicRequestsPer5Minutes}.`);
  return {
    stage,
    retainData: d.retainData,
    apiRateLimit: readNumber(node, 'apiRateLimit', d.apiRateLimit),
    apiBurstLimit: readNumber(node, 'apiBurstLimit', d.apiBurstLimit),
    apiReservedConcurrency: readNumber(node, 'apiReservedConcurrency', d.apiReservedConcurrency),
    workerReservedConcurrency: readNumber(node, 'workerReservedConcurrency', d.workerReservedConcurrency),
    tableMaxReadUnits: readNumber(node, 'tableMaxReadUnits', d.tableMaxReadUnits),
    tableMaxWriteUnits: readNumber(node, 'tableMaxWriteUnits', d.tableMaxWriteUnits),
    logRetentionDays: readNumber(node, 'logRetentionDays', d.logRetentionDays),
    alarmEmail: email === undefined || email === '' ? undefined : (email as string),
    api5xxPercent: readNumber(node, 'api5xxPercent', d.api5xxPercent),
    authDomainPrefix: prefix === undefined || prefix === '' ? undefined : (prefix as string),
    publicRequestsPer5Minutes,
    webAclArn: webAcl === undefined || webAcl === '' ? undefined : (webAcl as string),
  };
}
