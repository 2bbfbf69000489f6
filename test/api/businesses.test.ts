import { afterEach, describe, expect, it } from 'vitest';
import { useFixedClock, useRealClock } from '../../shared/clock';
import { monthsBetween } from '../../shared/businesses/service';
import { withCreditCheckCharacter } from '../../shared/startups/credit-code';
import { call, uniqueSub, type As } from '../support/api';
import { pdfBytes, uploadDocument } from '../support/documents';
import { idNumber } from '../support/factories';
import { startupRecord } from '../support/startup-record';
import { approvedStartup, officer } from '../support/startups';

let codeSequence = 0;
/** A unique, well-formed credit code. */
function creditCode(): string {
  codeSequence += 1;
  const serial = String((Date.now() % 1_000_000) * 100 + (codeSequence % 100)).padStart(8, '0');
  return withCreditCheckCharacter(`915101000${serial}`.slice(0, 17));
}

async function founderStartup() {
  const founderId = idNumber('19960315');
  const made = await approvedStartup({ applicant: { name: '张伟', idNumber: founderId }, incubating: true });
  return { ...made, founderId };
}

function businessBody(founderId: string, overrides: Record<string, unknown> = {}) {
  return {
    entityType: 'individual_business',
    name: '天府新区张伟养老服务部',
    creditCode: creditCode(),
    registeredOn: '2026-03-01',
    legalRepresentative: { name: '张伟', idNumber: founderId },
    registeredAddress: { district: '天府新区', detail: '华阳街道 1 号' },
    firstBusinessDeclared: true,
    ...overrides,
  };
}

const submit = (startupId: string, as: As, body: unknown) => call('POST', `/v1/startups/${startupId}/business`, { as, body });
const verify = (startupId: string, as: As = officer) =>
  call('POST', `/v1/startups/${startupId}/business/verification`, { as, body: { evidenceReference: '营业执照原件核对' } });

afterEach(() => useRealClock());

