import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const ID = /\b([a-z]{3})_[0-9A-HJKMNP-TV-Z]{26}\b/g;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HAS_ID = /\b[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}\b/;

/**
 * Items like the templates (raw DynamoDB items): every item whose key holds an id, with each id
 * replaced by a fresh one of the same prefix (the same fresh id everywhere within one copy), so the
 * copies land in other partitions: other applications, startups, allocations, claims and their
 * audit records. Items whose key holds no id (counters, shared lists) are not copied, as a copy
 * would overwrite them. `copy` numbers the copies; different numbers give different ids.
 */
export function cloneItems(templates: Record<string, AttributeValue>[], copy: number): Record<string, AttributeValue>[] {
  const fresh = new Map<string, string>();
  let suffix = '';
  for (let n = copy, i = 0; i < 6; i++, n = Math.floor(n / 32)) suffix = CROCKFORD[n % 32] + suffix;
  const rename = (text: string) =>
    text.replace(ID, (id: string, prefix: string) => {
      let renamed = fresh.get(id);
      if (!renamed) {
        renamed = `${prefix}_${id.slice(4, 24)}${suffix}`;
        fresh.set(id, renamed);
      }
      return renamed;
    });
  return templates
    .filter((t) => HAS_ID.test(t.pk?.S ?? '') || HAS_ID.test(t.sk?.S ?? ''))
    .map((t) => JSON.parse(rename(JSON.stringify(t))) as Record<string, AttributeValue>);
}
