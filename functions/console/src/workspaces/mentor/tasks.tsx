import { useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t, type MessageKey } from '../../i18n';

/** Five marks of 0–10 and a comment: the score of an application or of an event entry. */
function MarksForm({
  idPrefix,
  criteria,
  commentRequired,
  submitLabel,
  onSubmit,
}: {
  idPrefix: string;
  criteria: readonly string[];
  commentRequired: boolean;
  submitLabel: string;
  onSubmit: (marks: Record<string, number>, comment: string) => Promise<Problem | null>;
}) {
  const [marks, setMarks] = useState<Record<string, string>>(Object.fromEntries(criteria.map((c) => [c, ''])));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(await onSubmit(Object.fromEntries(criteria.map((c) => [c, Number(marks[c])])), comment.trim()));
  };
  return (
    <form onSubmit={submit}>
      <ProblemMessage problem={problem} />
      <fieldset>
        <legend>{t('mentor.tasks.marks')}</legend>
        {criteria.map((c) => (
          <Field key={c} id={`${idPrefix}-${c}`} label={t(`mentor.criterion.${c}` as MessageKey)}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={10}
                step={1}
                required
                value={marks[c]}
                onInput={(e) => setMarks({ ...marks, [c]: e.currentTarget.value })}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <Field id={`${idPrefix}-comment`} label={t('mentor.tasks.comment')}>
        {(p) => <textarea {...p} rows={2} required={commentRequired} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
      </Field>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

/** What the reviewer scores: the application as submitted (an assigned reviewer may read it). */
function ApplicationFacts({ id }: { id: string }) {
  const application = useLoad(() => api.GET('/v1/applications/{id}', { params: { path: { id } } }), [id]);
  const a = application.data;
  return (
    <>
      {application.loading && <Loading />}
      <ProblemMessage problem={application.problem} />
      {a && (
        <dl class="facts">
          <dt>{t('mentor.tasks.sector')}</dt>
          <dd>{enumText(a.sector)}</dd>
          <dt>{t('mentor.tasks.summary')}</dt>
          <dd>{a.summary}</dd>
          <dt>{t('mentor.tasks.team')}</dt>
          <dd>{(a.team ?? []).map((m) => `${m.name}（${m.role}${m.isCollegeGraduate ? `，${t('mentor.tasks.graduate')}` : ''}）`).join('、')}</dd>
          <dt>{t('mentor.tasks.plannedJobs')}</dt>
          <dd>{a.plannedJobs}</dd>
          <dt>{t('mentor.tasks.plan')}</dt>
          <dd style={{ whiteSpace: 'pre-wrap' }}>{a.businessPlan}</dd>
        </dl>
      )}
    </>
  );
}

const REVIEW_CRITERIA = ['innovation', 'feasibility', 'team', 'jobCreation', 'socialValue'] as const;
const JUDGING_CRITERIA = ['innovation', 'market', 'team', 'execution', 'socialImpact'] as const;

/** Applications to review and event entries to judge that still wait for my score, each scored here. */
export default function Tasks() {
  const reviews = useLoad(() => api.GET('/v1/review-assignments', { params: { query: { limit: 100 } } }));
  const judging = useLoad(() => api.GET('/v1/judging-assignments', { params: { query: { limit: 50 } } }));
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const toReview = (reviews.data?.items ?? []).filter((r) => !r.scoredAt && r.applicationStatus === 'under_review');
  const done = (text: string) => {
    setOpen(null);
    setMessage(text);
    reviews.reload();
    judging.reload();
  };
  return (
    <Page title={t('mentor.tasks.title')}>
      {(reviews.loading || judging.loading) && <Loading />}
      <ProblemMessage problem={reviews.problem ?? judging.problem} />
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      <h2>{t('mentor.tasks.reviews')}</h2>
      {reviews.data && toReview.length === 0 && <p>{t('mentor.tasks.noReviews')}</p>}
      <ul class="cards">
        {toReview.map((r) => (
          <li class="card" key={r.applicationId}>
            <h3>{r.projectName}</h3>
            <p class="muted">{t('mentor.tasks.assignedAt', { at: dateTime(r.assignedAt) })}</p>
            {open === r.applicationId ? (
              <>
                <ApplicationFacts id={r.applicationId} />
                <MarksForm
                  idPrefix={`review-${r.applicationId}`}
                  criteria={REVIEW_CRITERIA}
                  commentRequired
                  submitLabel={t('mentor.tasks.submitReview', { name: r.projectName })}
                  onSubmit={async (marks, comment) => {
                    const { error } = await api.POST('/v1/applications/{id}/scores', {
                      params: { path: { id: r.applicationId } },
                      body: { ...(marks as Record<(typeof REVIEW_CRITERIA)[number], number>), comment },
                    });
                    if (error) return asProblem(error);
                    done(t('mentor.tasks.reviewed', { name: r.projectName }));
                    return null;
                  }}
                />
              </>
            ) : (
              <button type="button" class="secondary" onClick={() => setOpen(r.applicationId)}>
                {t('mentor.tasks.score', { name: r.projectName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('mentor.tasks.judging')}</h2>
      {judging.data && judging.data.items.length === 0 && <p>{t('mentor.tasks.noJudging')}</p>}
      {(judging.data?.items ?? []).map((task) => (
        <section key={task.event.id} aria-labelledby={`event-${task.event.id}`}>
          <h3 id={`event-${task.event.id}`}>
            {task.event.title} · {enumText(task.event.kind)} · {dateTime(task.event.startsAt)}
          </h3>
          <p>
            {task.open
              ? t('mentor.tasks.toScore', { n: task.toScore, of: task.entries.length })
              : t('mentor.tasks.closed', { status: enumText(task.event.status) })}
          </p>
          <div class="table-wrap">
            <table class="stack">
              <caption class="muted">{t('mentor.tasks.entries', { title: task.event.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mentor.startup')}</th>
                  <th scope="col">{t('mentor.tasks.pitch')}</th>
                  <th scope="col">{t('mentor.tasks.myScore')}</th>
                </tr>
              </thead>
              <tbody>
                {task.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label={t('mentor.startup')}>{entry.startupName}</td>
                    <td data-label={t('mentor.tasks.pitch')}>{entry.pitchTitle}</td>
                    <td data-label={t('mentor.tasks.myScore')}>
                      {entry.scoredByMe ? (
                        t('mentor.tasks.scored')
                      ) : entry.conflictOfInterest ? (
                        t('mentor.tasks.conflict')
                      ) : !task.open ? (
                        t('mentor.tasks.notScored')
                      ) : open === entry.id ? (
                        <MarksForm
                          idPrefix={`entry-${entry.id}`}
                          criteria={JUDGING_CRITERIA}
                          commentRequired={false}
                          submitLabel={t('mentor.tasks.submitJudging', { name: entry.startupName })}
                          onSubmit={async (marks, comment) => {
                            const { error } = await api.POST('/v1/events/{id}/entries/{entryId}/scores', {
                              params: { path: { id: task.event.id, entryId: entry.id } },
                              body: { ...(marks as Record<(typeof JUDGING_CRITERIA)[number], number>), ...(comment ? { comment } : {}) },
                            });
                            if (error) return asProblem(error);
                            done(t('mentor.tasks.judged', { name: entry.startupName }));
                            return null;
                          }}
                        />
                      ) : (
                        <button type="button" class="secondary" onClick={() => setOpen(entry.id)}>
                          {t('mentor.tasks.score', { name: entry.startupName })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Page>
  );
}
