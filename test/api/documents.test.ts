import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_CREDENTIALS, documentsBucket } from '../../shared/document-desk/storage';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents/schema';
import { call, uniqueSub, type As } from '../support/api';
import { pdfBytes, pngBytes, postFile, requestUpload, sha256, uploadDocument } from '../support/documents';
import { applicationInput } from '../support/startups';
import { registeredApplicant } from '../support/subsidies';

const officer: As = { role: 'officer', sub: 'officer-documents' };
const auditor: As = { role: 'auditor', sub: uniqueSub('auditor-documents') };

/** A founder with a profile and a submitted application, the records their papers go to. */
async function founderWithApplication() {
  const founder = await registeredApplicant();
  const draft = await call('POST', '/v1/applications', { as: founder.as, body: applicationInput() });
  const submitted = await call('POST', `/v1/applications/${draft.body.id}/submit`, { as: founder.as });
  expect(submitted.status).toBe(200);
  return { ...founder, applicationId: draft.body.id as string };
}

const s3 = new S3Client({ endpoint: process.env.S3_ENDPOINT, forcePathStyle: true, region: 'cn-north-1', credentials: LOCAL_S3_CREDENTIALS });
const stored = (id: string) =>
  s3.send(new HeadObjectCommand({ Bucket: documentsBucket(), Key: `documents/${id}` })).then(
    () => true,
    (error: Error) => (error.name === 'NotFound' ? false : Promise.reject(error)),
  );

const policyOf = (fields: Record<string, string>) => JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8'));

let founder: Awaited<ReturnType<typeof founderWithApplication>>;
beforeAll(async () => {
  founder = await founderWithApplication();
});

