import { useState } from 'preact/hooks';
import { asProblem, type Problem } from '../api/client';
import { problemText, t } from '../i18n';

export interface RowResult {
  label: string;
  problem: Problem | null;
}

/**
 * A bulk action: one API call per row, in order, and the result of each row (done, or the API's
 * refusal in words). Nothing is skipped silently: every row gets a line.
 */
export async function runEach<T>(rows: T[], label: (row: T) => string, act: (row: T) => Promise<{ error?: unknown }>): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (const row of rows) {
    try {
      const { error } = await act(row);
      results.push({ label: label(row), problem: error === undefined ? null : asProblem(error) });
    } catch (error) {
      results.push({ label: label(row), problem: asProblem(error) });
    }
  }
  return results;
}

/** The outcome of a bulk action: a count, then each row's result. */
export function BulkResults({ results }: { results: RowResult[] | null }) {
  if (!results) return null;
  const failed = results.filter((r) => r.problem).length;
  return (
    <div class={failed ? 'problem' : 'notice'} role="status">
      <p>
        <strong>{t('bulk.summary', { done: results.length - failed, failed })}</strong>
      </p>
      <ul>
        {results.map((r, i) => (
          <li key={i}>
            {r.label}: {r.problem ? (problemText(r.problem.code) ?? r.problem.detail ?? r.problem.code) : t('bulk.done')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The selection of a list for a bulk action: which row ids are ticked. */
export function useSelection() {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  return {
    selected,
    has: (id: string) => selected.has(id),
    toggle: (id: string) =>
      setSelected((previous) => {
        const next = new Set(previous);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    clear: () => setSelected(new Set()),
  };
}
