import { describe, expect, it } from 'vitest';
import { seedApplicants } from '../../infra/local/demo/applicants';
import { seedStaff } from '../../infra/local/demo/staff';
import { seedApplications } from '../../infra/local/demo/applications';
import { seedDocuments } from '../../infra/local/demo/documents';
import { call } from '../support/api';
import { sha256 } from '../support/documents';

describe('demo documents', () => {
  it("puts a business plan and a business licence on demo-applicant's application, which an officer opens", async () => {
    await seedStaff();
    await seedApplicants();
    await seedApplications();
    await seedDocuments();
    const founder = { role: 'applicant' as const, sub: 'demo-applicant' };
    const [application] = (await call('GET', '/v1/applications?mine=true', { as: founder })).body.items;
    const officer = { role: 'officer' as const, sub: 'demo-officer' };
    const list = await call('GET', `/v1/documents?recordType=application&recordId=${application.id}`, { as: officer });
    expect(list.body.items.map((d: { type: string; status: string; contentType: string }) => [d.type, d.status, d.contentType])).toEqual([
      ['business_plan', 'available', 'application/pdf'],
      ['business_licence', 'available', 'image/png'],
    ]);
    for (const document of list.body.items) {
      const link = await call('GET', `/v1/documents/${document.id}/download`, { as: officer });
      const file = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
      expect(sha256(file)).toBe(document.sha256);
    }
  });
});