describe('uploading by presigned POST and downloading by presigned GET, through the local S3 server', () => {
  it('stores a business plan sent straight to the bucket, checks it, and serves it back under its name', async () => {
    const bytes = pdfBytes('Plan for the AI resume clinic');
    const form = await requestUpload(founder.as, bytes, {
      recordType: 'application',
      recordId: founder.applicationId,
      type: 'business_plan',
      fileName: '商业计划书（终稿）.pdf',
    });
    expect(form.status).toBe(201);
    expect(form.body.document).toMatchObject({ status: 'pending', size: bytes.length, sha256: sha256(bytes), uploadedBy: founder.as.sub });
    expect(form.body.upload.url.startsWith(process.env.S3_ENDPOINT!)).toBe(true);

    expect((await postFile(form.body.upload, bytes)).status).toBe(204);
    const completed = await call('POST', `/v1/documents/${form.body.document.id}/complete`, { as: founder.as });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'available', fileName: '商业计划书（终稿）.pdf', completedAt: expect.any(String) });
    expect(completed.body.rejectionReason).toBeUndefined();

    const link = await call('GET', `/v1/documents/${completed.body.id}/download`, { as: founder.as });
    expect(link.status).toBe(200);
    expect(link.headers.get('cache-control')).toBe('no-store');
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('商业计划书（终稿）.pdf')}`);
  });

  it('redirects (303) to the file with redirect=true', async () => {
    const bytes = pngBytes();
    const { document } = await uploadDocument(founder.as, bytes, {
      recordType: 'applicant',
      recordId: founder.applicantId,
      type: 'training_certificate',
      fileName: 'SYB.png',
      contentType: 'image/png',
    });
    expect(document.status).toBe('available');
    const res = await call('GET', `/v1/documents/${document.id}/download?redirect=true`, { as: founder.as });
    expect(res.status).toBe(303);
    const file = await fetch(res.headers.get('location')!);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("lists a record's documents to its owner and officers, with their statuses", async () => {
    const { applicationId, as } = await founderWithApplication();
    const { document } = await uploadDocument(as, pdfBytes(), { recordType: 'application', recordId: applicationId, type: 'business_plan' });
    const pending = await requestUpload(as, pngBytes(), {
      recordType: 'application',
      recordId: applicationId,
      type: 'business_licence',
      contentType: 'image/png',
    });
    for (const reader of [as, officer]) {
      const list = await call('GET', `/v1/documents?recordType=application&recordId=${applicationId}`, { as: reader });
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
        [document.id, 'available'],
        [pending.body.document.id, 'pending'],
      ]);
    }
  });
});

describe('the upload policy the API signs', () => {
  it('names this bucket, a key the server chose, the announced type and exactly the announced size, for 10 minutes', async () => {
    const bytes = pdfBytes();
    const form = await requestUpload(founder.as, bytes, {
      recordType: 'applicant',
      recordId: founder.applicantId,
      type: 'other',
      fileName: 'my licence (copy).pdf',
    });
    expect(form.status).toBe(201);
    const id = form.body.document.id;
    const policy = policyOf(form.body.upload.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: documentsBucket() },
        ['eq', '$key', `documents/${id}`],
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', bytes.length, bytes.length],
      ]),
    );
    expect(form.body.upload.fields.key).toBe(`documents/${id}`);
    expect(JSON.stringify(policy)).not.toContain('licence');
    const lifetime = Date.parse(policy.expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(8 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60 * 1000);
  });

  it('never signs for more than 10 MB, nor for a type other than PDF, JPEG or PNG', async () => {
    const base = { recordType: 'applicant', recordId: founder.applicantId, type: 'other' };
    const atLimit = await requestUpload(founder.as, pdfBytes(), { ...base, size: MAX_DOCUMENT_BYTES });
    expect(atLimit.status).toBe(201);
    const [, low, high] = policyOf(atLimit.body.upload.fields).conditions.find((c: unknown[]) => c[0] === 'content-length-range');
    expect([low, high]).toEqual([MAX_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES]);

    const tooLarge = await requestUpload(founder.as, pdfBytes(), { ...base, size: MAX_DOCUMENT_BYTES + 1 });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.size']);
    for (const contentType of ['text/html', 'image/gif', 'application/octet-stream']) {
      const refused = await requestUpload(founder.as, pdfBytes(), { ...base, contentType });
      expect(refused.status, contentType).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.contentType']);
    }
  });

  it('refuses a file name with slashes or control characters, and a record id of another kind', async () => {
    for (const fileName of ['../../etc/passwd', 'a\\b.pdf', 'line\nbreak.pdf']) {
      const res = await requestUpload(founder.as, pdfBytes(), { recordType: 'applicant', recordId: founder.applicantId, type: 'other', fileName });
      expect(res.status, fileName).toBe(400);
    }
    const wrongKind = await requestUpload(founder.as, pdfBytes(), { recordType: 'claim', recordId: founder.applicantId, type: 'other' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.recordId']);
  });
});

describe('the completion step, whatever the bucket accepted', () => {
  const onProfile = (extra: Record<string, unknown> = {}) => ({ recordType: 'applicant', recordId: founder.applicantId, type: 'other', ...extra });

  it('rejects bytes that are not a PDF although it says so, serves nothing and removes the file', async () => {
    const png = pngBytes();
    const form = await requestUpload(founder.as, png, onProfile({ contentType: 'application/pdf', fileName: 'licence.pdf' }));
    expect((await postFile(form.body.upload, png)).status).toBe(204);
    const id = form.body.document.id;
    expect(await stored(id)).toBe(true);
    const completed = await call('POST', `/v1/documents/${id}/complete`, { as: founder.as });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'rejected', rejectionReason: 'type_mismatch' });
    expect(completed.body.rejectionDetail).toContain('PNG');
    const download = await call('GET', `/v1/documents/${id}/download`, { as: founder.as });
    expect(download.status).toBe(409);
    expect(download.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    expect(JSON.stringify(download.body)).not.toContain('X-Amz-Signature');
    expect(await stored(id)).toBe(false);
  });

  it('rejects a file over 10 MB that the local server took despite the policy', async () => {
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(MAX_DOCUMENT_BYTES)]);
    const form = await requestUpload(founder.as, pdfBytes(), onProfile());
    // s3rver does not enforce content-length-range: the file arrives, and the API must catch it.
    expect((await postFile(form.body.upload, big)).status).toBe(204);
    const completed = await call('POST', `/v1/documents/${form.body.document.id}/complete`, { as: founder.as });
    expect(completed.body).toMatchObject({ status: 'rejected', rejectionReason: 'too_large' });
  });

  it('rejects a file of another content type sent in place of the announced one', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const form = await requestUpload(founder.as, html, onProfile({ contentType: 'application/pdf' }));
    expect((await postFile(form.body.upload, html, 'text/html')).status).toBe(204);
    const completed = await call('POST', `/v1/documents/${form.body.document.id}/complete`, { as: founder.as });
    expect(completed.body).toMatchObject({ status: 'rejected', rejectionReason: 'type_mismatch' });
    expect(completed.body.rejectionDetail).toContain('none of PDF, JPEG or PNG');
  });

  it('rejects a file whose SHA-256 or size is not the one announced', async () => {
    const announced = pdfBytes('the real plan');
    const other = pdfBytes('the real plaN');
    const swapped = await requestUpload(founder.as, announced, onProfile());
    await postFile(swapped.body.upload, other);
    const checksum = await call('POST', `/v1/documents/${swapped.body.document.id}/complete`, { as: founder.as });
    expect(checksum.body).toMatchObject({ status: 'rejected', rejectionReason: 'checksum_mismatch' });

    const short = await requestUpload(founder.as, announced, onProfile());
    await postFile(short.body.upload, announced.subarray(0, 100));
    const size = await call('POST', `/v1/documents/${short.body.document.id}/complete`, { as: founder.as });
    expect(size.body).toMatchObject({ status: 'rejected', rejectionReason: 'size_mismatch' });
  });

  it('says so when nothing was uploaded yet, and the document stays pending', async () => {
    const form = await requestUpload(founder.as, pdfBytes(), onProfile());
    const res = await call('POST', `/v1/documents/${form.body.document.id}/complete`, { as: founder.as });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UPLOAD_NOT_FOUND');
    expect((await call('GET', `/v1/documents/${form.body.document.id}`, { as: founder.as })).body.status).toBe('pending');
  });

  it('decides once under parallel completions: one verdict, one audit record', async () => {
    const bytes = pdfBytes();
    const form = await requestUpload(founder.as, bytes, onProfile());
    await postFile(form.body.upload, bytes);
    const id = form.body.document.id;
    const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/v1/documents/${id}/complete`, { as: founder.as })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => `${a.body.status}@${a.body.version}`))).toEqual(new Set(['available@2']));
    const trail = await call('GET', `/v1/audit?entityId=${id}`, { as: auditor });
    expect(trail.body.items.map((r: { action: string }) => r.action).sort()).toEqual(['document.available', 'document.requested']);
  });
});