describe('registering a business during incubation', () => {
  it('takes the founder’s submission, shows the identity masked, and an officer makes it active', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const body = businessBody(founderId);
    const res = await submit(startup.id, founder, body);
    expect(res.status).toBe(201);
    expect((await call('GET', `/v1/startups/${startup.id}`, { as: officer })).body.creditCode).toBeUndefined();
    expect(res.body).toMatchObject({ status: 'submitted', entityType: 'individual_business', startupId: startup.id });
    expect(JSON.stringify(res.body)).not.toContain(founderId);
    expect(res.body.legalRepresentative.idNumberMasked).toMatch(/\*/);
    const verified = await verify(startup.id);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'active', firstTimeFounder: true, verifiedBy: officer.sub });
    const read = await call('GET', `/v1/startups/${startup.id}/business`, { as: founder });
    expect(read.body.status).toBe('active');
    // Verification gives the startup its credit code and registered name.
    const registered = await call('GET', `/v1/startups/${startup.id}`, { as: officer });
    expect(registered.body).toMatchObject({ creditCode: body.creditCode, businessName: body.name, status: 'incubating' });
    const stranger = await call('GET', `/v1/startups/${startup.id}/business`, { as: { role: 'applicant', sub: uniqueSub('stranger') } });
    expect(stranger.status).toBe(404);
  });

  it('refuses a legal representative other than the founder', async () => {
    const { startup, founder } = await founderStartup();
    const res = await submit(startup.id, founder, businessBody(idNumber('19900101')));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('LEGAL_REPRESENTATIVE_NOT_FOUNDER');
  });

  it('refuses an address outside the district and outside the startup’s community', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const res = await submit(startup.id, founder, businessBody(founderId, { registeredAddress: { district: '武侯区', detail: '某路 2 号' } }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ADDRESS_OUTSIDE_DISTRICT');
  });

  it('lets only the founder submit, and refuses a registration day after today (Beijing time)', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const other = await submit(startup.id, officer, businessBody(founderId));
    expect(other.status).toBe(403);
    useFixedClock('2026-06-30T16:30:00Z'); // 1 July 00:30 in Beijing
    expect((await submit(startup.id, founder, businessBody(founderId, { registeredOn: '2026-07-02' }))).body.code).toBe('REGISTRATION_IN_FUTURE');
    expect((await submit(startup.id, founder, businessBody(founderId, { registeredOn: '2026-07-01' }))).status).toBe(201);
  });

  it('takes an online shop with its platform and no licence, and asks every other type for a credit code', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const noCode = await submit(startup.id, founder, businessBody(founderId, { creditCode: undefined }));
    expect(noCode.status).toBe(400);
    const shop = await submit(
      startup.id,
      founder,
      businessBody(founderId, { entityType: 'online_shop', creditCode: undefined, onlineShop: { platform: '淘宝', shopUrl: 'https://shop.example.com/zw' } }),
    );
    expect(shop.status).toBe(201);
    expect(shop.body.onlineShop.platform).toBe('淘宝');
  });

  it('uses a credit code once, however many startups submit it at the same moment', async () => {
    const code = creditCode();
    const startups = await Promise.all(Array.from({ length: 6 }, () => founderStartup()));
    const results = await Promise.all(startups.map((s) => submit(s.startup.id, s.founder, businessBody(s.founderId, { creditCode: code }))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'CREDIT_CODE_TAKEN')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
  });

  it('graduates a startup with its verified business’s own credit code, which no other startup may graduate with', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const body = businessBody(founderId);
    expect((await submit(startup.id, founder, body)).status).toBe(201);
    const other = await founderStartup();
    const graduate = (id: string, code: string) =>
      call('POST', `/v1/startups/${id}/graduate`, { as: officer, body: { creditCode: code, reason: '完成工商登记，毕业出孵' } });
    // Submitted but not yet verified: the code is already the business's, not another startup's to graduate with.
    expect((await graduate(other.startup.id, body.creditCode)).body.code).toBe('CREDIT_CODE_TAKEN');
    expect((await verify(startup.id)).status).toBe(200);
    expect((await graduate(other.startup.id, body.creditCode)).body.code).toBe('CREDIT_CODE_TAKEN');
    // Another code than the business's is refused: the business's code is the graduation code.
    expect((await graduate(startup.id, creditCode())).body.code).toBe('GRADUATION_CODE_NOT_BUSINESS');
    const graduated = await graduate(startup.id, body.creditCode);
    expect(graduated.status, JSON.stringify(graduated.body)).toBe(200);
    expect(graduated.body).toMatchObject({ status: 'graduated', creditCode: body.creditCode });
  });

  it('gives one credit code to exactly one startup when submissions and graduations with it race', async () => {
    const code = creditCode();
    const submitting = await Promise.all(Array.from({ length: 4 }, () => founderStartup()));
    const graduating = await Promise.all(Array.from({ length: 4 }, () => founderStartup()));
    const results = await Promise.all([
      ...submitting.map((s) => submit(s.startup.id, s.founder, businessBody(s.founderId, { creditCode: code }))),
      ...graduating.map((s) =>
        call('POST', `/v1/startups/${s.startup.id}/graduate`, { as: officer, body: { creditCode: code, reason: '完成工商登记，毕业出孵' } }),
      ),
    ]);
    expect(results.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.body.code === 'CREDIT_CODE_TAKEN')).toBe(true);
  });

  it('an officer rejects with a reason; the code is freed and the founder submits again', async () => {
    const { startup, founder, founderId } = await founderStartup();
    const body = businessBody(founderId);
    expect((await submit(startup.id, founder, body)).status).toBe(201);
    expect((await submit(startup.id, founder, body)).body.code).toBe('BUSINESS_EXISTS');
    const rejected = await call('POST', `/v1/startups/${startup.id}/business/rejection`, { as: officer, body: { reason: '名称与执照不符' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectedReason: '名称与执照不符' });
    expect((await verify(startup.id)).body.code).toBe('INVALID_TRANSITION');
    const again = await submit(startup.id, founder, { ...body, name: '天府新区张伟养老服务部（更正）' });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(3);
  });

  it('records a deregistration between the registration day and today', async () => {
    const { startup, founder, founderId } = await founderStartup();
    await submit(startup.id, founder, businessBody(founderId));
    await verify(startup.id);
    const early = await call('POST', `/v1/startups/${startup.id}/business/deregistration`, {
      as: officer,
      body: { deregisteredOn: '2026-02-01', reason: '经营不善注销' },
    });
    expect(early.body.code).toBe('DEREGISTRATION_DAY_OUT_OF_RANGE');
    const done = await call('POST', `/v1/startups/${startup.id}/business/deregistration`, {
      as: officer,
      body: { deregisteredOn: '2026-04-01', reason: '经营不善注销' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'deregistered', deregisteredOn: '2026-04-01' });
  });

  it('a founder’s second business is not a first-time founder’s, whatever they declare', async () => {
    const founderId = idNumber('19950505');
    const founderIdentity = { name: '张伟', idNumber: founderId };
    const first = await approvedStartup({ applicant: founderIdentity, incubating: true });
    await submit(first.startup.id, first.founder, businessBody(founderId));
    expect((await verify(first.startup.id)).body.firstTimeFounder).toBe(true);
    // The same person founds a second startup later and declares it a first business.
    const second = await startupRecord({ founderApplicantId: first.startup.founderApplicantId, founderUserId: first.founder.sub });
    await submit(second.id, first.founder, businessBody(founderId));
    const verified = await verify(second.id);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ firstBusinessDeclared: true, firstTimeFounder: false });
  });

  it('refuses an officer acting on their own startup', async () => {
    const { startup, founder, founderId } = await founderStartup();
    await submit(startup.id, founder, businessBody(founderId));
    const self = await verify(startup.id, { role: 'officer', sub: founder.sub });
    expect(self.status).toBe(403);
  });
});

