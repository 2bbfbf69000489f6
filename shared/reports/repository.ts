import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../db/client';
import { tableName } from '../db/table';
import { StatsEntity, statsKeys } from './counters';

export type MonthCounters = Record<string, number>;

/** The counters of every month in [from, to] for one scope: one Query, however long the history. */
export async function readMonthlyCounters(from: string, to: string, communityId?: string): Promise<Map<string, MonthCounters>> {
  const months = new Map<string, MonthCounters>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': statsKeys.scope(communityId), ':from': from, ':to': to },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      months.set(item.sk as string, StatsEntity.fromItem(item) as MonthCounters);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return months;
}

export interface JobReportFact {
  startupId: string;
  month: string;
  employees: number;
  collegeGraduatesEmployed: number;
  returningMigrantWorkersEmployed?: number;
  veteransEmployed?: number;
  employmentDifficultyEmployed?: number;
  /** The community the startup chose, when it filed (absent on reports filed before 4 December 2026). */
  communityId?: string;
}

/** One month's job reports, from the index the startups module keeps (`JOB_REPORTS#<month>`). */
export async function readJobReportsOfMonth(month: string): Promise<JobReportFact[]> {
  const reports: JobReportFact[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': `JOB_REPORTS#${month}` },
        ExclusiveStartKey: start,
      }),
    );
    reports.push(...((page.Items ?? []) as JobReportFact[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return reports;
}