describe('who may see a document', () => {
  it('answers another founder 404 for a document, its list and its download, and never issues the URL', async () => {
    const { document } = await uploadDocument(founder.as, pdfBytes(), {
      recordType: 'applicant',
      recordId: founder.applicantId,
      type: 'social_insurance_list',
      fileName: '社保清单-李明.pdf',
    });
    const stranger = await registeredApplicant();
    for (const path of [
      `/v1/documents/${document.id}`,
      `/v1/documents/${document.id}/download`,
      `/v1/documents/${document.id}/download?redirect=true`,
      `/v1/documents?recordType=applicant&recordId=${founder.applicantId}`,
    ]) {
      const res = await call('GET', path, { as: stranger.as });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location'), path).toBeNull();
      expect(JSON.stringify(res.body), path).not.toMatch(/X-Amz|社保清单|127\.0\.0\.1/);
    }
    const trail = await call('GET', `/v1/audit?entityId=${document.id}`, { as: auditor });
    expect(trail.body.items.map((r: { action: string }) => r.action)).not.toContain('document.opened');
  });

  it('lets no mentor or park manager open any document', async () => {
    const { document } = await uploadDocument(founder.as, pdfBytes(), { recordType: 'application', recordId: founder.applicationId, type: 'business_plan' });
    const manager = await call('GET', `/v1/documents/${document.id}/download`, { as: { role: 'park_manager', sub: uniqueSub('park_manager') } });
    expect(manager.status).toBe(403);
    // Mentors reach the route (the centre may open some types on startups they mentor), but not this record.
    const mentor = await call('GET', `/v1/documents/${document.id}/download`, { as: { role: 'mentor', sub: uniqueSub('mentor') } });
    expect(mentor.status).toBe(404);
  });

  it('shows finance the papers of claims, not of applications', async () => {
    const { document } = await uploadDocument(founder.as, pdfBytes(), { recordType: 'application', recordId: founder.applicationId, type: 'business_plan' });
    expect((await call('GET', `/v1/documents/${document.id}`, { as: { role: 'finance', sub: 'finance-documents' } })).status).toBe(404);
    expect((await call('GET', `/v1/documents/${document.id}`, { as: officer })).status).toBe(200);
  });

  it('audits every opening of a document with personal data: an auditor opens one and the trail shows it', async () => {
    const { document } = await uploadDocument(founder.as, pngBytes(), {
      recordType: 'application',
      recordId: founder.applicationId,
      type: 'business_licence',
      contentType: 'image/png',
      fileName: '营业执照.png',
    });
    const opened = await call('GET', `/v1/documents/${document.id}/download`, { as: auditor });
    expect(opened.status).toBe(200);
    const trail = await call('GET', `/v1/audit?entityId=${document.id}`, { as: auditor });
    const openings = trail.body.items.filter((r: { action: string }) => r.action === 'document.opened');
    expect(openings).toHaveLength(1);
    expect(openings[0]).toMatchObject({ actorId: auditor.sub, role: 'auditor', entityType: 'document', entityId: document.id });
    const byActor = await call('GET', `/v1/audit?actorId=${auditor.sub}`, { as: officer });
    expect(byActor.body.items.map((r: { entityId: string; action: string }) => `${r.action} ${r.entityId}`)).toContain(`document.opened ${document.id}`);
  });

  it('does not audit opening a business plan, which holds no personal data', async () => {
    const { document } = await uploadDocument(founder.as, pdfBytes(), { recordType: 'application', recordId: founder.applicationId, type: 'business_plan' });
    expect((await call('GET', `/v1/documents/${document.id}/download`, { as: officer })).status).toBe(200);
    const trail = await call('GET', `/v1/audit?entityId=${document.id}`, { as: auditor });
    expect(trail.body.items.map((r: { action: string }) => r.action)).not.toContain('document.opened');
  });
});

