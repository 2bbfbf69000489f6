import { describe, expect, it } from 'vitest';
import { commit } from '../../shared/audit/service';
import { getStartup } from '../../shared/startups/repository';
import { moveStartup } from '../../shared/startups/lifecycle';
import type { Ctx } from '../../shared/context';
import { call, uniqueSub, type As } from '../support/api';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month, officer } from '../support/spaces';

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

describe('communities', () => {
  it('are opened by officers, read by anyone signed in, and change managers only with If-Match', async () => {
    const manager = uniqueSub('manager');
    const body = { kind: 'youth_community', name: '青年大学生创业社区', address: '华阳街道 8 号', district: '天府新区', managerIds: [manager] };
    expect((await call('POST', '/v1/communities', { as: { role: 'park_manager', sub: manager }, body })).status).toBe(403);
    const created = await call('POST', '/v1/communities', { as: officer, body });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^cmt_/);
    const read = await call('GET', `/v1/communities/${created.body.id}`, { as: { role: 'applicant', sub: 'anyone' } });
    expect(read.body.managerIds).toEqual([manager]);
    const listed = await call('GET', '/v1/communities', { as: { role: 'mentor' } });
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);

    const next = uniqueSub('manager');
    expect((await call('PATCH', `/v1/communities/${created.body.id}`, { as: officer, body: { managerIds: [next] } })).status).toBe(428);
    const patched = await call('PATCH', `/v1/communities/${created.body.id}`, { as: officer, body: { managerIds: [next] }, headers: ifMatch(1) });
    expect(patched.status).toBe(200);
    expect(patched.body.managerIds).toEqual([next]);
    expect((await call('PATCH', `/v1/communities/${created.body.id}`, { as: officer, body: { name: 'x' }, headers: ifMatch(1) })).status).toBe(412);
    // The former manager no longer manages it.
    const unit = await call('POST', `/v1/communities/${created.body.id}/units`, {
      as: { role: 'park_manager', sub: manager },
      body: { code: 'D-1', kind: 'desk', seats: 1, areaM2: 4, monthlyRentFen: 1, floor: 1 },
    });
    expect(unit.status).toBe(403);
  });
});

