import type { Problem } from '../api/client';
import { fieldText, problemText, ruleText, t } from '../i18n';

/** The problem in words (the rule explained for NOT_ELIGIBLE), with its request id for support. */
export function ProblemMessage({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  const rule = typeof problem.rule === 'string' ? ruleText(problem.rule) : undefined;
  const text = problem.code === 'NETWORK' ? t('problem.network') : (problemText(problem.code) ?? problem.detail);
  return (
    <div class="problem" role="alert" tabIndex={-1}>
      <p>
        <strong>{text}</strong>
        {rule ? ` ${rule}` : ''}
      </p>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((error) => {
            const id = `field-${error.field.replaceAll('.', '-')}`;
            // The field's own label when it is on this page, so the summary reads in the person's words.
            const label = document.querySelector(`label[for="${id}"]`)?.textContent ?? error.field;
            return (
              <li key={error.field}>
                <a href={`#${id}`}>{label}</a>: {fieldText(error)}
              </li>
            );
          })}
        </ul>
      )}
      {problem.requestId && <p class="muted">{t('problem.requestId', { id: problem.requestId })}</p>}
    </div>
  );
}

/** The message of the field named in the problem's `errors`, if any. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  const error = problem?.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`));
  return error && fieldText(error);
}
