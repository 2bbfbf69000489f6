import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

/** A prefixed ULID (`apl_01J…`): readable in logs, sortable by creation time. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}

export function idPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
