import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { DEMO_PARK_MANAGER, seedSpaces } from '../../infra/local/demo/spaces';
import { call, type As } from '../support/api';
import { month } from '../support/spaces';

describe('space demo data', () => {
  it('opens two youth communities and a startup park with 40 desks and 10 offices, half occupied', async () => {
    await seedApplicants();
    await seedSpaces();
    const manager: As = { role: 'park_manager', sub: DEMO_PARK_MANAGER };
    const communities = (await call('GET', '/v1/communities', { as: manager })).body.items as Array<{ id: string; kind: string }>;
    expect(communities.map((c) => c.kind).sort()).toEqual(['startup_park', 'youth_community', 'youth_community']);
    const totals = { desks: 0, offices: 0, desksOccupied: 0, officesOccupied: 0 };
    for (const community of communities) {
      const res = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(0)}`, { as: manager });
      totals.desks += res.body.byKind.desk.units.total;
      totals.offices += res.body.byKind.office.units.total;
      totals.desksOccupied += res.body.byKind.desk.units.occupied;
      totals.officesOccupied += res.body.byKind.office.units.occupied;
    }
    expect(totals).toEqual({ desks: 40, offices: 10, desksOccupied: 20, officesOccupied: 5 });
    const park = communities.find((c) => c.kind === 'startup_park')!;
    const waitlist = await call('GET', `/v1/communities/${park.id}/waitlist`, { as: manager });
    expect(waitlist.body.items).toHaveLength(3);
  });
});
