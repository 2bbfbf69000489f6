import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { onEvent } from '../../shared/events/bus';
import { systemCtx } from '../../shared/context';
import { addStartupViewerRule } from '../../shared/startups/access';
import { founderSupportedWrites } from '../../shared/startups/founders';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, uniqueSub, type As } from '../support/api';
import { applicationInput, approvedStartup, officer, registeredApplicant } from '../support/startups';

const auditor: As = { role: 'auditor', sub: 'auditor-startups' };
let codes = 0;
/** A valid credit code, unique within the file. */
const creditCode = () => withCreditCheckCharacter(`91510100MA${String(process.pid % 1000).padStart(3, '0')}${String(++codes).padStart(4, '0')}`);
const graduate = (id: string, code = creditCode(), as: As = officer) =>
  call('POST', `/v1/startups/${id}/graduate`, { as, body: { creditCode: code, reason: 'Registered as a company' } });
const exit = (id: string, outcome: string, as: As = officer) => call('POST', `/v1/startups/${id}/exit`, { as, body: { outcome, reason: 'Stopped trading' } });
const stats = async (month: string) => (await db.send(new GetCommand({ TableName: tableName(), Key: { pk: 'STATS#ALL', sk: month } }))).Item ?? {};

afterEach(() => useRealClock());

describe('reading startups', () => {
  it('shows a startup to its founder, officers and auditors, and 404 to others', async () => {
    const { startup, founder } = await approvedStartup();
    for (const as of [founder, officer, auditor]) {
      const res = await call('GET', `/v1/startups/${startup.id}`, { as });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${startup.version}"`);
    }
    const stranger = await registeredApplicant();
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: stranger })).status).toBe(404);
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: { role: 'mentor', sub: uniqueSub('m') } })).status).toBe(404);
  });

  it('lets other modules plug in who else may read a startup', async () => {
    const { startup } = await approvedStartup();
    const theirMentor: As = { role: 'mentor', sub: uniqueSub('assigned-mentor') };
    addStartupViewerRule(async (ctx, s) => ctx.actor.sub === theirMentor.sub && s.id === startup.id);
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: theirMentor })).status).toBe(200);
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: { role: 'mentor', sub: uniqueSub('m') } })).status).toBe(404);
  });

  it('lists startups by status for staff and their own for a founder', async () => {
    const { startup, founder } = await approvedStartup();
    const byStatus = await call('GET', '/v1/startups?status=approved&limit=100', { as: auditor });
    expect(byStatus.body.items.map((s: { id: string }) => s.id)).toContain(startup.id);
    expect(byStatus.body.items.every((s: { status: string }) => s.status === 'approved')).toBe(true);
    const mine = await call('GET', '/v1/startups?mine=true', { as: founder });
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([startup.id]);
    expect((await call('GET', '/v1/startups?status=approved', { as: founder })).status).toBe(403);
    expect((await call('GET', '/v1/startups', { as: officer })).status).toBe(400);
  });
});

