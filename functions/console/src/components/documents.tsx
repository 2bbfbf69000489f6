import { useRef, useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { dateTime } from '../format';
import { enumText, t } from '../i18n';
import { Field } from './field';
import { ProblemMessage } from './problem';

type Document = Schemas['Document'];
type RecordType = Schemas['RequestUpload']['recordType'];
export type DocumentType = Schemas['RequestUpload']['type'];
type ContentType = Schemas['RequestUpload']['contentType'];

/** What the API takes (it checks again, by the file's first bytes): PDF, JPEG, PNG, at most 10 MB. */
const TAKEN: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'] satisfies ContentType[];
const MAX_BYTES = 10 * 1024 * 1024;

export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function sha256(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Posts the file straight to the bucket with the form the API signed; progress from the upload's events. */
function postToBucket(form: Schemas['UploadForm']['upload'], file: File, progress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
    data.append('file', file);
    const request = new XMLHttpRequest();
    request.open('POST', form.url);
    request.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`HTTP ${request.status}`)));
    request.onerror = () => reject(new Error('network'));
    request.send(data);
  });
}

/** Opens a document: the API checks access and gives a link valid for minutes, opened in a new tab. */
async function open(document: Document, failed: (problem: Problem) => void) {
  // Opened now, in the click, so no pop-up blocker stops it; pointed at the file once the link comes.
  const tab = window.open('', '_blank');
  if (tab) tab.opener = null;
  const { data, error } = await api.GET('/v1/documents/{id}/download', { params: { path: { id: document.id }, query: {} } });
  if (error || !data) {
    tab?.close();
    failed(asProblem(error));
    return;
  }
  if (tab) tab.location.href = data.url;
  else location.assign(data.url);
}

/** Why a file was refused, in the console's language (the API's detail, in English, when there is no reason code). */
function reasonText(document: Document): string {
  return document.rejectionReason ? enumText(document.rejectionReason) : (document.rejectionDetail ?? '');
}

interface Upload {
  name: string;
  fraction: number;
}

/**
 * The papers of one record (a profile, an application, a startup, a claim): each with its type,
 * size, status and, when refused, why; and a way to add one — choose a file, drop it here or take
 * a photo with the phone's camera — with progress. The file goes straight to storage; the API
 * then checks its size, its first bytes and its checksum before it counts.
 */
export function Documents({
  recordType,
  recordId,
  types,
  title,
  onChange,
}: {
  recordType: RecordType;
  recordId: string;
  types: DocumentType[];
  title: string;
  onChange?: () => void;
}) {
  const documents = useLoad(() => api.GET('/v1/documents', { params: { query: { recordType, recordId, limit: 50 } } }), [recordType, recordId]);
  const [type, setType] = useState<DocumentType>(types[0]!);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [done, setDone] = useState<Document | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const id = `documents-${recordId}`;

  const send = async (chosen: File | undefined) => {
    setProblem(null);
    setRefused(null);
    setDone(null);
    if (!chosen) return;
    if (!TAKEN.includes(chosen.type)) return setRefused(t('documents.wrongType', { name: chosen.name }));
    if (chosen.size > MAX_BYTES) return setRefused(t('documents.tooLarge', { name: chosen.name, size: size(chosen.size) }));
    setUpload({ name: chosen.name, fraction: 0 });
    try {
      const asked = await api.POST('/v1/documents', {
        body: { recordType, recordId, type, fileName: chosen.name, contentType: chosen.type as ContentType, size: chosen.size, sha256: await sha256(chosen) },
      });
      if (asked.error || !asked.data) return setProblem(asProblem(asked.error));
      await postToBucket(asked.data.upload, chosen, (fraction) => setUpload({ name: chosen.name, fraction }));
      const completed = await api.POST('/v1/documents/{id}/complete', { params: { path: { id: asked.data.document.id } } });
      if (completed.error || !completed.data) return setProblem(asProblem(completed.error));
      setDone(completed.data);
      documents.reload();
      onChange?.();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setUpload(null);
      if (file.current) file.current.value = '';
      if (camera.current) camera.current.value = '';
    }
  };

  return (
    <section class="documents" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      {documents.data && documents.data.items.length === 0 && <p class="muted">{t('documents.none')}</p>}
      {documents.data && documents.data.items.length > 0 && (
        <ul class="plain document-list">
          {documents.data.items.map((document) => (
            <li key={document.id}>
              <strong>{enumText(document.type)}</strong> · {document.fileName} · {size(document.size)} · <span class="status">{enumText(document.status)}</span>{' '}
              <span class="muted">{dateTime(document.uploadedAt)}</span>
              {document.status === 'rejected' && <p class="error">{t('documents.rejected', { reason: reasonText(document) })}</p>}
              {document.status === 'available' && ' '}
              {document.status === 'available' && (
                <button type="button" class="link" onClick={() => void open(document, setProblem)}>
                  {t('documents.open', { name: document.fileName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <fieldset
        class={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void send(e.dataTransfer?.files[0]);
        }}
      >
        <legend class="visually-hidden">{t('documents.add', { title })}</legend>
        {types.length > 1 && (
          <Field id={`${id}-type`} label={t('documents.type')}>
            {(p) => (
              <select {...p} value={type} onChange={(e) => setType(e.currentTarget.value as DocumentType)}>
                {types.map((option) => (
                  <option key={option} value={option}>
                    {enumText(option)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <p class="muted" id={`${id}-hint`}>
          {t('documents.hint', { type: enumText(type) })}
        </p>
        <div class="actions">
          <input
            ref={file}
            class="visually-hidden"
            id={`${id}-file`}
            type="file"
            accept={TAKEN.join(',')}
            aria-describedby={`${id}-hint`}
            disabled={upload !== null}
            onChange={(e) => void send(e.currentTarget.files?.[0])}
          />
          <label class="button" for={`${id}-file`}>
            {t('documents.choose', { type: enumText(type) })}
          </label>
          <input
            ref={camera}
            class="visually-hidden"
            id={`${id}-camera`}
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            disabled={upload !== null}
            onChange={(e) => void send(e.currentTarget.files?.[0])}
          />
          <label class="button secondary" for={`${id}-camera`}>
            {t('documents.camera')}
          </label>
        </div>
        <div role="status" aria-live="polite">
          {upload && (
            <p>
              <label for={`${id}-progress`}>{t('documents.uploading', { name: upload.name })}</label>{' '}
              <progress id={`${id}-progress`} max={1} value={upload.fraction} /> {Math.round(upload.fraction * 100)}%
            </p>
          )}
          {done && (
            <p class={done.status === 'available' ? 'ok' : 'error'}>
              {done.status === 'available' ? t('documents.available', { name: done.fileName }) : t('documents.rejected', { reason: reasonText(done) })}
            </p>
          )}
        </div>
        {refused && (
          <p class="error" role="alert">
            {refused}
          </p>
        )}
        <ProblemMessage problem={problem} />
      </fieldset>
    </section>
  );
}
