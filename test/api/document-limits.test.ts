import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents/schema';
import { MAX_DOCUMENTS_PER_RECORD, MAX_UPLOAD_BYTES_PER_DAY } from '../../shared/document-desk/service';
import { call, type As } from '../support/api';
import { pdfBytes, pngBytes, postFile, requestUpload } from '../support/documents';
import { openProgramme, registeredApplicant, startupOf, submittedClaim } from '../support/subsidies';

const count = (answers: Array<{ status: number }>, status: number) => answers.filter((a) => a.status === status).length;

async function documentsOf(as: As, recordType: string, recordId: string) {
  const list = await call('GET', `/v1/documents?recordType=${recordType}&recordId=${recordId}&limit=100`, { as });
  expect(list.status).toBe(200);
  return list.body.items as Array<{ id: string; status: string }>;
}

describe('documents per record', () => {
  it(`keeps a claim at ${MAX_DOCUMENTS_PER_RECORD.claim} documents under 30 parallel uploads`, async () => {
    const { claim, claimant } = await submittedClaim((await openProgramme()).id);
    const bytes = pdfBytes();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        requestUpload(claimant.as, bytes, { recordType: 'claim', recordId: claim.id, type: 'other', fileName: `证明-${i}.pdf` }),
      ),
    );
    expect(count(answers, 201)).toBe(20);
    expect(count(answers, 422)).toBe(10);
    const refused = answers.find((a) => a.status === 422)!;
    expect(refused.body).toMatchObject({ status: 422, code: 'TOO_MANY_DOCUMENTS', limit: 20 });
    expect(await documentsOf(claimant.as, 'claim', claim.id)).toHaveLength(20);
  });

  it('gives the slot back when a pending document is deleted or a file is rejected', async () => {
    const { claim, claimant } = await submittedClaim((await openProgramme()).id);
    const bytes = pdfBytes();
    const forms = [];
    for (let i = 0; i < 20; i++) forms.push(await requestUpload(claimant.as, bytes, { recordType: 'claim', recordId: claim.id, type: 'other' }));
    expect(forms.every((f) => f.status === 201)).toBe(true);
    expect((await requestUpload(claimant.as, bytes, { recordType: 'claim', recordId: claim.id, type: 'other' })).status).toBe(422);

    expect((await call('DELETE', `/v1/documents/${forms[0]!.body.document.id}`, { as: claimant.as })).status).toBe(204);
    const png = pngBytes();
    await postFile(forms[1]!.body.upload, png);
    const rejected = await call('POST', `/v1/documents/${forms[1]!.body.document.id}/complete`, { as: claimant.as });
    expect(rejected.body.status).toBe('rejected');

    const again = await Promise.all([1, 2, 3].map(() => requestUpload(claimant.as, bytes, { recordType: 'claim', recordId: claim.id, type: 'other' })));
    expect(again.map((a) => a.status).sort()).toEqual([201, 201, 422]);
  });
});

describe('bytes per person per day', () => {
  it(`lets one person ask for at most ${MAX_UPLOAD_BYTES_PER_DAY / 1024 / 1024} MB a day, under parallel requests`, async () => {
    const founder = await registeredApplicant();
    const startup = await startupOf(founder);
    const perFile = MAX_DOCUMENT_BYTES;
    const fits = MAX_UPLOAD_BYTES_PER_DAY / perFile;
    const answers = await Promise.all(
      Array.from({ length: fits + 5 }, () =>
        requestUpload(founder.as, pdfBytes(), { recordType: 'startup', recordId: startup.id, type: 'other', size: perFile }),
      ),
    );
    expect(count(answers, 201)).toBe(fits);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.body).toMatchObject({ status: 429, code: 'UPLOAD_QUOTA_EXCEEDED', limitBytes: MAX_UPLOAD_BYTES_PER_DAY });
    expect(await documentsOf(founder.as, 'startup', startup.id)).toHaveLength(fits);

    // The quota is the person's, not the record's: another of their records is refused too …
    const small = await requestUpload(founder.as, pdfBytes(), { recordType: 'applicant', recordId: founder.applicantId, type: 'other' });
    expect(small.status).toBe(429);
    // … and another person is not affected.
    const other = await registeredApplicant();
    expect((await requestUpload(other.as, pdfBytes(), { recordType: 'applicant', recordId: other.applicantId, type: 'other' })).status).toBe(201);
  });
});