describe('units', () => {
  it('are added only by a manager of the community, with a code unique there', async () => {
    const { community, manager } = await communityWithManager();
    const { community: other, manager: stranger } = await communityWithManager();
    const desk = { code: 'a-01', kind: 'desk', seats: 1, areaM2: 4, monthlyRentFen: 30_000, floor: 1 };
    expect((await call('POST', `/v1/communities/${community.id}/units`, { as: stranger, body: desk })).status).toBe(403);
    expect((await call('POST', `/v1/communities/${community.id}/units`, { as: manager, body: desk })).status).toBe(201);
    const twin = await call('POST', `/v1/communities/${community.id}/units`, { as: manager, body: { ...desk, code: 'A-01' } });
    expect([twin.status, twin.body.code]).toEqual([409, 'UNIT_CODE_TAKEN']);
    // The same code in another community is fine.
    expect((await call('POST', `/v1/communities/${other.id}/units`, { as: stranger, body: desk })).status).toBe(201);
  });

  it('keeps desk and office seat rules', async () => {
    const { community, manager } = await communityWithManager();
    const bad = [
      { code: 'X1', kind: 'desk', seats: 2, areaM2: 4, monthlyRentFen: 1, floor: 1 },
      { code: 'X2', kind: 'office', seats: 1, areaM2: 20, monthlyRentFen: 1, floor: 1 },
      { code: 'X3', kind: 'office', seats: 21, areaM2: 20, monthlyRentFen: 1, floor: 1 },
    ];
    for (const body of bad) {
      const res = await call('POST', `/v1/communities/${community.id}/units`, { as: manager, body });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.seats');
    }
  });

  it('cannot go into maintenance while allocated for this month or later', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(2), toMonth: month(3) });
    const path = `/v1/communities/${community.id}/units/${unit.id}`;
    const refused = await call('PATCH', path, { as: manager, body: { status: 'maintenance' }, headers: ifMatch(unit.version) });
    expect([refused.status, refused.body.code]).toEqual([409, 'UNIT_OCCUPIED']);
    await call('POST', `/v1/allocations/${allocation.id}/release`, { as: manager, body: { effectiveMonth: month(0), reason: 'renovation' } });
    const current = await call('GET', path, { as: manager });
    const ok = await call('PATCH', path, { as: manager, body: { status: 'maintenance' }, headers: { 'if-match': current.headers.get('etag')! } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('maintenance');
  });

  it('lists only the active units free for the whole period asked, of the kind asked', async () => {
    const { community, manager } = await communityWithManager();
    const free = await addUnit(community.id, manager);
    const takenInMiddle = await addUnit(community.id, manager);
    const office = await addUnit(community.id, manager, { kind: 'office' });
    const broken = await addUnit(community.id, manager);
    await call('PATCH', `/v1/communities/${community.id}/units/${broken.id}`, { as: manager, body: { status: 'maintenance' }, headers: ifMatch(1) });
    const startup = await approvedStartupRecord();
    await allocate(manager, { startupId: startup.id, unitId: takenInMiddle.id, fromMonth: month(2), toMonth: month(2) });

    const ids = async (query: string) =>
      ((await call('GET', `/v1/communities/${community.id}/units?${query}`, { as: manager })).body.items as Array<{ id: string }>).map((u) => u.id).sort();
    expect(await ids(`freeFrom=${month(0)}&freeTo=${month(5)}`)).toEqual([free.id, office.id].sort());
    expect(await ids(`freeFrom=${month(3)}&freeTo=${month(5)}`)).toEqual([free.id, takenInMiddle.id, office.id].sort());
    expect(await ids(`freeFrom=${month(0)}&freeTo=${month(5)}&kind=desk`)).toEqual([free.id]);
    expect((await call('GET', `/v1/communities/${community.id}/units?freeFrom=${month(0)}`, { as: manager })).status).toBe(400);
    expect((await call('GET', `/v1/communities/${community.id}/units?freeFrom=${month(0)}&freeTo=${month(24)}`, { as: manager })).status).toBe(400);
  });
});

