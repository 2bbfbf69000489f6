/** Masks that keep personal identifiers recognisable to their owner and useless to anyone else. */

/** `510***********123X`: first 3 and last 4 characters of an identity number. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.slice(0, 3) + '*'.repeat(Math.max(0, idNumber.length - 7)) + idNumber.slice(-4);
}

/** `张*` / `欧阳**`: the family name (first character) and one star per other character. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** `**** **** **** 1234`: the last 4 digits of a bank account. */
export function maskAccountNumber(account: string): string {
  return `****${account.slice(-4)}`;
}

/** `138****5678`. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? phone.slice(0, 3) + '****' + phone.slice(-4) : '****';
}

const MASKERS: Record<string, (value: string) => string> = {
  idNumber: maskIdNumber,
  accountNumber: maskAccountNumber,
  phone: maskPhone,
};

/** Fields never copied into audit records or logs at all (secrets, hashes, ciphertexts). */
const DROPPED = /hash$|cipher|secret|token/i;

/** A copy of a record with personal identifiers masked, for audit records and logs. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (DROPPED.test(key)) continue;
    const mask = MASKERS[key];
    out[key] = mask && typeof field === 'string' ? mask(field) : redact(field);
  }
  return out;
}
