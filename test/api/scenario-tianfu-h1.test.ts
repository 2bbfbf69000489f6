import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../functions/reactions/registry';
import { useRealClock } from '../../shared/clock';
import {
  FOUNDERS,
  ROADSHOW_CHECKINS,
  runTianfuH1,
  STARTUP_SUBSIDY_FEN,
  STARTUP_SUBSIDY_FOUNDERS,
  scenarioPeriod,
  type ScenarioResult,
} from '../../infra/local/scenarios/tianfu-h1';
import { call } from '../support/api';

const auditor = { role: 'auditor' as const, sub: 'auditor-tianfu' };
const year = new Date().getUTCFullYear();
let result: ScenarioResult;
let summary: any;

describe('the published-figures scenario (tianfu-h1)', () => {
  beforeAll(async () => {
    result = await runTianfuH1(year);
    useRealClock();
    const { from, to } = scenarioPeriod(year);
    const res = await call('GET', `/v1/reports/summary?from=${from}&to=${to}`, { as: auditor });
    expect(res.status).toBe(200);
    summary = res.body;
  }, 180_000);
  afterAll(() => useRealClock());

  it('pays 370,000 yuan of startup-entity subsidies in 37 payments', () => {
    expect(summary.money.byKind.entity_subsidy.net).toEqual({ fen: 37_000_000, yuan: '370000.00' });
    expect(summary.money.byKind.entity_subsidy.payments).toBe(37);
  });

  it('counts 37 people who started a business with that support', () => {
    expect(summary.foundersSupported).toBe(FOUNDERS);
    expect(summary.startups.approved).toBe(FOUNDERS);
    expect(summary.startups.graduated).toBe(FOUNDERS);
  });

  it('pays 130,000 yuan of startup subsidies and guaranteed-loan interest subsidies', () => {
    const startup = summary.money.byKind.startup_subsidy.net.fen;
    const interest = summary.money.byKind.loan_interest_subsidy.net.fen;
    expect(startup).toBe(10_000_000);
    expect(interest).toBe(3_000_000);
    expect(startup + interest).toBe(13_000_000);
    expect(summary.loans).toEqual({ issued: 6, principal: { fen: 180_000_000, yuan: '1800000.00' } });
  });

  it('pays the startup subsidies as stage 1 of the tiered policy, to 20 businesses registered and verified during incubation', async () => {
    const claims = await call('GET', `/v1/claims?programmeId=${result.programmes.startup}&limit=100`, { as: auditor });
    expect(claims.status).toBe(200);
    const items: Array<{ startupId: string; stage?: number; status: string; amountFen: number; facts: { stageReachedOn?: string } }> = claims.body.items;
    expect(items).toHaveLength(STARTUP_SUBSIDY_FOUNDERS);
    expect(items.every((c) => c.stage === 1 && c.status === 'paid' && c.amountFen === STARTUP_SUBSIDY_FEN)).toBe(true);
    expect(items.filter((c) => c.stage === 2)).toEqual([]);
    const claimed = new Set(items.map((c) => c.startupId));
    expect(claimed.size).toBe(STARTUP_SUBSIDY_FOUNDERS);

    let registeredDuringIncubation = 0;
    for (const id of result.startupIds) {
      const startup = (await call('GET', `/v1/startups/${id}`, { as: auditor })).body;
      const business = await call('GET', `/v1/startups/${id}/business`, { as: auditor });
      if (!claimed.has(id)) {
        // The other 17 register only at graduation, with no business record in Fuhua.
        expect(business.status).toBe(404);
        continue;
      }
      expect(business.status).toBe(200);
      expect(business.body.status).toBe('active');
      expect(business.body.registeredOn >= startup.incubationStart && business.body.registeredOn < startup.leftAt.slice(0, 10)).toBe(true);
      // The startup graduated with its registered business's credit code.
      expect(startup.status).toBe('graduated');
      expect(startup.creditCode).toBe(business.body.creditCode);
      registeredDuringIncubation += 1;
    }
    expect(registeredDuringIncubation).toBe(STARTUP_SUBSIDY_FOUNDERS);
  });

  it('shows applications by category, jobs, space and mentoring from the same half-year', () => {
    expect(summary.applications.submitted).toBe(FOUNDERS);
    expect(Object.keys(summary.applications.submittedByCategory).sort()).toEqual([
      'college_graduate',
      'employment_difficulty',
      'other',
      'poverty_alleviated',
      'registered_unemployed',
      'returning_migrant_worker',
      'unemployed_youth',
      'veteran',
    ]);
    expect(summary.jobs.startupsReporting).toBe(FOUNDERS);
    expect(summary.jobs.created).toBeGreaterThan(FOUNDERS * 2);
    expect(summary.space.unitMonthsOccupied).toBeGreaterThan(0);
    expect(summary.mentoring.sessions).toBeGreaterThan(0);
    expect(summary.mentoring.averageRating).toBeGreaterThanOrEqual(4);
  });

  it('gives the source report’s own lines, each with its definition', () => {
    const lines = Object.fromEntries(summary.sourceLines.map((l: { line: string }) => [l.line, l]));
    expect(lines.entity_subsidies_paid.amount).toEqual({ fen: 37_000_000, yuan: '370000.00' });
    expect(lines.founders_supported.count).toBe(37);
    // One line as published: 130,000 yuan of small guaranteed-loan subsidies and startup subsidies.
    expect(lines.loans_and_startup_subsidies_paid.amount).toEqual({ fen: 13_000_000, yuan: '130000.00' });
    for (const line of summary.sourceLines) expect(line.definition.length).toBeGreaterThan(20);
  });

  it('holds one roadshow, with its check-ins', () => {
    expect(summary.events.heldByKind).toEqual({ roadshow: 1 });
    expect(summary.events.checkins).toBe(ROADSHOW_CHECKINS);
  });

  it('opens no risk alert on its innocent data', async () => {
    const res = await call('GET', '/v1/risk-alerts?status=open', { as: auditor });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('is spread over the communities it built', async () => {
    const res = await call('GET', `/v1/reports/summary?from=${year}-01&to=${year}-06&communityId=${result.communityIds[0]}`, { as: auditor });
    expect(res.status).toBe(200);
    expect(res.body.space.unitMonthsOccupied).toBeGreaterThan(0);
  });
});
