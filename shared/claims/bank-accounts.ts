import { createHmac } from 'node:crypto';
import { secrets } from '../secrets';

/**
 * A keyed fingerprint of a bank account number: equal numbers give equal fingerprints, so claims
 * paying into one account can be found by a known key, but the number cannot be read back from
 * the table. Keyed like identity numbers, with its own prefix so the two can never collide.
 */
export async function bankAccountFingerprint(accountNumber: string): Promise<string> {
  const { idNumberKey } = await secrets();
  return createHmac('sha256', Buffer.from(idNumberKey, 'base64'))
    .update(`bank-account:${accountNumber.replace(/\s/g, '')}`)
    .digest('hex');
}
