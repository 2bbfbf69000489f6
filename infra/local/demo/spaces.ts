import { auditRecord, commit } from '../../../shared/audit';
import { monthOf, now } from '../../../shared/clock';
import { findApplicantOfUser } from '../../../shared/applicants';
import { newId } from '../../../shared/ids';
import { createStartupWrite } from '../../../shared/startups';
import type { Sector } from '../../../shared/sectors';
import type { SpaceKind, Startup } from '../../../shared/startups';
import { addMonths } from '../../../shared/spaces';
import { allocateUnit, createCommunity, createUnit, joinWaitlist } from '../../../shared/spaces';
import type { CommunityKind } from '../../../shared/spaces';
import { demoCtx } from './actors';

/** The park manager of every demo community, so one demo token sees them all. */
export const DEMO_PARK_MANAGER = 'demo-park-manager';

const COMMUNITIES: Array<{ kind: CommunityKind; name: string; address: string; desks: number; offices: number }> = [
  { kind: 'startup_park', name: '天府新区创业园', address: '天府大道南段 1888 号', desks: 20, offices: 6 },
  { kind: 'youth_community', name: '华阳青年（大学生）创业社区', address: '华阳街道正东街 18 号', desks: 10, offices: 2 },
  { kind: 'youth_community', name: '兴隆湖青年创业社区', address: '兴隆街道湖畔路 66 号', desks: 10, offices: 2 },
];

const FOUNDERS = ['demo-applicant', 'demo-applicant-2', 'demo-applicant-3', 'demo-applicant-4', 'demo-applicant-5', 'demo-applicant-6'];
const SECTORS: Sector[] = ['it_services', 'exhibition_services', 'culture_tourism', 'elderly_care_home_services', 'modern_agriculture'];

/**
 * Demo startups for the space demo, written as approved startups (the state an approved application
 * leaves). Until the applications demo provides its own startups these stand in for them.
 */
async function demoStartup(index: number, kind: SpaceKind, preferredCommunityId: string): Promise<Startup> {
  const ctx = demoCtx('officer');
  const founderUserId = FOUNDERS[index % FOUNDERS.length]!;
  const founder = await findApplicantOfUser(founderUserId);
  const at = ctx.now.toISOString();
  const startup: Startup = {
    id: newId('stp'),
    applicationId: newId('app'),
    founderApplicantId: founder?.id ?? newId('apl'),
    founderUserId,
    name: `示范创业团队 ${index + 1}`,
    sector: SECTORS[index % SECTORS.length]!,
    status: 'approved',
    space: { kind, count: 1 },
    preferredCommunityId,
    plannedJobs: 2 + (index % 5),
    incubationStart: `${monthOf(ctx.now)}-01`,
    incubationEnd: `${addMonths(monthOf(ctx.now), 23)}-28`,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commit(ctx, [
    createStartupWrite(startup),
    auditRecord(ctx, { action: 'startup.approved', entityType: 'startup', entityId: startup.id, after: startup }),
  ]);
  return startup;
}

/**
 * Two youth communities and one startup park: 40 desks and 10 offices, half of them allocated
 * (for 6 to 12 months from this month), and a short waitlist in the park.
 */
export async function seedSpaces(): Promise<void> {
  const officer = demoCtx('officer');
  const manager = demoCtx('park_manager', DEMO_PARK_MANAGER);
  const thisMonth = monthOf(now());
  let startups = 0;
  for (const spec of COMMUNITIES) {
    const community = await createCommunity(officer, {
      kind: spec.kind,
      name: spec.name,
      address: spec.address,
      district: '天府新区',
      managerIds: [DEMO_PARK_MANAGER],
    });
    const units = [];
    for (let i = 1; i <= spec.desks; i++) {
      units.push(
        await createUnit(manager, community.id, {
          code: `D-${String(i).padStart(2, '0')}`,
          kind: 'desk',
          seats: 1,
          areaM2: 4,
          monthlyRentFen: 30_000,
          floor: 1 + Math.floor(i / 11),
        }),
      );
    }
    for (let i = 1; i <= spec.offices; i++) {
      units.push(
        await createUnit(manager, community.id, {
          code: `O-${String(i).padStart(2, '0')}`,
          kind: 'office',
          seats: 4 + (i % 3) * 2,
          areaM2: 25 + i * 5,
          monthlyRentFen: 180_000 + i * 20_000,
          floor: 3,
        }),
      );
    }
    // Every other unit is taken: half the space occupied.
    for (const [i, unit] of units.entries()) {
      if (i % 2 === 1) continue;
      const startup = await demoStartup(startups++, unit.kind, community.id);
      await allocateUnit(manager, { startupId: startup.id, unitId: unit.id, fromMonth: thisMonth, toMonth: addMonths(thisMonth, 5 + (i % 7)) });
    }
    if (spec.kind === 'startup_park') {
      for (const kind of ['desk', 'office', 'desk'] as const) {
        await joinWaitlist(officer, community.id, { startupId: (await demoStartup(startups++, kind, community.id)).id, kind });
      }
    }
  }
}
