import { describe, expect, it } from 'vitest';
import { commit } from '../../shared/audit/service';
import { getStartup } from '../../shared/startups/repository';
import { moveStartup } from '../../shared/startups/lifecycle';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { startupKeys } from '../../shared/startups/repository';
import { occupiedMonthsOf, isManagerOfStartup, seatsHeldIn } from '../../shared/spaces/service';
import type { Ctx } from '../../shared/context';
import { call, type As } from '../support/api';
import { dayOf } from '../../shared/clock';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month, officer } from '../support/spaces';

const officerCtx = (): Ctx => ({ actor: { kind: 'user', sub: officer.sub!, roles: ['officer'] }, role: 'officer', requestId: 'test', now: new Date() });

describe('allocating a unit', () => {
  it('moves an approved startup in, and makes it incubating', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const res = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(5) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      startupId: startup.id,
      unitId: unit.id,
      communityId: community.id,
      status: 'active',
      lastMonth: month(5),
      monthlyRentFen: unit.monthlyRentFen,
    });
    expect((await getStartup(startup.id))?.status).toBe('incubating');
  });

  it('starts incubation as an officer would: the period from today and the month counted', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const thisMonth = month(0);
    const before = (await call('GET', `/v1/reports/summary?from=${thisMonth}&to=${thisMonth}`, { as: officer })).body.startups.incubating;
    expect((await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) })).status).toBe(201);
    const after = await getStartup(startup.id);
    expect(after?.incubationStart).toBe(dayOf(new Date()));
    expect((await call('GET', `/v1/reports/summary?from=${thisMonth}&to=${thisMonth}`, { as: officer })).body.startups.incubating).toBe(before + 1);
    // The counter of unit-months in the same transaction was counted too (one update of the month's item).
    const occupied = (await call('GET', `/v1/reports/monthly?from=${thisMonth}&to=${thisMonth}&communityId=${community.id}`, { as: officer })).body.months[0];
    expect(occupied.unitMonthsOccupied).toBe(1);
  });

  it('gives only the kind of unit the startup asked for', async () => {
    const { community, manager } = await communityWithManager();
    const office = await addUnit(community.id, manager, { kind: 'office', seats: 4 });
    const startup = await approvedStartupRecord({ kind: 'desk' });
    const res = await allocate(manager, { startupId: startup.id, unitId: office.id, fromMonth: month(0), toMonth: month(2) });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNIT_KIND_NOT_REQUESTED', requested: 'desk', unitKind: 'office' });
    expect((await getStartup(startup.id))?.status).toBe('approved');
  });

  it("places only startups that wait for the manager's community: preferring it, on its waitlist, or already there", async () => {
    const { community, manager } = await communityWithManager();
    const other = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const second = await addUnit(community.id, manager);
    const elsewhere = await approvedStartupRecord({ preferredCommunityId: other.community.id });
    const refused = await call('POST', '/v1/allocations', {
      as: manager,
      body: { startupId: elsewhere.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('NOT_WAITING_FOR_COMMUNITY');
    // On the waitlist of this community: placed.
    const waiting = await approvedStartupRecord({ preferredCommunityId: other.community.id });
    expect((await call('POST', `/v1/communities/${community.id}/waitlist`, { as: officer, body: { startupId: waiting.id, kind: 'desk' } })).status).toBe(201);
    expect(
      (await call('POST', '/v1/allocations', { as: manager, body: { startupId: waiting.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) } })).status,
    ).toBe(201);
    // Already holding space here: a further period is placed too.
    expect(
      (await call('POST', '/v1/allocations', { as: manager, body: { startupId: waiting.id, unitId: second.id, fromMonth: month(3), toMonth: month(4) } }))
        .status,
    ).toBe(201);
  });

  it('refuses a range that overlaps an existing allocation on its first month, or on its last', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const held = await approvedStartupRecord();
    expect((await allocate(manager, { startupId: held.id, unitId: unit.id, fromMonth: month(3), toMonth: month(6) })).status).toBe(201);
    const other = await approvedStartupRecord();
    const lastOverlaps = await allocate(manager, { startupId: other.id, unitId: unit.id, fromMonth: month(0), toMonth: month(3) });
    expect(lastOverlaps.status).toBe(409);
    expect(lastOverlaps.body).toMatchObject({ code: 'UNIT_OCCUPIED', month: month(3) });
    const firstOverlaps = await allocate(manager, { startupId: other.id, unitId: unit.id, fromMonth: month(6), toMonth: month(9) });
    expect(firstOverlaps.status).toBe(409);
    expect(firstOverlaps.body).toMatchObject({ code: 'UNIT_OCCUPIED', month: month(6) });
    // The months either side are free.
    expect((await allocate(manager, { startupId: other.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) })).status).toBe(201);
    const third = await approvedStartupRecord();
    expect((await allocate(manager, { startupId: third.id, unitId: unit.id, fromMonth: month(7), toMonth: month(9) })).status).toBe(201);
  });

  it('refuses a range that straddles an existing allocation, writing nothing', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const held = await approvedStartupRecord();
    await allocate(manager, { startupId: held.id, unitId: unit.id, fromMonth: month(4), toMonth: month(5) });
    const other = await approvedStartupRecord();
    const res = await allocate(manager, { startupId: other.id, unitId: unit.id, fromMonth: month(2), toMonth: month(8) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_OCCUPIED');
    // Nothing of the refused allocation remains: its free months are still free and the startup did not move.
    expect((await getStartup(other.id))?.status).toBe('approved');
    const free = await call('GET', `/v1/communities/${community.id}/units?freeFrom=${month(2)}&freeTo=${month(3)}`, { as: manager });
    expect(free.body.items.map((u: { id: string }) => u.id)).toEqual([unit.id]);
  });

  it('gives a unit-month to exactly one of 50 parallel requests; the others get UNIT_OCCUPIED', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startups = await Promise.all(Array.from({ length: 50 }, () => approvedStartupRecord()));
    const results = await Promise.all(startups.map((s) => allocate(manager, { startupId: s.id, unitId: unit.id, fromMonth: month(1), toMonth: month(2) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'UNIT_OCCUPIED')).toHaveLength(49);
    const listed = await call('GET', `/v1/allocations?unitId=${unit.id}`, { as: manager });
    expect(listed.body.items).toHaveLength(1);
    const occupancy = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(1)}`, { as: manager });
    expect(occupancy.body.units.occupied).toBe(1);
  });

  it('shares the last free units of a community among 50 parallel requests without double booking', async () => {
    const { community, manager } = await communityWithManager();
    const units = await Promise.all([0, 1, 2].map(() => addUnit(community.id, manager)));
    const startups = await Promise.all(Array.from({ length: 50 }, () => approvedStartupRecord()));
    const results = await Promise.all(
      startups.map((s, i) => allocate(manager, { startupId: s.id, unitId: units[i % 3]!.id, fromMonth: month(0), toMonth: month(0) })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'UNIT_OCCUPIED')).toBe(true);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.unitId)).size).toBe(3);
    const free = await call('GET', `/v1/communities/${community.id}/units?freeFrom=${month(0)}&freeTo=${month(0)}`, { as: manager });
    expect(free.body.items).toEqual([]);
    const occupancy = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(0)}`, { as: manager });
    expect(occupancy.body.units).toMatchObject({ total: 3, active: 3, occupied: 3, free: 0, occupancyRate: 1 });
  });

  it('lets a startup hold no more units at once than its application asked for', async () => {
    const { community, manager } = await communityWithManager();
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => addUnit(community.id, manager)));
    const startup = await approvedStartupRecord({ units: 2 });
    expect((await allocate(manager, { startupId: startup.id, unitId: a!.id, fromMonth: month(0), toMonth: month(5) })).status).toBe(201);
    expect((await allocate(manager, { startupId: startup.id, unitId: b!.id, fromMonth: month(3), toMonth: month(8) })).status).toBe(201);
    const third = await allocate(manager, { startupId: startup.id, unitId: c!.id, fromMonth: month(5), toMonth: month(6) });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('SPACE_LIMIT_REACHED');
    // After the first unit's period it holds one again, so a second unit fits.
    expect((await allocate(manager, { startupId: startup.id, unitId: c!.id, fromMonth: month(6), toMonth: month(7) })).status).toBe(201);
  });

  it('refuses a manager of another community (403) and a unit in maintenance (409)', async () => {
    const { community, manager } = await communityWithManager();
    const { manager: stranger } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const foreign = await allocate(stranger, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(1) });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('NOT_COMMUNITY_MANAGER');
    const patched = await call('PATCH', `/v1/communities/${community.id}/units/${unit.id}`, {
      as: manager,
      body: { status: 'maintenance' },
      headers: { 'if-match': `"${unit.version}"` },
    });
    expect(patched.status).toBe(200);
    const res = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(1) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_IN_MAINTENANCE');
  });

  it('takes the longest period, 24 months, with a waitlist entry to drop, in one transaction', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    await call('POST', `/v1/communities/${community.id}/waitlist`, { as: manager, body: { startupId: startup.id, kind: 'desk' } });
    const res = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(23) });
    expect(res.status).toBe(201);
    expect(await occupiedMonthsOf(startup.id)).toHaveLength(24);
    expect((await call('GET', `/v1/communities/${community.id}/waitlist`, { as: manager })).body.items).toEqual([]);
  });

  it('checks the period: order, at most 24 months, not in the past, within incubation', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord({ incubationEnd: `${month(12)}-15` });
    const body = (fromMonth: string, toMonth: string) => ({ startupId: startup.id, unitId: unit.id, fromMonth, toMonth });
    expect((await allocate(manager, body(month(3), month(2)))).status).toBe(400);
    expect((await allocate(manager, body(month(0), month(24)))).status).toBe(400);
    const past = await allocate(manager, body(month(-1), month(1)));
    expect([past.status, past.body.code]).toEqual([422, 'PAST_MONTH']);
    const outside = await allocate(manager, body(month(10), month(13)));
    expect([outside.status, outside.body.code]).toEqual([422, 'OUTSIDE_INCUBATION']);
  });

  it('refuses a startup that has left incubation', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord({ status: 'withdrawn' });
    const res = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(1) });
    expect([res.status, res.body.code]).toEqual([409, 'STARTUP_NOT_ACTIVE']);
  });
});