describe('operating months since registration (Beijing days)', () => {
  it('counts whole months, the anniversary day included', () => {
    expect(monthsBetween('2026-01-15', '2026-07-14')).toBe(5);
    expect(monthsBetween('2026-01-15', '2026-07-15')).toBe(6);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsBetween('2025-01-15', '2026-07-15')).toBe(18);
    expect(monthsBetween('2025-01-15', '2026-07-14')).toBe(17);
  });
});

describe('facts verified by officers', () => {
  it('records each fact with an available document of the startup, and the founder cannot', async () => {
    const { startup, founder } = await founderStartup();
    const { document } = await uploadDocument(founder, pdfBytes('social_insurance_list'), {
      recordType: 'startup',
      recordId: startup.id,
      type: 'social_insurance_list',
    });
    const body = { kind: 'founder_social_insurance', months: 7, evidenceDocumentId: document.id };
    expect((await call('POST', `/v1/startups/${startup.id}/facts`, { as: founder, body })).status).toBe(403);
    const res = await call('POST', `/v1/startups/${startup.id}/facts`, { as: officer, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'founder_social_insurance', months: 7, verifiedBy: officer.sub });
    const inspection = await call('POST', `/v1/startups/${startup.id}/facts`, {
      as: officer,
      body: { kind: 'inspection', inspectedOn: '2026-05-01', normalOperation: true, evidenceDocumentId: document.id },
    });
    expect(inspection.status).toBe(201);
    const list = await call('GET', `/v1/startups/${startup.id}/facts`, { as: founder });
    expect(list.body.items.map((f: { kind: string }) => f.kind)).toEqual(['inspection', 'founder_social_insurance']);
  });

  it('refuses evidence that is not a document of the startup or its founder', async () => {
    const { startup } = await founderStartup();
    const other = await founderStartup();
    const { document } = await uploadDocument(other.founder, pdfBytes('tax_record'), { recordType: 'startup', recordId: other.startup.id, type: 'tax_record' });
    const res = await call('POST', `/v1/startups/${startup.id}/facts`, {
      as: officer,
      body: { kind: 'tax_filing', consecutiveMonths: 12, evidenceDocumentId: document.id },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EVIDENCE_NOT_AVAILABLE');
  });
});
