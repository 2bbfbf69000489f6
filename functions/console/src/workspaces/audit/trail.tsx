import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { beijingToday, dateTime } from '../../format';
import { actionText, enumText, t, type MessageKey } from '../../i18n';

type By = 'day' | 'entityId' | 'actorId';
const BY: Array<{ by: By; key: MessageKey; hint: MessageKey }> = [
  { by: 'day', key: 'audit.trail.by.day', hint: 'audit.trail.valueHint.day' },
  { by: 'entityId', key: 'audit.trail.by.entity', hint: 'audit.trail.valueHint.entity' },
  { by: 'actorId', key: 'audit.trail.by.actor', hint: 'audit.trail.valueHint.actor' },
];

const show = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The changes as people read them, `field: before → after` (values as stored: masked, never in full); a long list folded. */
function Changes({ changes }: { changes: Schemas['AuditRecord']['changes'] }) {
  const lines = Object.entries(changes).map(([field, change]) => (
    <li key={field}>
      <code>{field}</code>: {show(change.before)} → {show(change.after)}
    </li>
  ));
  if (lines.length <= 3) return <ul class="plain">{lines}</ul>;
  return (
    <details>
      <summary>{t('audit.trail.fields', { n: lines.length })}</summary>
      <ul class="plain">{lines}</ul>
    </details>
  );
}

/**
 * The audit trail by day, record or actor (the API's three keys), newest first, page by page;
 * every result of a search exported as CSV by the API. The search is in the address, so a link to
 * a record's trail can be shared (and the timeline links of other pages land here).
 */
export default function Trail() {
  const { query, route } = useLocation();
  const initial: By = query.entityId ? 'entityId' : query.actorId ? 'actorId' : 'day';
  const [by, setBy] = useState<By>(initial);
  const [value, setValue] = useState(query[initial] ?? beijingToday());
  const active = (BY.find((b) => query[b.by])?.by ?? 'day') as By;
  const activeValue = query[active] ?? beijingToday();
  const [pages, setPages] = useState<Array<Schemas['AuditRecord']>>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useLoad(async () => {
    setPages([]);
    const result = await api.GET('/v1/audit', { params: { query: { [active]: activeValue, limit: 50 } } });
    setCursor(result.data?.nextCursor ?? null);
    return result;
  }, [active, activeValue]);
  // While a new search loads, the last one's rows are not shown under the new caption.
  const records = first.loading ? [] : [...(first.data?.items ?? []), ...pages];
  const label = BY.find((b) => b.by === active)!;
  return (
    <Page title={t('audit.trail.title')}>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          route(`/audit/trail?${new URLSearchParams({ [by]: value.trim() })}`);
        }}
      >
        <Field id="audit-by" label={t('audit.trail.by')}>
          {(p) => (
            <select
              {...p}
              value={by}
              onChange={(e) => {
                const next = e.currentTarget.value as By;
                setBy(next);
                setValue(next === 'day' ? beijingToday() : '');
              }}
            >
              {BY.map((b) => (
                <option key={b.by} value={b.by}>
                  {t(b.key)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-value" label={t('audit.trail.value')} hint={t(BY.find((b) => b.by === by)!.hint)}>
          {(p) =>
            by === 'day' ? (
              <input {...p} type="date" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
            ) : (
              <input {...p} type="text" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
            )
          }
        </Field>
        <div class="field">
          <button type="submit">{t('audit.trail.search')}</button>
        </div>
      </form>
      <p class="actions">
        <button
          type="button"
          class="secondary"
          onClick={async () => setProblem(await download('/v1/audit/export.csv', `audit-${activeValue}.csv`, { [active]: activeValue }))}
        >
          {t('audit.trail.export')}
        </button>
      </p>
      <ProblemMessage problem={first.problem ?? problem} />
      {first.loading && <Loading />}
      {first.data && !first.loading && records.length === 0 && <p>{t('audit.trail.none')}</p>}
      {records.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('audit.trail.caption', { by: t(label.key), value: activeValue })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.trail.at')}</th>
                <th scope="col">{t('audit.trail.actor')}</th>
                <th scope="col">{t('audit.trail.action')}</th>
                <th scope="col">{t('audit.trail.entity')}</th>
                <th scope="col">{t('audit.trail.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.id}>
                  <td class="nowrap">{dateTime(record.at)}</td>
                  <td>
                    <a href={`/audit/trail?actorId=${encodeURIComponent(record.actorId)}`} title={t('audit.trail.actorLink')}>
                      {record.actorId}
                    </a>
                    <br />
                    <span class="muted">{t('audit.trail.asRole', { role: t(`role.${record.role}` as MessageKey) })}</span>
                  </td>
                  <td>{actionText(record.action)}</td>
                  <td>
                    {enumText(record.entityType)}{' '}
                    <a href={`/audit/trail?entityId=${encodeURIComponent(record.entityId)}`} title={t('audit.trail.entityLink')}>
                      {record.entityId}
                    </a>
                  </td>
                  <td class="changes">
                    <Changes changes={record.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <p>
          <button
            type="button"
            class="secondary"
            onClick={async () => {
              const next = await api.GET('/v1/audit', { params: { query: { [active]: activeValue, limit: 50, cursor } } });
              if (next.data) {
                setPages((previous) => [...previous, ...next.data.items]);
                setCursor(next.data.nextCursor ?? null);
              }
            }}
          >
            {t('common.more')}
          </button>
        </p>
      )}
    </Page>
  );
}
