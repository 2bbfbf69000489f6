import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { BulkResults, runEach, useSelection, type RowResult } from '../../components/bulk';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day } from '../../format';
import { enumText, t } from '../../i18n';
import { CATEGORIES, reviewerLabel, SECTORS, useReviewers } from './common';

type Application = Schemas['Application'];
type Status = 'submitted' | 'under_review' | 'approved' | 'rejected' | 'withdrawn';
const STATUSES: Status[] = ['submitted', 'under_review', 'approved', 'rejected', 'withdrawn'];

/** The review queue: by status, sector and the applicant's category, oldest submission first; reviewers assigned in bulk. */
export default function Applications() {
  const { query } = useLocation();
  const [status, setStatus] = useState<Status>(STATUSES.includes(query.status as Status) ? (query.status as Status) : 'submitted');
  const [sector, setSector] = useState('');
  const [category, setCategory] = useState('');
  const [pages, setPages] = useState<string[]>([]);
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [reviewerId, setReviewerId] = useState('');
  const [busy, setBusy] = useState(false);
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const selection = useSelection();
  const reviewers = useReviewers();
  const queue = useLoad(async () => {
    const items: Application[] = [];
    let cursor: string | undefined;
    // The first page, and every further page the officer asked for ("load more").
    for (let i = 0; i <= pages.length; i++) {
      const { data, error } = await api.GET('/v1/applications', {
        params: {
          query: {
            status,
            limit: 50,
            ...(sector ? { sector: sector as Application['sector'] } : {}),
            ...(category ? { category: category as Schemas['Applicant']['category'] } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      });
      if (error) return { error };
      items.push(...(data?.items ?? []));
      cursor = data?.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { data: { items, nextCursor: cursor } };
  }, [status, sector, category, pages.length]);
  const items = queue.data?.items ?? [];
  const open = status === 'submitted' || status === 'under_review';
  const chosen = items.filter((a) => selection.has(a.id));

  const assign = async () => {
    setBusy(true);
    setResults(
      await runEach(
        chosen,
        (a) => a.projectName,
        (a) => api.POST('/v1/applications/{id}/reviewers', { params: { path: { id: a.id } }, body: { reviewerId } }),
      ),
    );
    setBusy(false);
    selection.clear();
    queue.reload();
    document.getElementById('bulk-results')?.focus();
  };

  const filter = (set: (value: string) => void) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    setPages([]);
    selection.clear();
    setResults(null);
  };

  return (
    <Page title={t('officer.queue.title')}>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('officer.queue.filters')}>
        <Field id="filter-status" label={t('officer.queue.status')}>
          {(p) => (
            <select {...p} value={status} onChange={filter((v) => setStatus(v as Status))}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {enumText(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-sector" label={t('officer.queue.sector')}>
          {(p) => (
            <select {...p} value={sector} onChange={filter(setSector)}>
              <option value="">{t('officer.queue.all')}</option>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {enumText(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-category" label={t('officer.queue.category')}>
          {(p) => (
            <select {...p} value={category} onChange={filter(setCategory)}>
              <option value="">{t('officer.queue.all')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {enumText(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={async () => setExportProblem(await download('/v1/applications/export.csv', `applications-${status}.csv`, { status, sector, category }))}
        >
          {t('common.exportCsv')}
        </button>
      </div>
      <ProblemMessage problem={exportProblem} />
      {queue.loading && <Loading />}
      <ProblemMessage problem={queue.problem} />
      <div id="bulk-results" tabIndex={-1}>
        <BulkResults results={results} />
      </div>
      {queue.data && items.length === 0 && <p>{t('officer.queue.empty')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.queue.caption', { status: enumText(status), n: items.length })}</caption>
            <thead>
              <tr>
                {open && (
                  <th scope="col">
                    <span class="visually-hidden">{t('officer.queue.select')}</span>
                  </th>
                )}
                <th scope="col">{t('officer.queue.project')}</th>
                <th scope="col">{t('officer.queue.sector')}</th>
                <th scope="col">{t('officer.queue.category')}</th>
                <th scope="col">{t('officer.queue.submittedOn')}</th>
                <th scope="col" class="num">
                  {t('officer.queue.reviewers')}
                </th>
                <th scope="col" class="num">
                  {t('officer.queue.scores')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  {open && (
                    <td data-label={t('officer.queue.select')}>
                      <input
                        type="checkbox"
                        id={`select-${a.id}`}
                        aria-label={t('officer.queue.selectOne', { name: a.projectName })}
                        checked={selection.has(a.id)}
                        onChange={() => selection.toggle(a.id)}
                      />
                    </td>
                  )}
                  <td data-label={t('officer.queue.project')}>
                    <a href={`/officer/applications/${a.id}`}>{a.projectName}</a>
                  </td>
                  <td data-label={t('officer.queue.sector')}>{enumText(a.sector)}</td>
                  <td data-label={t('officer.queue.category')}>{enumText(a.applicantCategory)}</td>
                  <td data-label={t('officer.queue.submittedOn')}>{day(a.submittedAt)}</td>
                  <td data-label={t('officer.queue.reviewers')} class="num">
                    {a.reviewers?.length ?? 0}
                  </td>
                  <td data-label={t('officer.queue.scores')} class="num">
                    {a.scoreCount ?? 0}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.data?.nextCursor && (
        <button type="button" class="secondary" onClick={() => setPages([...pages, queue.data!.nextCursor!])}>
          {t('common.more')}
        </button>
      )}
      {open && items.length > 0 && (
        <section aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('officer.queue.assignTitle')}</h2>
          <ProblemMessage problem={reviewers.problem} />
          <Field id="bulk-reviewer" label={t('officer.queue.reviewer')} hint={t('officer.queue.reviewerHint')}>
            {(p) => (
              <select {...p} value={reviewerId} onChange={(e) => setReviewerId(e.currentTarget.value)}>
                <option value="">{t('officer.queue.chooseReviewer')}</option>
                {reviewers.data?.map((r) => (
                  <option key={r.userId} value={r.userId}>
                    {reviewerLabel(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" disabled={busy || !reviewerId || chosen.length === 0} onClick={assign}>
            {t('officer.queue.assign', { n: chosen.length })}
          </button>
        </section>
      )}
    </Page>
  );
}
