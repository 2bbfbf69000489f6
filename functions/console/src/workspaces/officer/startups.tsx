import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day } from '../../format';
import { enumText, t } from '../../i18n';

type Status = Schemas['Startup']['status'];
const STATUSES: Status[] = ['approved', 'incubating', 'graduated', 'withdrawn', 'terminated'];

/** Startups by status: approved ones waiting to start, those incubating, and those that left. */
export default function Startups() {
  const [status, setStatus] = useState<Status>('approved');
  const [more, setMore] = useState<string[]>([]);
  const startups = useLoad(async () => {
    const items: Schemas['Startup'][] = [];
    let cursor: string | undefined;
    for (let i = 0; i <= more.length; i++) {
      const { data, error } = await api.GET('/v1/startups', { params: { query: { status, limit: 50, ...(cursor ? { cursor } : {}) } } });
      if (error) return { error };
      items.push(...(data?.items ?? []));
      cursor = data?.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { data: { items, nextCursor: cursor } };
  }, [status, more.length]);
  const items = startups.data?.items ?? [];
  return (
    <Page title={t('officer.startups.title')}>
      <Field id="filter-startup-status" label={t('officer.queue.status')}>
        {(p) => (
          <select
            {...p}
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as Status);
              setMore([]);
            }}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumText(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {startups.loading && <Loading />}
      <ProblemMessage problem={startups.problem} />
      {startups.data && items.length === 0 && <p>{t('officer.startups.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.startups.caption', { status: enumText(status), n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.startups.name')}</th>
                <th scope="col">{t('officer.queue.sector')}</th>
                <th scope="col">{t('officer.app.space')}</th>
                <th scope="col">{t('officer.startups.term')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('officer.startups.name')}>
                    <a href={`/officer/startups/${s.id}`}>{s.name}</a>
                  </td>
                  <td data-label={t('officer.queue.sector')}>{enumText(s.sector)}</td>
                  <td data-label={t('officer.app.space')}>{t('officer.app.spaceValue', { kind: enumText(s.space.kind), n: s.space.count })}</td>
                  <td data-label={t('officer.startups.term')}>{t('officer.startups.termValue', { from: day(s.incubationStart), to: day(s.incubationEnd) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {startups.data?.nextCursor && (
        <button type="button" class="secondary" onClick={() => setMore([...more, startups.data!.nextCursor!])}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
