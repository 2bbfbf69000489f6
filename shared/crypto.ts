import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secrets } from './secrets';

/**
 * Fields stored protected (bank accounts): AES-256-GCM with the service's `dataKey`, a fresh 96-bit
 * IV per value, and the authentication tag, as `v1.<iv>.<tag>.<ciphertext>` (base64url). A changed
 * ciphertext fails to open instead of giving wrong data.
 */
const VERSION = 'v1';

async function key(): Promise<Buffer> {
  const { dataKey } = await secrets();
  const bytes = Buffer.from(dataKey, 'base64');
  if (bytes.length !== 32) throw new Error('dataKey must be 32 bytes (base64)');
  return bytes;
}

export async function sealText(plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await key(), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

export async function openText(sealed: string): Promise<string> {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', await key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
