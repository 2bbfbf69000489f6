import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mentorDocumentTypes } from '../../shared/document-desk/access';
import { call, uniqueSub } from '../support/api';
import { pdfBytes, uploadDocument } from '../support/documents';
import { founderOf, officer, testAssignment, testMentor } from '../support/mentors';

/**
 * Mentors see no evidence unless the centre says so: `FUHUA_MENTOR_DOCUMENT_TYPES` opens the
 * named types on the startups a mentor mentors now, and nothing else.
 */
let arranged: Awaited<ReturnType<typeof testAssignment>>;
let plan: { id: string };
let lease: { id: string };

beforeAll(async () => {
  arranged = await testAssignment();
  const founder = founderOf(arranged.startup);
  plan = (await uploadDocument(founder, pdfBytes('plan'), { recordType: 'startup', recordId: arranged.startup.id, type: 'business_plan' })).document;
  lease = (await uploadDocument(founder, pdfBytes('lease'), { recordType: 'startup', recordId: arranged.startup.id, type: 'lease' })).document;
});

afterEach(() => {
  delete process.env.FUHUA_MENTOR_DOCUMENT_TYPES;
});

const list = (as: { role: 'mentor'; sub: string }) => call('GET', `/v1/documents?recordType=startup&recordId=${arranged.startup.id}`, { as });

describe('a mentor and the documents of a startup they mentor', () => {
  it('sees none by default: the record is not there for them', async () => {
    expect((await list(arranged.mentor.as as { role: 'mentor'; sub: string })).status).toBe(404);
    expect((await call('GET', `/v1/documents/${plan.id}`, { as: arranged.mentor.as })).status).toBe(404);
    expect((await call('GET', `/v1/documents/${plan.id}/download`, { as: arranged.mentor.as })).status).toBe(404);
  });

  it('opens only the types the setting names, and may attach none', async () => {
    process.env.FUHUA_MENTOR_DOCUMENT_TYPES = 'business_plan';
    const listed = await list(arranged.mentor.as as { role: 'mentor'; sub: string });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([plan.id]);
    expect((await call('GET', `/v1/documents/${plan.id}`, { as: arranged.mentor.as })).status).toBe(200);
    const link = await call('GET', `/v1/documents/${plan.id}/download`, { as: arranged.mentor.as });
    expect(link.status).toBe(200);
    expect((await fetch(link.body.url)).status).toBe(200);
    expect((await call('GET', `/v1/documents/${lease.id}`, { as: arranged.mentor.as })).status).toBe(404);
    expect((await call('GET', `/v1/documents/${lease.id}/download`, { as: arranged.mentor.as })).status).toBe(404);
    const attach = await call('POST', '/v1/documents', {
      as: arranged.mentor.as,
      body: {
        recordType: 'startup',
        recordId: arranged.startup.id,
        type: 'business_plan',
        fileName: 'x.pdf',
        contentType: 'application/pdf',
        size: 10,
        sha256: 'a'.repeat(64),
      },
    });
    expect(attach.status).toBe(403);
  });

  it('gives nothing to a mentor of another startup, nor once the assignment has ended', async () => {
    process.env.FUHUA_MENTOR_DOCUMENT_TYPES = 'business_plan,lease';
    const stranger = await testMentor();
    expect((await call('GET', `/v1/documents/${plan.id}`, { as: stranger.as })).status).toBe(404);
    expect((await call('GET', `/v1/documents/${plan.id}`, { as: { role: 'mentor', sub: uniqueSub('mentor') } })).status).toBe(404);

    const other = await testAssignment();
    const theirPlan = (
      await uploadDocument(founderOf(other.startup), pdfBytes('p'), { recordType: 'startup', recordId: other.startup.id, type: 'business_plan' })
    ).document;
    expect((await call('GET', `/v1/documents/${theirPlan.id}`, { as: other.mentor.as })).status).toBe(200);
    const ended = await call('POST', `/v1/assignments/${other.assignment.id}/end`, { as: officer, body: { reason: '创业者另行安排导师' } });
    expect(ended.status).toBe(200);
    expect((await call('GET', `/v1/documents/${theirPlan.id}`, { as: other.mentor.as })).status).toBe(404);
  });

  it('refuses a setting that names an unknown type, by name', () => {
    process.env.FUHUA_MENTOR_DOCUMENT_TYPES = 'business_plan, passport';
    expect(() => mentorDocumentTypes()).toThrow(/unknown document types: passport/);
    process.env.FUHUA_MENTOR_DOCUMENT_TYPES = ' business_plan , lease ';
    expect([...mentorDocumentTypes()]).toEqual(['business_plan', 'lease']);
  });
});
