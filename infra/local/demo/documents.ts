import { createHash } from 'node:crypto';
import { listApplicationsOf } from '../../../shared/applications';
import type { DocumentType, RequestUpload } from '../../../shared/documents';
import { completeUpload, requestUpload } from '../../../shared/document-desk';
import type { Ctx } from '../../../shared/context';
import { demoCtx } from './actors';
import { pdfBytes, pngBytes, postFile } from './files';

/** Uploads a file as the console does: ask for the form, send the file to the bucket, complete. */
async function attach(ctx: Ctx, bytes: Buffer, input: Omit<RequestUpload, 'size' | 'sha256'>): Promise<void> {
  const form = await requestUpload(ctx, { ...input, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  const posted = await postFile(form.upload, bytes);
  if (!posted.ok) throw new Error(`the local S3 server refused the demo ${input.type}: ${posted.status}`);
  const document = await completeUpload(ctx, form.document.id);
  if (document.status !== 'available') throw new Error(`the demo ${input.type} was ${document.status}: ${document.rejectionDetail}`);
}

/**
 * demo-applicant's submitted application carries its business plan (a PDF) and a photo of the
 * business licence (a PNG): an officer reviewing it opens them, and the auditor sees the openings.
 */
export async function seedDocuments(): Promise<void> {
  const founder = demoCtx('applicant', 'demo-applicant');
  const [application] = (await listApplicationsOf(founder.actor.sub, { limit: 1 })).items;
  if (!application) throw new Error('demo-applicant has no application (the applications part is not loaded)');
  const onApplication = (type: DocumentType, fileName: string, contentType: RequestUpload['contentType']) => ({
    recordType: 'application' as const,
    recordId: application.id,
    type,
    fileName,
    contentType,
  });
  await attach(
    founder,
    pdfBytes('Business plan - AI resume clinic (demo)'),
    onApplication('business_plan', '商业计划书-AI简历诊断工具.pdf', 'application/pdf'),
  );
  await attach(founder, pngBytes(480, 320, [196, 30, 58]), onApplication('business_licence', '营业执照.png', 'image/png'));
}
