import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned, type Read } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { tableName } from '../db/table';
import { ConflictError } from '../errors';
import type { JobReport, Startup, StartupStatus } from './schema';

/** Every key of the startup aggregate is built here. */
export const startupKeys = {
  startup: (id: string) => ({ pk: `STARTUP#${id}`, sk: 'STARTUP' }),
  byStatus: (status: StartupStatus) => `STARTUPS#${status}`,
  byFounder: (userId: string) => `FOUNDER#${userId}`,
  /** One report per startup and month, in the startup's partition. */
  jobReport: (id: string, month: string) => ({ pk: `STARTUP#${id}`, sk: `JOB_REPORT#${month}` }),
  jobReportPrefix: 'JOB_REPORT#',
  /** Every startup's officer-verified report of one month, for reports (gsi3, sort key the startup id). */
  jobReportsOfMonth: (month: string) => `JOB_REPORTS#${month}`,
  /** Startups in the programme (approved, incubating) that prefer a community (gsi3, sparse): who its managers may offer space. */
  preferring: (communityId: string) => `PREFERRING#${communityId}`,
  /** A registered business graduates once: one startup per unified social credit code. */
  creditCode: (code: string) => ({ pk: `CREDIT_CODE#${code}`, sk: 'STARTUP' }),
  /** Marks a founder as counted in `founders_supported`, so they are counted once. */
  supportedFounder: (startupId: string) => ({ pk: `SUPPORTED_FOUNDER#${startupId}`, sk: 'SUPPORTED_FOUNDER' }),
};

type StartupItem = Startup & { pk: string; sk: string; entity: 'startup' };

const startupSortKey = (startup: Startup) => `${startup.createdAt}#${startup.id}`;

export const StartupEntity = defineEntity<Startup, { id: string }>({
  name: 'startup',
  module: 'startups',
  prefix: 'STARTUP#',
  key: (startup) => startupKeys.startup(startup.id),
  serves: 'one startup by id; its partition also holds its job reports, reviews and businesses',
  indexes: {
    gsi1: { pk: (startup) => startupKeys.byStatus(startup.status), sk: startupSortKey, serves: 'startups of one status, oldest first' },
    gsi2: { pk: (startup) => startupKeys.byFounder(startup.founderUserId), sk: startupSortKey, serves: 'the startups of one founder' },
    // Sparse: a startup leaves its community's list of those waiting for space when it leaves the programme.
    gsi3: {
      pk: (startup) => startupKeys.preferring(startup.preferredCommunityId ?? ''),
      sk: startupSortKey,
      serves: 'startups in the programme that prefer a community (whom its managers may offer space)',
      when: (startup) => Boolean(startup.preferredCommunityId) && (startup.status === 'approved' || startup.status === 'incubating'),
    },
  },
});

const toItem = StartupEntity.toItem;

export const fromItem = StartupEntity.fromItem;

/** A registered business graduates once: one startup per unified social credit code. */
export const CreditCodeEntity = defineEntity<{ creditCode: string; startupId: string }>({
  name: 'creditCode',
  module: 'startups',
  prefix: 'CREDIT_CODE#',
  key: (claim) => startupKeys.creditCode(claim.creditCode),
  serves: 'once-only: the startup that graduated with a credit code',
});

/** Marks a founder as counted in `founders_supported`, so they are counted once. */
export const SupportedFounderEntity = defineEntity<{ startupId: string; at: string }>({
  name: 'supportedFounder',
  module: 'startups',
  prefix: 'SUPPORTED_FOUNDER#',
  key: (mark) => startupKeys.supportedFounder(mark.startupId),
  serves: 'once-only: the founder of a startup counted as supported',
});

/** One job report per startup and month, in the startup's partition. */
export const JobReportEntity = defineEntity<JobReport, { startupId: string; month: string }>({
  name: 'jobReport',
  module: 'startups',
  prefix: 'STARTUP#',
  skPrefix: startupKeys.jobReportPrefix,
  key: (report) => startupKeys.jobReport(report.startupId, report.month),
  serves: "one startup's reports by month (begins_with JOB_REPORT#)",
  indexes: {
    // Sparse: only a report an officer has verified counts toward the published figures.
    gsi3: {
      pk: (report) => startupKeys.jobReportsOfMonth(report.month),
      sk: (report) => report.startupId,
      serves: "every startup's verified report of one month, for the reports",
      when: (report) => report.status === 'verified',
    },
  },
});

