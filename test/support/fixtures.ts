import { readFileSync } from 'node:fs';

/** A recorded event from test/fixtures (a fresh copy each time, so a test may change it). */
export function fixture<T = any>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T;
}
