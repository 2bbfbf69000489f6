import { createHash } from 'node:crypto';
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import type { PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import type { ContentType } from '../documents';

/**
 * The documents bucket, and the only code that talks to it. Files go from the client straight to
 * S3 with a presigned POST and come back with a presigned GET; the API function itself only reads
 * a file once, to check it when its upload is completed. `S3_ENDPOINT` points at the local
 * S3-compatible server (s3rver) that `npm start` and the tests run.
 *
 * The AWS SDK's S3 parts are loaded on first use, so requests that never touch a document do not
 * pay for them when a Lambda container starts.
 */
export const DEFAULT_DOCUMENTS_BUCKET = 'fuhua-documents';

/** Credentials s3rver knows (its built-in account); it checks no SigV4 signature, AWS does. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export function documentsBucket(): string {
  return process.env.DOCUMENTS_BUCKET ?? DEFAULT_DOCUMENTS_BUCKET;
}

/** Where a document's bytes live: chosen by the server from the document id alone. */
export function objectKey(documentId: string): string {
  return `documents/${documentId}`;
}

let client: Promise<S3Client> | undefined;

function s3(): Promise<S3Client> {
  client ??= import('@aws-sdk/client-s3').then(({ S3Client }) => {
    const endpoint = process.env.S3_ENDPOINT;
    return new S3Client({
      // Presigned GETs stay plain URLs (no checksum mode); the completion step hashes the bytes itself.
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestChecksumCalculation: 'WHEN_REQUIRED',
      ...(endpoint ? { endpoint, forcePathStyle: true, region: process.env.AWS_REGION ?? 'cn-north-1', credentials: LOCAL_S3_CREDENTIALS } : {}),
    });
  });
  return client;
}

type Condition = NonNullable<PresignedPostOptions['Conditions']>[number];

export interface UploadTarget {
  key: string;
  contentType: ContentType;
  size: number;
}

/**
 * The conditions of the upload policy S3 enforces: this bucket and key only, the declared content
 * type, exactly the declared number of bytes. (s3rver enforces none of them; the completion step
 * checks the stored file again wherever it runs.)
 */
export function uploadConditions(target: UploadTarget): Condition[] {
  return [
    { bucket: documentsBucket() },
    ['eq', '$key', target.key],
    ['eq', '$Content-Type', target.contentType],
    ['content-length-range', target.size, target.size],
  ];
}

/** A presigned POST for one file: the URL and the form fields to send before the file. */
export async function presignUpload(target: UploadTarget, expiresInSeconds: number): Promise<{ url: string; fields: Record<string, string> }> {
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  return createPresignedPost(await s3(), {
    Bucket: documentsBucket(),
    Key: target.key,
    Conditions: uploadConditions(target),
    Fields: { 'Content-Type': target.contentType },
    Expires: expiresInSeconds,
  });
}

/** `inline; filename="…"; filename*=UTF-8''…`: the display name, with an ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A presigned GET of a stored file, served under its display name and verified type. */
export async function presignDownload(key: string, fileName: string, contentType: ContentType, expiresInSeconds: number): Promise<string> {
  const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
  const command = new GetObjectCommand({
    Bucket: documentsBucket(),
    Key: key,
    ResponseContentDisposition: contentDisposition(fileName),
    ResponseContentType: contentType,
  });
  return getSignedUrl(await s3(), command, { expiresIn: expiresInSeconds });
}

export interface StoredFile {
  /** Bytes stored, as S3 reports them. */
  size: number;
  /** SHA-256 (hex) and the first bytes; absent when the file is larger than the reader would read. */
  sha256?: string;
  head?: Uint8Array;
}

/** Reads a stored file to check it: its size, SHA-256 and first 16 bytes; undefined when nothing is stored. */
export async function readStoredFile(key: string, maxBytes: number): Promise<StoredFile | undefined> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  let result: GetObjectCommandOutput;
  try {
    result = await (await s3()).send(new GetObjectCommand({ Bucket: documentsBucket(), Key: key }));
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound') return undefined;
    throw error;
  }
  const body = result.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  const declared = result.ContentLength ?? 0;
  if (declared > maxBytes || !body) {
    body?.destroy?.();
    return { size: declared };
  }
  const hash = createHash('sha256');
  const head: number[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // A server that sends more than it announced is not read past the limit either.
    if (size > maxBytes) {
      body.destroy?.();
      return { size };
    }
    hash.update(chunk);
    for (let i = 0; head.length < 16 && i < chunk.byteLength; i++) head.push(chunk[i]!);
  }
  return { size, sha256: hash.digest('hex'), head: Uint8Array.from(head) };
}

/** Removes a stored file that will never be served (a rejected or withdrawn upload). */
export async function removeStoredFile(key: string): Promise<void> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  await (await s3()).send(new DeleteObjectCommand({ Bucket: documentsBucket(), Key: key }));
}
