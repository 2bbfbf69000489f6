import { useState } from 'preact/hooks';
import { api, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Loading, Page } from '../components/page';
import { ProblemMessage } from '../components/problem';
import { day } from '../format';
import { enumText, t } from '../i18n';

function Ranking({ event }: { event: Schemas['PublicResult'] }) {
  const ranking = useLoad(() => api.GET('/v1/public/events/{id}/ranking', { params: { path: { id: event.id } } }), [event.id]);
  if (ranking.loading) return <Loading />;
  if (ranking.problem) return <ProblemMessage problem={ranking.problem} />;
  return (
    <div class="table-wrap">
      <table class="stack">
        <caption class="muted">{t('rankings.caption', { title: event.title })}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('rankings.rank')}
            </th>
            <th scope="col">{t('rankings.startup')}</th>
            <th scope="col">{t('rankings.pitch')}</th>
            <th scope="col" class="num">
              {t('rankings.score')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranking.data?.items.map((entry) => (
            <tr key={entry.entryId}>
              <td data-label={t('rankings.rank')} class="num">
                {entry.rank}
              </td>
              <td data-label={t('rankings.startup')}>{entry.startupName}</td>
              <td data-label={t('rankings.pitch')}>{entry.pitchTitle}</td>
              <td data-label={t('rankings.score')} class="num">
                {entry.meanTotal === null ? '' : entry.meanTotal.toFixed(2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Published rankings of competitions and roadshows, latest first; each opens its table. */
export default function Rankings() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const results = useLoad(() => api.GET('/v1/public/rankings', { params: { query: { limit: 20, cursor } } }), [cursor]);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Page title={t('rankings.title')}>
      {results.loading && <Loading />}
      <ProblemMessage problem={results.problem} />
      {results.data && results.data.items.length === 0 && !results.data.nextCursor && <p>{t('rankings.none')}</p>}
      {results.data?.items.map((event) => (
        <section class="card" key={event.id} aria-labelledby={`ranking-${event.id}`}>
          <h2 id={`ranking-${event.id}`}>{event.title}</h2>
          <p class="muted">
            {enumText(event.kind)} · {day(event.startsAt)} · {t('rankings.publishedOn', { day: day(event.resultsPublishedAt) })}
          </p>
          {open === event.id ? (
            <Ranking event={event} />
          ) : (
            <button type="button" class="secondary" aria-expanded="false" onClick={() => setOpen(event.id)}>
              {t('rankings.show', { title: event.title })}
            </button>
          )}
        </section>
      ))}
      {results.data?.nextCursor && (
        <button type="button" class="secondary" onClick={() => setCursor(results.data?.nextCursor ?? undefined)}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
