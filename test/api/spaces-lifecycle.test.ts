import { describe, expect, it } from 'vitest';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call } from '../support/api';
import { approvedStartup, officer } from '../support/startups';
import { addUnit, allocate, communityWithManager, month } from '../support/spaces';

let sequence = 0;
const creditCode = () => withCreditCheckCharacter(`91510100MA${String(Date.now() % 1e6).padStart(6, '0')}${++sequence % 10}`);

describe('space across the startup lifecycle, through the API', () => {
  it('moves an approved startup to incubating with its first unit, and frees the unit from the month after graduation', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const { startup } = await approvedStartup();
    const allocated = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(8) });
    expect(allocated.status).toBe(201);
    const incubating = await call('GET', `/v1/startups/${startup.id}`, { as: officer });
    expect(incubating.body.status).toBe('incubating');
    // Its park manager may now read the startup; a manager of another community may not.
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: manager })).status).toBe(200);
    const { manager: stranger } = await communityWithManager();
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: stranger })).status).toBe(404);

    const graduated = await call('POST', `/v1/startups/${startup.id}/graduate`, {
      as: officer,
      body: { creditCode: creditCode(), reason: 'Registered and trading.' },
    });
    expect(graduated.status).toBe(200);
    const allocation = await call('GET', `/v1/allocations/${allocated.body.id}`, { as: manager });
    expect(allocation.body).toMatchObject({ status: 'released', releasedFrom: month(1), lastMonth: month(0) });
    const free = await call('GET', `/v1/communities/${community.id}/units?freeFrom=${month(1)}&freeTo=${month(8)}`, { as: manager });
    expect(free.body.items.map((u: { id: string }) => u.id)).toEqual([unit.id]);
  });

  it('frees the unit and the waitlist places of a terminated startup', async () => {
    const { community, manager } = await communityWithManager();
    const { community: other, manager: otherManager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const { startup } = await approvedStartup({ incubating: true });
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(2), toMonth: month(4) });
    await call('POST', `/v1/communities/${other.id}/waitlist`, { as: otherManager, body: { startupId: startup.id, kind: 'office' } });

    const exited = await call('POST', `/v1/startups/${startup.id}/exit`, { as: officer, body: { outcome: 'terminated', reason: 'Stopped operating.' } });
    expect(exited.status).toBe(200);
    // It had not moved in yet: the whole allocation is given back, as a cancellation (it held no month).
    const released = await call('GET', `/v1/allocations/${allocation.id}`, { as: manager });
    expect(released.body).toMatchObject({ status: 'cancelled', releasedFrom: month(2), lastMonth: allocation.toMonth });
    expect((await call('GET', `/v1/communities/${other.id}/waitlist`, { as: otherManager })).body.items).toEqual([]);
    const occupancy = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(3)}`, { as: manager });
    expect(occupancy.body.units.occupied).toBe(0);
  });
});