export function createStartupWrite(startup: Startup): TxItem {
  return putNew(toItem(startup), () => new ConflictError('Startup already exists.'));
}

/** Replaces the startup if its version is still `expectedVersion`; `startup.version` is ignored. */
export function saveStartupWrite(startup: Startup, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned(toItem({ ...startup, version: expectedVersion + 1 }), expectedVersion, onStale);
}

/** One startup by id, to read together with other modules' items (`readTogether`). */
export function startupRead(id: string): Read<Startup> {
  return { key: startupKeys.startup(id), from: fromItem };
}

export async function getStartup(id: string): Promise<Startup | undefined> {
  const item = await getItem<StartupItem>(startupKeys.startup(id));
  return item ? fromItem(item) : undefined;
}

export async function listStartupsByStatus(status: StartupStatus, page: PageQuery) {
  const result = await queryPage<StartupItem>({ index: 'gsi1', partition: startupKeys.byStatus(status), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export async function listStartupsOfFounder(userId: string, page: PageQuery) {
  const result = await queryPage<StartupItem>({ index: 'gsi2', partition: startupKeys.byFounder(userId), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export function creditCodeWrite(code: string, startupId: string): TxItem {
  return putNew(
    CreditCodeEntity.toItem({ creditCode: code, startupId }),
    () => new ConflictError('Another startup has already graduated with this credit code.', 'CREDIT_CODE_TAKEN'),
  );
}

export async function isFounderCounted(startupId: string): Promise<boolean> {
  return (await getItem(startupKeys.supportedFounder(startupId))) !== undefined;
}

/**
 * The once-only marker of a supported founder. If another transaction wrote it meanwhile, the
 * caller's transaction is re-run (TransactionConflict) and then finds the founder already counted.
 */
export function supportedFounderWrite(startupId: string, at: string): TxItem {
  return putNew(SupportedFounderEntity.toItem({ startupId, at }), () => new TransactionConflictError());
}

const jobReportItem = JobReportEntity.toItem;

function jobReportFromItem(item: Record<string, unknown>): JobReport {
  const report = JobReportEntity.fromItem(item);
  // Reports stored before verification existed counted as they were: read them as verified.
  return { status: 'verified', ...(report as Partial<JobReport>) } as JobReport;
}

export function createJobReportWrite(report: JobReport): TxItem {
  return putNew(jobReportItem(report), () => new ConflictError(`The report for ${report.month} exists; correct it with PATCH.`, 'JOB_REPORT_EXISTS'));
}

export function saveJobReportWrite(report: JobReport, expectedVersion: number, onStale?: () => Error): TxItem {
  return putVersioned(jobReportItem(report), expectedVersion, onStale);
}

export async function getJobReport(startupId: string, month: string): Promise<JobReport | undefined> {
  const item = await getItem<Record<string, unknown>>(startupKeys.jobReport(startupId, month));
  return item ? jobReportFromItem(item) : undefined;
}

export async function listJobReports(startupId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({
    partition: startupKeys.startup(startupId).pk,
    beginsWith: startupKeys.jobReportPrefix,
    newestFirst: true,
    page,
  });
  return { items: result.items.map(jobReportFromItem), nextCursor: result.nextCursor };
}

/** Every startup's job report of one month (one Query on gsi3), for the reports module. */
export async function listJobReportsOfMonth(month: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi3', partition: startupKeys.jobReportsOfMonth(month), page });
  return { items: result.items.map(jobReportFromItem), nextCursor: result.nextCursor };
}

/**
 * A transaction item that only checks the startup is as it was read (same version). When it
 * fails, the operation re-reads and decides again (`retryOnConflict`), so a startup that left
 * incubation at the same moment is never given space or a place by mistake.
 */
export function startupUnchangedCheck(startup: Startup): TxItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: startupKeys.startup(startup.id),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': startup.version },
    },
    onConditionFailed: () => new TransactionConflictError(),
  };
}
