import { monotonicFactory } from 'ulid';
import * as z from 'zod';

const ulid = monotonicFactory();

/**
 * Every kind of id Fuhua mints, by its prefix: one registry, so no two kinds share a prefix (a
 * prefix written twice in this object literal does not compile, and a unit test checks the names).
 * A new kind of record adds its line here before `newId` will take its prefix.
 */
export const ID_PREFIXES = {
  alc: 'allocation',
  apl: 'applicant',
  app: 'application',
  asg: 'mentor assignment',
  aud: 'audit record',
  bcf: 'bank confirmation',
  chg: 'change request',
  clm: 'claim',
  cmt: 'community',
  doc: 'document',
  dsn: 'disclosure notice',
  ent: 'competition entry',
  evt: 'programme event',
  fct: 'verified fact',
  gfd: 'guarantee fund',
  gfe: 'guarantee fund entry',
  lap: 'loan application',
  led: 'ledger entry',
  lis: 'loan interest settlement',
  lon: 'loan',
  mtr: 'mentor',
  obj: 'objection',
  pbt: 'payout batch',
  prg: 'programme',
  rcv: 'loan recovery',
  reg: 'event registration',
  req: 'request',
  rpy: 'loan repayment',
  rsk: 'risk alert',
  run: 'job run',
  rvr: 'reversal request',
  rvw: 'annual review',
  ses: 'mentoring session',
  stp: 'startup',
  tcl: 'training class',
  trc: 'training course',
  tri: 'training institution',
  unt: 'unit',
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;

/** A prefixed ULID (`apl_01J…`): readable in logs, sortable by creation time. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** What an id of the kind (or of any of the kinds) looks like: its prefix and 26 characters of ULID. */
export function idPattern(...prefixes: [IdPrefix, ...IdPrefix[]]): RegExp {
  const prefix = prefixes.length === 1 ? prefixes[0] : `(?:${prefixes.join('|')})`;
  return new RegExp(`^${prefix}_[0-9A-Z]{26}$`);
}

/** An id of one kind, as the API takes it (a body field, a query or a path parameter). */
export function Id(prefix: IdPrefix) {
  return z.string().regex(idPattern(prefix), `must be an id starting with ${prefix}_`);
}
