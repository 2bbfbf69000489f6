import { describe, expect, it } from 'vitest';
import { call, uniqueSub, type As } from '../support/api';
import { addUnit, allocate, approvedStartupRecord, communityWithManager, month, officer } from '../support/spaces';

const auditor: As = { role: 'auditor', sub: 'auditor-overview' };

describe('a community’s allocations for the occupancy grid', () => {
  it('lists what holds its units in a period, with startup names, to its managers, officers and auditors only', async () => {
    const { community, manager } = await communityWithManager();
    const { community: other, manager: stranger } = await communityWithManager();
    const desk = await addUnit(community.id, manager);
    const office = await addUnit(community.id, manager, { kind: 'office' });
    const elsewhere = await addUnit(other.id, stranger);
    const a = await approvedStartupRecord({ name: '甲团队' });
    const b = await approvedStartupRecord({ name: '乙团队', kind: 'office' });
    const c = await approvedStartupRecord({ name: '丙团队' });
    expect((await allocate(manager, { startupId: a.id, unitId: desk.id, fromMonth: month(0), toMonth: month(2) })).status).toBe(201);
    expect((await allocate(manager, { startupId: b.id, unitId: office.id, fromMonth: month(5), toMonth: month(6) })).status).toBe(201);
    expect((await allocate(stranger, { startupId: c.id, unitId: elsewhere.id, fromMonth: month(0), toMonth: month(1) })).status).toBe(201);

    const path = (from: string, to: string) => `/v1/communities/${community.id}/allocations?fromMonth=${from}&toMonth=${to}`;
    const all = await call('GET', path(month(0), month(11)), { as: manager });
    expect(all.status).toBe(200);
    const rows = (all.body.items as { startupName: string; unitId: string; fromMonth: string; lastMonth: string }[]).map((x) => [
      x.startupName,
      x.unitId,
      x.fromMonth,
      x.lastMonth,
    ]);
    expect(rows).toHaveLength(2);
    expect(rows).toContainEqual(['甲团队', desk.id, month(0), month(2)]);
    expect(rows).toContainEqual(['乙团队', office.id, month(5), month(6)]);
    // Only allocations that hold a month of the period.
    const later = await call('GET', path(month(3), month(4)), { as: manager });
    expect(later.body.items).toEqual([]);
    const partly = await call('GET', path(month(2), month(5)), { as: officer });
    expect(partly.body.items.map((x: { startupId: string }) => x.startupId).sort()).toEqual([a.id, b.id].sort());
    expect((await call('GET', path(month(0), month(11)), { as: auditor })).status).toBe(200);

    // A released month leaves the grid; the allocation still shows for the months it kept.
    const held = (all.body.items as { id: string; startupId: string }[]).find((x) => x.startupId === a.id);
    expect((await call('POST', `/v1/allocations/${held!.id}/release`, { as: manager, body: { effectiveMonth: month(1), reason: '提前退租' } })).status).toBe(
      200,
    );
    const afterRelease = await call('GET', path(month(1), month(2)), { as: manager });
    expect(afterRelease.body.items).toEqual([]);
    const kept = await call('GET', path(month(0), month(0)), { as: manager });
    expect(kept.body.items.map((x: { id: string; status: string; lastMonth: string }) => [x.id, x.status, x.lastMonth])).toEqual([
      [held!.id, 'released', month(0)],
    ]);

    // Another community's manager, a mentor, a founder: refused.
    expect((await call('GET', path(month(0), month(11)), { as: stranger })).status).toBe(403);
    expect((await call('GET', path(month(0), month(11)), { as: { role: 'mentor', sub: uniqueSub('mentor') } })).status).toBe(403);
    expect((await call('GET', path(month(0), month(11)), { as: { role: 'applicant', sub: a.founderUserId } })).status).toBe(403);
  });

  it('refuses a period longer than 24 months or ending before it starts, with problem details', async () => {
    const { community, manager } = await communityWithManager();
    for (const [from, to] of [
      [month(0), month(24)],
      [month(3), month(2)],
    ]) {
      const res = await call('GET', `/v1/communities/${community.id}/allocations?fromMonth=${from}&toMonth=${to}`, { as: manager });
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const missing = await call('GET', `/v1/communities/${community.id}/allocations?fromMonth=${month(0)}`, { as: manager });
    expect(missing.status).toBe(400);
    const unknown = await call('GET', `/v1/communities/cmt_01JD3Z7K8M9N0P1Q2R3S4T5V6W/allocations?fromMonth=${month(0)}&toMonth=${month(1)}`, { as: officer });
    expect(unknown.status).toBe(404);
  });
});

describe('startups waiting for space in a community', () => {
  it('lists the waitlist first, then startups preferring the community that still lack space', async () => {
    const { community, manager } = await communityWithManager();
    const { manager: stranger } = await communityWithManager();
    const desk = await addUnit(community.id, manager);
    const waiting = await approvedStartupRecord({ name: '候补团队' });
    const prefers = await approvedStartupRecord({ name: '意向团队', kind: 'office', units: 2, preferredCommunityId: community.id });
    const housed = await approvedStartupRecord({ name: '已入驻团队', preferredCommunityId: community.id });
    const later = await approvedStartupRecord({ name: '下月入驻团队', preferredCommunityId: community.id });
    const desk2 = await addUnit(community.id, manager);
    const gone = await approvedStartupRecord({ name: '已退出团队', status: 'withdrawn', preferredCommunityId: community.id });
    const elsewhere = await approvedStartupRecord({ name: '别处团队', preferredCommunityId: 'cmt_01JD3Z7K8M9N0P1Q2R3S4T5V6W' });
    expect((await call('POST', `/v1/communities/${community.id}/waitlist`, { as: manager, body: { startupId: waiting.id, kind: 'desk' } })).status).toBe(201);
    expect((await allocate(manager, { startupId: housed.id, unitId: desk.id, fromMonth: month(0), toMonth: month(3) })).status).toBe(201);
    // Space from next month on is space: this startup no longer waits either.
    expect((await allocate(manager, { startupId: later.id, unitId: desk2.id, fromMonth: month(1), toMonth: month(2) })).status).toBe(201);

    const res = await call('GET', `/v1/communities/${community.id}/waiting-startups`, { as: manager });
    expect(res.status).toBe(200);
    const rows = res.body.items as {
      startupId: string;
      kind: string;
      unitsRequested: number;
      unitsHeld: number;
      prefersCommunity: boolean;
      waitlistedAt?: string;
    }[];
    expect(rows.map((r) => r.startupId)).toEqual([waiting.id, prefers.id]);
    expect(rows[0]).toMatchObject({ kind: 'desk', prefersCommunity: false, unitsHeld: 0, status: 'approved' });
    expect(rows[0]!.waitlistedAt).toBeTruthy();
    expect(rows[1]).toMatchObject({ kind: 'office', unitsRequested: 2, prefersCommunity: true });
    expect(rows[1]!.waitlistedAt).toBeUndefined();
    for (const id of [housed.id, later.id, gone.id, elsewhere.id]) expect(rows.map((r) => r.startupId)).not.toContain(id);

    expect((await call('GET', `/v1/communities/${community.id}/waiting-startups`, { as: officer })).status).toBe(200);
    expect((await call('GET', `/v1/communities/${community.id}/waiting-startups`, { as: auditor })).status).toBe(200);
    expect((await call('GET', `/v1/communities/${community.id}/waiting-startups`, { as: stranger })).status).toBe(403);
    expect((await call('GET', `/v1/communities/${community.id}/waiting-startups`, { as: { role: 'mentor' } })).status).toBe(403);
  });
});