describe('occupancy', () => {
  it('matches a hand count of units and seats by kind', async () => {
    const { community, manager } = await communityWithManager();
    const desks = await Promise.all(Array.from({ length: 6 }, () => addUnit(community.id, manager)));
    const offices = [await addUnit(community.id, manager, { kind: 'office', seats: 4 }), await addUnit(community.id, manager, { kind: 'office', seats: 8 })];
    await call('PATCH', `/v1/communities/${community.id}/units/${desks[5]!.id}`, { as: manager, body: { status: 'maintenance' }, headers: ifMatch(1) });
    const take = async (unitId: string, from: number, to: number, kind: 'desk' | 'office' = 'desk') => {
      const startup = await approvedStartupRecord({ kind });
      const res = await allocate(manager, { startupId: startup.id, unitId, fromMonth: month(from), toMonth: month(to) });
      expect(res.status).toBe(201);
      return res.body;
    };
    await take(desks[0]!.id, 0, 3);
    await take(desks[1]!.id, 1, 1);
    await take(desks[2]!.id, 2, 5);
    await take(offices[1]!.id, 0, 11, 'office');
    const released = await take(desks[3]!.id, 0, 6);
    await call('POST', `/v1/allocations/${released.id}/release`, { as: manager, body: { effectiveMonth: month(1), reason: 'left early' } });

    // Month 1 by hand: desks 0 and 1 taken (desk 3 released from month 1), the 8-seat office taken.
    // 6 desks (5 active, 1 in maintenance), 2 offices with 12 seats.
    const res = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(1)}`, { as: manager });
    expect(res.status).toBe(200);
    expect(res.body.byKind.desk.units).toEqual({ total: 6, active: 5, occupied: 2, free: 3, occupancyRate: 0.4 });
    expect(res.body.byKind.desk.seats).toEqual({ total: 6, active: 5, occupied: 2, free: 3, occupancyRate: 0.4 });
    expect(res.body.byKind.office.units).toEqual({ total: 2, active: 2, occupied: 1, free: 1, occupancyRate: 0.5 });
    expect(res.body.byKind.office.seats).toEqual({ total: 12, active: 12, occupied: 8, free: 4, occupancyRate: 0.6667 });
    expect(res.body.units).toEqual({ total: 8, active: 7, occupied: 3, free: 4, occupancyRate: 0.4286 });
    expect(res.body.seats).toEqual({ total: 18, active: 17, occupied: 10, free: 7, occupancyRate: 0.5882 });
    // Month 0: desks 0 and 3, the 8-seat office.
    const first = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(0)}`, { as: officer });
    expect(first.body.units.occupied).toBe(3);
    expect(first.body.seats.occupied).toBe(10);
    // Month 12: nothing.
    expect((await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(12)}`, { as: { role: 'auditor' } })).body.units.occupied).toBe(0);
  });

  it('is shown to officers, auditors and the community manager only', async () => {
    const { community } = await communityWithManager();
    const { manager: stranger } = await communityWithManager();
    const res = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(0)}`, { as: stranger });
    expect(res.status).toBe(403);
    expect((await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(0)}`, { as: { role: 'applicant' } })).status).toBe(403);
  });
});

describe('waitlist', () => {
  it('queues startups first come first served, once per community, and suggests the next tenant on release', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const tenant = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: tenant.id, unitId: unit.id, fromMonth: month(0), toMonth: month(5) });
    const first = await approvedStartupRecord();
    const second = await approvedStartupRecord();
    const wantsOffice = await approvedStartupRecord({ kind: 'office' });
    const join = (startupId: string, kind: string, as: As = officer) =>
      call('POST', `/v1/communities/${community.id}/waitlist`, { as, body: { startupId, kind } });
    expect((await join(wantsOffice.id, 'office')).status).toBe(201);
    expect((await join(first.id, 'desk', manager)).status).toBe(201);
    expect((await join(second.id, 'desk')).status).toBe(201);
    const again = await join(first.id, 'desk');
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_WAITLISTED']);
    const { manager: stranger } = await communityWithManager();
    expect((await join(tenant.id, 'desk', stranger)).status).toBe(403);

    const list = await call('GET', `/v1/communities/${community.id}/waitlist`, { as: manager });
    expect(list.body.items.map((e: { startupId: string }) => e.startupId)).toEqual([wantsOffice.id, first.id, second.id]);
    expect(list.body.suggestedNext.desk.startupId).toBe(first.id);
    expect(list.body.suggestedNext.office.startupId).toBe(wantsOffice.id);

    const released = await call('POST', `/v1/allocations/${allocation.id}/release`, { as: manager, body: { effectiveMonth: month(1), reason: 'moved out' } });
    expect(released.body.suggestedNextTenant.startupId).toBe(first.id);

    // Getting a unit there takes the startup off the list.
    expect((await allocate(manager, { startupId: first.id, unitId: unit.id, fromMonth: month(1), toMonth: month(5) })).status).toBe(201);
    const after = await call('GET', `/v1/communities/${community.id}/waitlist`, { as: officer });
    expect(after.body.items.map((e: { startupId: string }) => e.startupId)).toEqual([wantsOffice.id, second.id]);
    expect(after.body.suggestedNext.desk.startupId).toBe(second.id);
  });

  it('drops a startup that leaves incubation', async () => {
    const { community, manager } = await communityWithManager();
    const startup = await approvedStartupRecord();
    await call('POST', `/v1/communities/${community.id}/waitlist`, { as: manager, body: { startupId: startup.id, kind: 'desk' } });
    const ctx: Ctx = { actor: { kind: 'user', sub: officer.sub!, roles: ['officer'] }, role: 'officer', requestId: 't', now: new Date() };
    await commit(ctx, moveStartup(ctx, (await getStartup(startup.id))!, 'withdrawn').writes);
    const list = await call('GET', `/v1/communities/${community.id}/waitlist`, { as: manager });
    expect(list.body.items).toEqual([]);
    const late = await call('POST', `/v1/communities/${community.id}/waitlist`, { as: manager, body: { startupId: startup.id, kind: 'desk' } });
    expect([late.status, late.body.code]).toEqual([409, 'STARTUP_NOT_ACTIVE']);
  });
});
