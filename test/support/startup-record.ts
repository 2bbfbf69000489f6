import { newId } from '../../shared/ids';
import { transact } from '../../shared/db/write';
import { createStartupWrite } from '../../shared/startups/repository';
import type { Startup } from '../../shared/startups/schema';
import { uniqueSub } from './api';

/**
 * Test arrangement: a startup written straight to the table, as an approved application leaves it.
 * Race and rule tests need many startups and only the record; `approvedStartup()` in ./startups.ts
 * makes one through the API when the whole path matters. Modules' factories build on this one.
 */
export async function startupRecord(overrides: Partial<Startup> = {}): Promise<Startup> {
  const at = new Date().toISOString();
  const startup: Startup = {
    id: newId('stp'),
    applicationId: newId('app'),
    founderApplicantId: newId('apl'),
    founderUserId: uniqueSub('founder'),
    name: '测试创业项目',
    sector: 'it_services',
    status: 'incubating',
    space: { kind: 'desk', count: 1 },
    plannedJobs: 3,
    incubationStart: at.slice(0, 10),
    incubationEnd: '2099-12-31',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
  await transact([createStartupWrite(startup)]);
  return startup;
}