describe('releasing a unit', () => {
  it('frees the months from the effective month on, which can then be allocated again', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const first = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: first.id, unitId: unit.id, fromMonth: month(0), toMonth: month(11) });
    const released = await call('POST', `/v1/allocations/${allocation.id}/release`, {
      as: manager,
      body: { effectiveMonth: month(4), reason: 'moved to a larger office' },
    });
    expect(released.status).toBe(200);
    expect(released.body.allocation).toMatchObject({ status: 'released', releasedFrom: month(4), lastMonth: month(3) });
    const second = await approvedStartupRecord();
    expect((await allocate(manager, { startupId: second.id, unitId: unit.id, fromMonth: month(3), toMonth: month(5) })).body.code).toBe('UNIT_OCCUPIED');
    expect((await allocate(manager, { startupId: second.id, unitId: unit.id, fromMonth: month(4), toMonth: month(11) })).status).toBe(201);
    expect((await occupiedMonthsOf(first.id)).map((m) => m.month)).toEqual([0, 1, 2, 3].map((i) => month(i)));
  });

  it('cancels an allocation released from its first month: it holds nothing, its months are free and counted back', async () => {
    const { community, manager } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(1), toMonth: month(4) });
    const occupiedIn = async (m: string) =>
      (await call('GET', `/v1/communities/${community.id}/occupancy?month=${m}`, { as: manager })).body.units.occupied as number;
    expect(await occupiedIn(month(1))).toBe(1);
    const res = await call('POST', `/v1/allocations/${allocation.id}/release`, { as: manager, body: { effectiveMonth: month(0), reason: 'never moved in' } });
    expect(res.status).toBe(200);
    // Never a last month before the first: the period it was made for stays, the status says it held none of it.
    expect(res.body.allocation).toMatchObject({ status: 'cancelled', releasedFrom: month(1), lastMonth: month(4), fromMonth: month(1), toMonth: month(4) });
    expect(res.body.allocation.lastMonth >= res.body.allocation.fromMonth).toBe(true);
    expect(await occupiedMonthsOf(startup.id)).toEqual([]);
    expect(await seatsHeldIn(startup.id, month(2))).toBe(0);
    expect(await occupiedIn(month(1))).toBe(0);
    // The community's grid lists no allocation holding the unit in these months.
    const grid = await call('GET', `/v1/communities/${community.id}/allocations?fromMonth=${month(0)}&toMonth=${month(11)}`, { as: manager });
    expect(grid.body.items.map((a: { id: string }) => a.id)).not.toContain(allocation.id);
    // Cancelled once is cancelled: nothing is left to release, and the allocation-end job leaves it alone.
    const again = await call('POST', `/v1/allocations/${allocation.id}/release`, { as: manager, body: { effectiveMonth: month(2), reason: 'again' } });
    expect([again.status, again.body.code]).toEqual([409, 'NOTHING_TO_RELEASE']);
    const trail = await call('GET', `/v1/audit?entityId=${allocation.id}`, { as: { role: 'auditor' } });
    expect(trail.body.items.map((i: { action: string }) => i.action)).toContain('allocation.cancelled');
    // Every month is free for the next startup.
    const next = await approvedStartupRecord();
    expect((await allocate(manager, { startupId: next.id, unitId: unit.id, fromMonth: month(1), toMonth: month(4) })).status).toBe(201);
  });

  it('does not count a cancelled allocation as holding space in the community when placing again', async () => {
    const { community, manager } = await communityWithManager();
    const other = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(1), toMonth: month(2) });
    await call('POST', `/v1/allocations/${allocation.id}/release`, { as: manager, body: { effectiveMonth: month(1), reason: 'mistake' } });
    // The startup now asks for another community; the cancelled placement does not tie it to this one.
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: startupKeys.startup(startup.id),
        UpdateExpression: 'SET preferredCommunityId = :c',
        ExpressionAttributeValues: { ':c': other.community.id },
      }),
    );
    const res = await call('POST', '/v1/allocations', {
      as: manager,
      body: { startupId: startup.id, unitId: unit.id, fromMonth: month(3), toMonth: month(4) },
    });
    expect([res.status, res.body.code]).toEqual([422, 'NOT_WAITING_FOR_COMMUNITY']);
  });

  it('cannot release past months, nor months the allocation does not hold, nor in another community', async () => {
    const { community, manager } = await communityWithManager();
    const { manager: stranger } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(2) });
    const release = (as: As, effectiveMonth: string) =>
      call('POST', `/v1/allocations/${allocation.id}/release`, { as, body: { effectiveMonth, reason: 'test' } });
    expect((await release(manager, month(-1))).body.code).toBe('PAST_MONTH');
    expect((await release(manager, month(3))).body.code).toBe('NOTHING_TO_RELEASE');
    expect((await release(stranger, month(1))).status).toBe(403);
  });

  it('releases every allocation from the next month on when the startup graduates, as the system', async () => {
    const { community, manager } = await communityWithManager();
    const [a, b] = await Promise.all([0, 1].map(() => addUnit(community.id, manager)));
    const startup = await approvedStartupRecord({ units: 2 });
    const { body: first } = await allocate(manager, { startupId: startup.id, unitId: a!.id, fromMonth: month(0), toMonth: month(6) });
    const { body: later } = await allocate(manager, { startupId: startup.id, unitId: b!.id, fromMonth: month(3), toMonth: month(6) });
    const incubating = (await getStartup(startup.id))!;
    await commit(officerCtx(), moveStartup(officerCtx(), incubating, 'graduated').writes);

    const firstNow = await call('GET', `/v1/allocations/${first.id}`, { as: officer });
    expect(firstNow.body).toMatchObject({ status: 'released', releasedFrom: month(1), lastMonth: month(0) });
    // The later one had not begun: given back from its first month, it is cancelled and holds nothing.
    const laterNow = await call('GET', `/v1/allocations/${later.id}`, { as: officer });
    expect(laterNow.body).toMatchObject({ status: 'cancelled', releasedFrom: month(3), lastMonth: month(6) });
    expect((await occupiedMonthsOf(startup.id)).map((m) => m.month)).toEqual([month(0)]);
    const trail = await call('GET', `/v1/audit?entityId=${first.id}`, { as: { role: 'auditor' } });
    expect(trail.body.items[0]).toMatchObject({ action: 'allocation.released', actorKind: 'system' });
    // The current month stays with the graduate; the following ones are free for others.
    const next = await approvedStartupRecord();
    expect((await allocate(manager, { startupId: next.id, unitId: a!.id, fromMonth: month(0), toMonth: month(0) })).status).toBe(409);
    expect((await allocate(manager, { startupId: next.id, unitId: a!.id, fromMonth: month(1), toMonth: month(6) })).status).toBe(201);
    const occupancy = await call('GET', `/v1/communities/${community.id}/occupancy?month=${month(4)}`, { as: manager });
    expect(occupancy.body.units.occupied).toBe(1);
  });
});