describe('the startup lifecycle', () => {
  it('starts incubation by an officer only, once', async () => {
    useFixedClock('2031-03-05T01:00:00Z');
    const { startup, founder } = await approvedStartup();
    for (const as of [founder, auditor, { role: 'mentor' } as As]) expect((await call('POST', `/v1/startups/${startup.id}/start`, { as })).status).toBe(403);
    useFixedClock('2031-04-01T01:00:00Z');
    const res = await call('POST', `/v1/startups/${startup.id}/start`, { as: officer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'incubating', incubationStart: '2031-04-01', incubationEnd: '2033-04-01' });
    expect((await stats('2031-04')).startups_incubating).toBe(1);
    const again = await call('POST', `/v1/startups/${startup.id}/start`, { as: officer });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
  });

  it('graduates an incubating startup with a valid credit code, counting its founder once', async () => {
    useFixedClock('2032-05-20T03:00:00Z');
    const { startup, founder } = await approvedStartup({ incubating: true });
    const code = creditCode();
    expect((await graduate(startup.id, code, founder)).status).toBe(403);
    const res = await graduate(startup.id, code.toLowerCase());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'graduated', creditCode: code, leftReason: 'Registered as a company', leftAt: '2032-05-20T03:00:00.000Z' });
    expect(await stats('2032-05')).toMatchObject({ startups_graduated: 1, founders_supported: 1 });
    // The subsidies module asks again when it pays an entity subsidy: already counted.
    expect(await founderSupportedWrites(systemCtx('test', new Date('2032-06-01T00:00:00Z')), startup.id)).toEqual([]);
    expect((await graduate(startup.id)).body.code).toBe('INVALID_TRANSITION');
  });

  it('refuses a credit code whose check character is wrong, and one already used', async () => {
    const { startup } = await approvedStartup({ incubating: true });
    const code = creditCode();
    const typo = code.slice(0, 17) + (code[17] === '1' ? '2' : '1');
    const bad = await graduate(startup.id, typo);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'body.creditCode', message: expect.stringContaining('GB 32100') });
    expect((await graduate(startup.id, code)).status).toBe(200);
    const other = await approvedStartup({ incubating: true });
    const taken = await graduate(other.startup.id, code);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CREDIT_CODE_TAKEN');
    expect((await call('GET', `/v1/startups/${other.startup.id}`, { as: officer })).body.status).toBe('incubating');
  });

  it('does not graduate a startup that never incubated', async () => {
    const { startup } = await approvedStartup();
    const res = await graduate(startup.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', from: 'approved', to: 'graduated' });
  });

  it('lets a startup be withdrawn or terminated, announcing that it left incubation', async () => {
    const left: Array<{ startupId: unknown; outcome: unknown }> = [];
    onEvent('StartupLeftIncubation', async (event) => void left.push({ startupId: event.data.startupId, outcome: event.data.outcome }));
    useFixedClock('2033-02-10T03:00:00Z');
    const approved = await approvedStartup();
    const incubating = await approvedStartup({ incubating: true });
    expect((await exit(approved.startup.id, 'withdrawn', approved.founder)).status).toBe(403);
    expect((await exit(approved.startup.id, 'graduated')).status).toBe(400);
    expect((await exit(approved.startup.id, 'withdrawn')).body.status).toBe('withdrawn');
    expect((await exit(incubating.startup.id, 'terminated')).body.status).toBe('terminated');
    expect((await exit(incubating.startup.id, 'withdrawn')).status).toBe(409);
    expect(left).toEqual([
      { startupId: approved.startup.id, outcome: 'withdrawn' },
      { startupId: incubating.startup.id, outcome: 'terminated' },
    ]);
    expect(await stats('2033-02')).toMatchObject({ startups_exited: 2, startups_exited__withdrawn: 1, startups_exited__terminated: 1 });
  });

  it('keeps the founder from applying again while incubating, and frees them once the startup leaves', async () => {
    const { startup, founder } = await approvedStartup({ incubating: true });
    const draft = await call('POST', '/v1/applications', { as: founder, body: applicationInput() });
    const blocked = await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder });
    expect(blocked.status).toBe(422);
    expect(blocked.body.rule).toBe('one_active_application');
    await graduate(startup.id);
    expect((await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder })).status).toBe(200);
  });

  it('graduates once when 50 officers graduate it at once, counting the founder once', async () => {
    useFixedClock('2034-08-08T08:00:00Z');
    const { startup } = await approvedStartup({ incubating: true });
    const results = await Promise.all(Array.from({ length: 50 }, () => graduate(startup.id)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await stats('2034-08')).toMatchObject({ startups_graduated: 1, founders_supported: 1 });
  });

  it('lets exactly one of 50 concurrent exits through', async () => {
    const { startup } = await approvedStartup({ incubating: true });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => exit(startup.id, i % 2 ? 'withdrawn' : 'terminated')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
  });
});
