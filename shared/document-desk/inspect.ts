import type { ContentType } from '../documents';

/**
 * The first bytes each accepted kind of file starts with (its "magic number"). A file is what its
 * bytes say, never what its name or the uploader's Content-Type says.
 */
const SIGNATURES: ReadonlyArray<[ContentType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]], // \x89PNG\r\n\x1a\n
];

/** The kind of file its first bytes show, or undefined when it is none of the kinds taken. */
export function detectContentType(head: Uint8Array): ContentType | undefined {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((byte, i) => head[i] === byte)) return type;
  }
  return undefined;
}
