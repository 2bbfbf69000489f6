/** The time, in one place, so that tests of date rules can fix it. */
let fixed: Date | undefined;

export function now(): Date {
  return fixed ? new Date(fixed) : new Date();
}

/** Tests only: make `now()` return this instant until `useRealClock()` is called. */
export function useFixedClock(at: Date | string): void {
  fixed = new Date(at);
}

export function useRealClock(): void {
  fixed = undefined;
}

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}
