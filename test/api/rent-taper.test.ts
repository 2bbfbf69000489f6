import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { incubationYearOf } from '../../shared/claims';
import { call } from '../support/api';
import { addUnit, allocate, communityWithManager } from '../support/spaces';
import { finance, openProgramme, ownBankAccount, registeredApplicant, startupOf } from '../support/subsidies';

afterEach(() => useRealClock());

const taper = [
  { fromYear: 1, percent: 100 },
  { fromYear: 2, percent: 50 },
];

/** A startup whose incubation began on `incubationStart`, holding a unit from March 2026 to June 2027; the clock then in July 2027. */
async function tenant(incubationStart: string, unit: Record<string, unknown>) {
  useFixedClock('2026-03-01T02:00:00Z');
  const { community, manager } = await communityWithManager();
  const held = await addUnit(community.id, manager, unit);
  const founder = await registeredApplicant();
  const startup = await startupOf(founder, { incubationStart, space: { kind: held.kind, count: 1 } });
  const allocated = await allocate(manager, { startupId: startup.id, unitId: held.id, fromMonth: '2026-03', toMonth: '2027-06' });
  expect(allocated.status, JSON.stringify(allocated.body)).toBe(201);
  expect(allocated.body.areaM2).toBe(unit.areaM2);
  useFixedClock('2027-07-15T04:00:00Z');
  return { founder, startup };
}

const claimRent = (founder: { as: import('../support/api').As }, programmeId: string, startupId: string) =>
  call('POST', '/v1/claims', { as: founder.as, body: { programmeId, startupId, bankAccount: ownBankAccount() } });

const amountOf = (claim: { body: { facts: { periods: Array<{ period: string; amountFen: number }> } } }, period: string) =>
  claim.body.facts.periods.find((p) => p.period === period)?.amountFen;

describe('a rent subsidy tapered by year of incubation and capped by area', () => {
  it('counts a month in the year of incubation in which it begins (Beijing days)', () => {
    expect(incubationYearOf('2026-03-10', '2027-03')).toBe(1); // 1 March 2027 is before the first anniversary
    expect(incubationYearOf('2026-03-10', '2027-04')).toBe(2);
    expect(incubationYearOf('2026-03-01', '2027-02')).toBe(1);
    expect(incubationYearOf('2026-03-01', '2027-03')).toBe(2); // the 2nd year starts on 1 March 2027
    expect(incubationYearOf('2026-03-01', '2028-03')).toBe(3);
  });

  it('pays 100% in the first year and 50% from the month the 2nd year starts', async () => {
    const programme = await openProgramme({
      kind: 'rent_subsidy',
      name: '场租补贴（逐年递减）',
      amountRule: { type: 'rent_share', percent: 100, capFenPerMonth: 100_000, taper },
    });
    const onTheFirst = await tenant('2026-03-01', { kind: 'desk', areaM2: 4, monthlyRentFen: 30_000 });
    const claim = await claimRent(onTheFirst.founder, programme.id, onTheFirst.startup.id);
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(amountOf(claim, '2027-02')).toBe(30_000);
    expect(amountOf(claim, '2027-03')).toBe(15_000);
    expect(claim.body.amountFen).toBe(12 * 30_000 + 4 * 15_000);
    expect(claim.body.amountBasis).toContain('2027-03 50%');

    const midMonth = await tenant('2026-03-10', { kind: 'desk', areaM2: 4, monthlyRentFen: 30_000 });
    const later = await claimRent(midMonth.founder, programme.id, midMonth.startup.id);
    expect(amountOf(later, '2027-03')).toBe(30_000);
    expect(amountOf(later, '2027-04')).toBe(15_000);
  });

  it('caps a month per square metre of at most the subsidised area', async () => {
    const programme = await openProgramme({
      kind: 'rent_subsidy',
      name: '场租补贴（按面积）',
      amountRule: { type: 'rent_share', percent: 100, capFenPerMonth: 1_000_000, taper, capFenPerM2PerMonth: 8_000, maxAreaM2: 20 },
    });
    const { founder, startup } = await tenant('2026-03-01', { kind: 'office', seats: 4, areaM2: 30, monthlyRentFen: 300_000 });
    const claim = await claimRent(founder, programme.id, startup.id);
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    // 20 of 30 m² count: 200,000 fen of rent, at most 8,000 fen × 20 m² = 160,000 in year 1; 50% = 100,000 in year 2.
    expect(amountOf(claim, '2026-03')).toBe(160_000);
    expect(amountOf(claim, '2027-03')).toBe(100_000);
    expect(claim.body.facts.periods[0].basisFen).toBe(300_000);
  });

  it('refuses a taper that does not start at year 1 or goes back', async () => {
    const bad = await call('POST', '/v1/programmes', {
      as: finance,
      body: {
        kind: 'rent_subsidy',
        name: '场租补贴',
        budgetFen: 1_000_000,
        opensOn: '2026-01-01',
        closesOn: '2026-12-31',
        amountRule: { type: 'rent_share', percent: 100, capFenPerMonth: 100_000, taper: [{ fromYear: 2, percent: 50 }] },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toContain('body.amountRule');
  });
});
