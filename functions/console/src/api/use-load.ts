import { useCallback, useEffect, useState } from 'preact/hooks';
import { asProblem, type Problem } from './client';

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  reload: () => void;
}

/** Loads data for a page (fetching stays at the page, not deep in the tree). */
export function useLoad<T>(load: () => Promise<{ data?: T; error?: unknown }>, deps: unknown[] = []): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; problem: Problem | null; loading: boolean }>({ data: undefined, problem: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load()
      .then((result) => {
        if (!live) return;
        if (result.error !== undefined) setState({ data: undefined, problem: asProblem(result.error), loading: false });
        else setState({ data: result.data, problem: null, loading: false });
      })
      .catch((error: unknown) => live && setState({ data: undefined, problem: asProblem(error), loading: false }));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