describe('who sees allocations', () => {
  it('shows them to the founder, their community manager, officers and auditors, and to nobody else', async () => {
    const { community, manager } = await communityWithManager();
    const { manager: stranger } = await communityWithManager();
    const unit = await addUnit(community.id, manager);
    const startup = await approvedStartupRecord();
    const { body: allocation } = await allocate(manager, { startupId: startup.id, unitId: unit.id, fromMonth: month(0), toMonth: month(1) });
    const founder: As = { role: 'applicant', sub: startup.founderUserId };
    for (const as of [founder, manager, officer, { role: 'auditor' } as As]) {
      expect((await call('GET', `/v1/allocations/${allocation.id}`, { as })).status).toBe(200);
      expect((await call('GET', `/v1/allocations?startupId=${startup.id}`, { as })).body.items).toHaveLength(1);
    }
    for (const as of [stranger, { role: 'applicant', sub: 'someone-else' } as As]) {
      expect((await call('GET', `/v1/allocations/${allocation.id}`, { as })).status).toBe(404);
      expect((await call('GET', `/v1/allocations?startupId=${startup.id}`, { as })).body.items).toEqual([]);
    }
    const managerCtx = (as: As): Ctx => ({
      actor: { kind: 'user', sub: as.sub!, roles: ['park_manager'] },
      role: 'park_manager',
      requestId: 't',
      now: new Date(),
    });
    const placed = (await getStartup(startup.id))!;
    expect(await isManagerOfStartup(managerCtx(manager), placed)).toBe(true);
    expect(await isManagerOfStartup(managerCtx(stranger), placed)).toBe(false);
  });
});
