import { createHash } from 'node:crypto';
import { call, type Answer, type As } from './api';

import { postFile } from '../../infra/local/demo/files';

export { pdfBytes, pngBytes, postFile } from '../../infra/local/demo/files';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface Attach {
  recordType: string;
  recordId: string;
  type: string;
  fileName?: string;
  contentType?: string;
  /** What is announced: by default the real size and SHA-256 of `bytes`. */
  size?: number;
  sha256?: string;
}

/** Asks the API for an upload form for `bytes`. */
export function requestUpload(as: As, bytes: Uint8Array, attach: Attach): Promise<Answer> {
  return call('POST', '/v1/documents', {
    as,
    body: {
      recordType: attach.recordType,
      recordId: attach.recordId,
      type: attach.type,
      fileName: attach.fileName ?? 'document.pdf',
      contentType: attach.contentType ?? 'application/pdf',
      size: attach.size ?? bytes.byteLength,
      sha256: attach.sha256 ?? sha256(bytes),
    },
  });
}

/** Request, upload and completion in one: the completed document (available or rejected). */
export async function uploadDocument(as: As, bytes: Uint8Array, attach: Attach): Promise<{ document: any; form: any }> {
  const form = await requestUpload(as, bytes, attach);
  if (form.status !== 201) throw new Error(`request upload: ${form.status} ${JSON.stringify(form.body)}`);
  const posted = await postFile(form.body.upload, bytes);
  if (posted.status >= 300) throw new Error(`upload: ${posted.status} ${await posted.text()}`);
  const completed = await call('POST', `/v1/documents/${form.body.document.id}/complete`, { as });
  if (completed.status !== 200) throw new Error(`complete: ${completed.status} ${JSON.stringify(completed.body)}`);
  return { document: completed.body, form: form.body };
}
