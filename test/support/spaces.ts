import { startupRecord } from './startup-record';
import { monthOf, now } from '../../shared/clock';
import type { SpaceKind, Startup } from '../../shared/startups/schema';
import { addMonths } from '../../shared/spaces/months';
import { call, uniqueSub, type As } from './api';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { getUnitRecord } from '../../shared/spaces/repository';
import { startupKeys } from '../../shared/startups/repository';

export const officer: As = { role: 'officer', sub: 'officer-1' };

/** This month and months after it, by the app's clock. */
export const month = (offset = 0) => addMonths(monthOf(now()), offset);

/**
 * Test arrangement: an approved startup written straight to the table, as an approved application
 * would leave it, with a 24-month incubation period starting this month.
 */
export async function approvedStartupRecord(overrides: Partial<Startup> & { units?: number; kind?: SpaceKind } = {}): Promise<Startup> {
  const { units = 1, kind = 'desk', ...rest } = overrides;
  return startupRecord({
    name: '测试创业团队',
    status: 'approved',
    space: { kind, count: units },
    incubationStart: `${month(0)}-01`,
    incubationEnd: `${month(23)}-28`,
    createdAt: now().toISOString(),
    updatedAt: now().toISOString(),
    ...rest,
  });
}

/** A community with a park manager of its own (created by an officer through the API). */
export async function communityWithManager(kind: 'youth_community' | 'startup_park' = 'startup_park') {
  const manager: As = { role: 'park_manager', sub: uniqueSub('manager') };
  const res = await call('POST', '/v1/communities', {
    as: officer,
    body: { kind, name: '天府青年创业社区', address: '天府大道 1 号', district: '天府新区', managerIds: [manager.sub] },
  });
  if (res.status !== 201) throw new Error(`community: ${res.status} ${JSON.stringify(res.body)}`);
  return { community: res.body as { id: string; version: number }, manager };
}

let unitSequence = 0;

/** A unit of the community, added by its manager. */
export async function addUnit(communityId: string, manager: As, overrides: Record<string, unknown> = {}) {
  unitSequence += 1;
  const kind = overrides.kind ?? 'desk';
  const res = await call('POST', `/v1/communities/${communityId}/units`, {
    as: manager,
    body: {
      code: `U-${unitSequence}`,
      kind,
      seats: kind === 'desk' ? 1 : 4,
      areaM2: kind === 'desk' ? 4 : 30,
      monthlyRentFen: kind === 'desk' ? 30_000 : 200_000,
      floor: 2,
      ...overrides,
    },
  });
  if (res.status !== 201) throw new Error(`unit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; kind: SpaceKind; seats: number; version: number; monthlyRentFen: number };
}

/**
 * A manager's allocation. A manager places only startups that wait for their community; a startup
 * that names no community is taken to prefer the unit's (as most applicants do), so tests of other
 * rules need not arrange that one.
 */
export async function allocate(manager: As, body: { startupId: string; unitId: string; fromMonth: string; toMonth: string }) {
  const unit = await getUnitRecord(body.unitId);
  if (unit) {
    await db
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: startupKeys.startup(body.startupId),
          // As the repository writes a preference: the community's list of startups preferring it (gsi3) too.
          UpdateExpression: 'SET preferredCommunityId = :community, gsi3pk = :preferring, gsi3sk = gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(preferredCommunityId)',
          ExpressionAttributeValues: { ':community': unit.unit.communityId, ':preferring': startupKeys.preferring(unit.unit.communityId) },
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
  return call('POST', '/v1/allocations', { as: manager, body });
}