describe('who may attach and withdraw', () => {
  it('leaves inspection photos to officers', async () => {
    const photo = pngBytes();
    const attach = { recordType: 'application', recordId: founder.applicationId, type: 'inspection_photo', contentType: 'image/png' };
    const byFounder = await requestUpload(founder.as, photo, attach);
    expect(byFounder.status).toBe(403);
    expect(byFounder.body.code).toBe('STAFF_ONLY_DOCUMENT_TYPE');
    const { document } = await uploadDocument(officer, photo, attach);
    expect(document).toMatchObject({ status: 'available', uploadedBy: officer.sub });
    expect((await call('GET', `/v1/documents/${document.id}`, { as: founder.as })).status).toBe(200);
  });

  it('takes no papers from a founder on a decided application, and still from an officer', async () => {
    const other = await founderWithApplication();
    await call('POST', `/v1/applications/${other.applicationId}/withdraw`, { as: other.as });
    const res = await requestUpload(other.as, pdfBytes(), { recordType: 'application', recordId: other.applicationId, type: 'business_plan' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('RECORD_CLOSED');
    expect((await requestUpload(officer, pdfBytes(), { recordType: 'application', recordId: other.applicationId, type: 'other' })).status).toBe(201);
  });

  it('deletes a document only while pending, and only for its uploader', async () => {
    const bytes = pdfBytes();
    const form = await requestUpload(founder.as, bytes, { recordType: 'application', recordId: founder.applicationId, type: 'other' });
    const id = form.body.document.id;
    await postFile(form.body.upload, bytes);
    const byOfficer = await call('DELETE', `/v1/documents/${id}`, { as: officer });
    expect(byOfficer.status).toBe(403);
    expect(byOfficer.body.code).toBe('NOT_UPLOADER');
    expect((await call('DELETE', `/v1/documents/${id}`, { as: founder.as })).status).toBe(204);
    expect((await call('GET', `/v1/documents/${id}`, { as: founder.as })).status).toBe(404);
    expect(await stored(id)).toBe(false);

    const { document } = await uploadDocument(founder.as, bytes, { recordType: 'application', recordId: founder.applicationId, type: 'other' });
    const kept = await call('DELETE', `/v1/documents/${document.id}`, { as: founder.as });
    expect(kept.status).toBe(409);
    expect(kept.body.code).toBe('DOCUMENT_NOT_PENDING');
    expect((await call('GET', `/v1/documents/${document.id}`, { as: founder.as })).body.status).toBe('available');
  });
});
