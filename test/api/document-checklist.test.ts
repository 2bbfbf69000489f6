import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db } from '../../shared/db/client';
import { tableName } from '../../shared/db/table';
import { programmeKeys } from '../../shared/programmes/repository';
import { call } from '../support/api';
import { pdfBytes, pngBytes, requestUpload, uploadDocument } from '../support/documents';
import { bankAccount, officer, openProgramme, registeredApplicant, startupOf } from '../support/subsidies';

type Claimant = Awaited<ReturnType<typeof registeredApplicant>>;

const claim = (claimant: Claimant, body: Record<string, unknown>) => call('POST', '/v1/claims', { as: claimant.as, body: { bankAccount, ...body } });

const onProfile = (claimant: Claimant, type: string) =>
  uploadDocument(claimant.as, pdfBytes(type), { recordType: 'applicant', recordId: claimant.applicantId, type });

describe("a programme's checklist of required documents", () => {
  it('is part of the programme, each type at most once', async () => {
    const programme = await openProgramme({ requiredDocuments: ['business_licence', 'social_insurance_list'] });
    expect(programme.requiredDocuments).toEqual(['business_licence', 'social_insurance_list']);
    expect((await openProgramme()).requiredDocuments).toEqual([]);
    await expect(openProgramme({ requiredDocuments: ['lease', 'lease'] })).rejects.toThrow(/400/);
    await expect(openProgramme({ requiredDocuments: ['passport'] })).rejects.toThrow(/400/);
  });

  it('refuses a claim missing a required document, naming what is missing, and writes nothing', async () => {
    const programme = await openProgramme({ requiredDocuments: ['business_licence', 'social_insurance_list'] });
    const claimant = await registeredApplicant();
    const none = await claim(claimant, { programmeId: programme.id, evidence: ['营业执照扫描件'] });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'REQUIRED_DOCUMENTS_MISSING', missing: ['business_licence', 'social_insurance_list'] });

    const { document: licence } = await onProfile(claimant, 'business_licence');
    const half = await claim(claimant, { programmeId: programme.id, evidence: [licence.id] });
    expect(half.status).toBe(422);
    expect(half.body.missing).toEqual(['social_insurance_list']);

    const mine = await call('GET', '/v1/claims?mine=true', { as: claimant.as });
    expect(mine.body.items).toEqual([]);
  });

  it('counts only available documents of the claimant: not a pending one, nor another person’s', async () => {
    const programme = await openProgramme({ requiredDocuments: ['business_licence'] });
    const claimant = await registeredApplicant();
    const pending = await requestUpload(claimant.as, pdfBytes(), { recordType: 'applicant', recordId: claimant.applicantId, type: 'business_licence' });
    const notYet = await claim(claimant, { programmeId: programme.id, evidence: [pending.body.document.id] });
    expect(notYet.status).toBe(422);
    expect(notYet.body).toMatchObject({ code: 'EVIDENCE_NOT_AVAILABLE', documentId: pending.body.document.id });

    const someoneElse = await registeredApplicant();
    const { document: theirs } = await onProfile(someoneElse, 'business_licence');
    const borrowed = await claim(claimant, { programmeId: programme.id, evidence: [theirs.id] });
    expect(borrowed.status).toBe(422);
    expect(borrowed.body).toMatchObject({ code: 'EVIDENCE_NOT_AVAILABLE', documentId: theirs.id });
    expect(JSON.stringify(borrowed.body)).not.toContain(someoneElse.applicantId);
  });

  it('takes a claim whose evidence covers the list, from the profile and the startup, and the officer sees it ticked', async () => {
    const programme = await openProgramme({ kind: 'entity_subsidy', requiredDocuments: ['business_licence', 'tax_record'] });
    const claimant = await registeredApplicant();
    const startup = await startupOf(claimant, { creditCode: undefined });
    const { document: licence } = await uploadDocument(claimant.as, pngBytes(), {
      recordType: 'startup',
      recordId: startup.id,
      type: 'business_licence',
      contentType: 'image/png',
    });
    const { document: tax } = await onProfile(claimant, 'tax_record');
    const res = await claim(claimant, { programmeId: programme.id, startupId: startup.id, evidence: [licence.id, tax.id, '纸质材料已递交窗口'] });
    expect(res.status).toBe(201);
    expect(res.body.evidence).toEqual([licence.id, tax.id, '纸质材料已递交窗口']);

    const checklist = await call('GET', `/v1/claims/${res.body.id}/document-checklist`, { as: officer });
    expect(checklist.status).toBe(200);
    expect(checklist.body).toEqual({
      claimId: res.body.id,
      programmeId: programme.id,
      complete: true,
      items: [
        { type: 'business_licence', satisfied: true, documentIds: [licence.id] },
        { type: 'tax_record', satisfied: true, documentIds: [tax.id] },
      ],
    });
    expect((await call('GET', `/v1/claims/${res.body.id}/document-checklist`, { as: claimant.as })).status).toBe(200);
  });

  it('shows the officer an unticked item, ticked once a paper is attached to the claim itself', async () => {
    const programme = await openProgramme();
    const claimant = await registeredApplicant();
    const res = await claim(claimant, { programmeId: programme.id });
    expect(res.status).toBe(201);
    expect((await call('GET', `/v1/claims/${res.body.id}/document-checklist`, { as: officer })).body).toMatchObject({ complete: true, items: [] });

    // The centre adds a paper to the programme's checklist after this claim was taken.
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: programmeKeys.programme(programme.id),
        UpdateExpression: 'SET requiredDocuments = :types',
        ExpressionAttributeValues: { ':types': ['bank_statement'] },
      }),
    );
    const unticked = await call('GET', `/v1/claims/${res.body.id}/document-checklist`, { as: officer });
    expect(unticked.body).toMatchObject({ complete: false, items: [{ type: 'bank_statement', satisfied: false, documentIds: [] }] });

    const { document } = await uploadDocument(claimant.as, pdfBytes(), { recordType: 'claim', recordId: res.body.id, type: 'bank_statement' });
    const ticked = await call('GET', `/v1/claims/${res.body.id}/document-checklist`, { as: officer });
    expect(ticked.body).toMatchObject({ complete: true, items: [{ type: 'bank_statement', satisfied: true, documentIds: [document.id] }] });
  });
});
