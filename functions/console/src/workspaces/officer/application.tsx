import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { BulkResults, runEach, type RowResult } from '../../components/bulk';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, day } from '../../format';
import { actionText, enumText, t } from '../../i18n';
import { claims } from '../../auth/session';
import { nameOf, reviewerLabel, useReviewers, type Reviewer } from './common';

type Application = Schemas['Application'];
const CRITERIA = ['innovation', 'feasibility', 'team', 'jobCreation', 'socialValue'] as const;

function Applicant({ id }: { id: string }) {
  const applicant = useLoad(() => api.GET('/v1/applicants/{id}', { params: { path: { id } } }), [id]);
  const a = applicant.data;
  return (
    <section aria-labelledby="applicant-heading">
      <h2 id="applicant-heading">{t('officer.app.applicant')}</h2>
      <ProblemMessage problem={applicant.problem} />
      {a && (
        <dl class="facts">
          <dt>{t('officer.app.name')}</dt>
          <dd>{a.name}</dd>
          <dt>{t('officer.app.idNumber')}</dt>
          <dd>{a.idNumberMasked}</dd>
          <dt>{t('officer.queue.category')}</dt>
          <dd>{enumText(a.category)}</dd>
          {a.graduation && (
            <>
              <dt>{t('officer.app.graduation')}</dt>
              <dd>{t('officer.app.graduated', { school: a.graduation.school, on: day(a.graduation.leftOn) })}</dd>
            </>
          )}
          {a.veteranDischargedOn && (
            <>
              <dt>{t('officer.app.discharged')}</dt>
              <dd>{day(a.veteranDischargedOn)}</dd>
            </>
          )}
          <dt>{t('officer.app.education')}</dt>
          <dd>{enumText(a.education)}</dd>
          <dt>{t('officer.app.district')}</dt>
          <dd>{a.district}</dd>
        </dl>
      )}
    </section>
  );
}

function Reviewers({
  application,
  scored,
  people,
  onChange,
}: {
  application: Application;
  scored: Set<string>;
  people: Reviewer[] | undefined;
  onChange: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const assigned = application.reviewers ?? [];
  const open = application.status === 'submitted' || application.status === 'under_review';
  const candidates = (people ?? []).filter((p) => !assigned.includes(p.userId) && p.userId !== application.applicantUserId);
  const assign = async () => {
    setBusy(true);
    setProblem(null);
    const rows = candidates.filter((c) => chosen.has(c.userId));
    setResults(
      await runEach(rows, reviewerLabel, (r) =>
        api.POST('/v1/applications/{id}/reviewers', { params: { path: { id: application.id } }, body: { reviewerId: r.userId } }),
      ),
    );
    setChosen(new Set());
    setBusy(false);
    onChange();
  };
  const remove = async (reviewerId: string) => {
    setProblem(null);
    setResults(null);
    const { error } = await api.DELETE('/v1/applications/{id}/reviewers/{reviewerId}', { params: { path: { id: application.id, reviewerId } } });
    if (error) setProblem(asProblem(error));
    onChange();
  };
  return (
    <section aria-labelledby="reviewers-heading">
      <h2 id="reviewers-heading">{t('officer.app.reviewers')}</h2>
      <ProblemMessage problem={problem} />
      <BulkResults results={results} />
      {assigned.length === 0 ? (
        <p>{t('officer.app.noReviewers')}</p>
      ) : (
        <ul>
          {assigned.map((id) => (
            <li key={id}>
              {nameOf(people, id)} · {scored.has(id) ? <span class="ok">{t('officer.app.hasScored')}</span> : <span>{t('officer.app.notScored')}</span>}
              {open && !scored.has(id) && (
                <>
                  {' '}
                  <button type="button" class="link" onClick={() => remove(id)}>
                    {t('officer.app.remove', { name: nameOf(people, id) })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && candidates.length > 0 && (
        <fieldset>
          <legend>{t('officer.app.assignSeveral')}</legend>
          {candidates.map((c) => (
            <div key={c.userId}>
              <input
                type="checkbox"
                id={`reviewer-${c.userId}`}
                checked={chosen.has(c.userId)}
                onChange={() => {
                  const next = new Set(chosen);
                  if (next.has(c.userId)) next.delete(c.userId);
                  else next.add(c.userId);
                  setChosen(next);
                }}
              />{' '}
              <label for={`reviewer-${c.userId}`}>{reviewerLabel(c)}</label>
            </div>
          ))}
          <button type="button" disabled={busy || chosen.size === 0} onClick={assign}>
            {t('officer.app.assign', { n: chosen.size })}
          </button>
        </fieldset>
      )}
    </section>
  );
}

function Scores({ scores, people, average }: { scores: Schemas['Score'][]; people: Reviewer[] | undefined; average?: number }) {
  return (
    <section aria-labelledby="scores-heading">
      <h2 id="scores-heading">{t('officer.app.scores')}</h2>
      {scores.length === 0 ? (
        <p>{t('officer.app.noScores')}</p>
      ) : (
        <div class="table-wrap">
          <table class="stack">
            <caption>
              {t('officer.app.scoresCaption', {
                n: scores.length,
                average: average ?? Math.round((scores.reduce((sum, s) => sum + s.total, 0) / scores.length) * 100) / 100,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.app.reviewer')}</th>
                {CRITERIA.map((c) => (
                  <th scope="col" class="num" key={c}>
                    {t(`officer.criterion.${c}`)}
                  </th>
                ))}
                <th scope="col" class="num">
                  {t('officer.app.total')}
                </th>
                <th scope="col">{t('officer.app.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((s) => (
                <tr key={s.reviewerId}>
                  <th scope="row" data-label={t('officer.app.reviewer')}>
                    {nameOf(people, s.reviewerId)}
                  </th>
                  {CRITERIA.map((c) => (
                    <td class="num" key={c} data-label={t(`officer.criterion.${c}`)}>
                      {s[c]}
                    </td>
                  ))}
                  <td class="num" data-label={t('officer.app.total')}>
                    {s.total}
                  </td>
                  <td data-label={t('officer.app.comment')}>{s.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The officer's own score, when they are one of the reviewers and have not scored yet. */
function ScoreForm({ application, onDone }: { application: Application; onDone: () => void }) {
  const [marks, setMarks] = useState<Record<(typeof CRITERIA)[number], string>>({
    innovation: '',
    feasibility: '',
    team: '',
    jobCreation: '',
    socialValue: '',
  });
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const body = { ...Object.fromEntries(CRITERIA.map((c) => [c, Number(marks[c])])), comment } as Schemas['ScoreInput'];
        const { error } = await api.POST('/v1/applications/{id}/scores', { params: { path: { id: application.id } }, body });
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <h2>{t('officer.app.myScore')}</h2>
      <ProblemMessage problem={problem} />
      <div class="filters">
        {CRITERIA.map((c) => (
          <Field key={c} id={`field-body-${c}`} label={t(`officer.criterion.${c}`)} error={fieldError(problem, `body.${c}`)}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={10}
                step={1}
                value={marks[c]}
                onInput={(e) => setMarks({ ...marks, [c]: e.currentTarget.value })}
                required
              />
            )}
          </Field>
        ))}
      </div>
      <p class="hint">{t('officer.app.marksHint')}</p>
      <Field id="field-body-comment" label={t('officer.app.comment')} error={fieldError(problem, 'body.comment')}>
        {(p) => <textarea {...p} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} required maxLength={2000} />}
      </Field>
      <button type="submit">{t('officer.app.submitScore')}</button>
    </form>
  );
}

function Decision({ application, onDone }: { application: Application; onDone: () => void }) {
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        setBusy(true);
        const { error } = await api.POST('/v1/applications/{id}/decision', { params: { path: { id: application.id } }, body: { decision, reason } });
        setBusy(false);
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <h2>{t('officer.app.decide')}</h2>
      <ProblemMessage problem={problem} />
      <fieldset>
        <legend>{t('officer.app.decision')}</legend>
        {(['approve', 'reject'] as const).map((d) => (
          <div key={d}>
            <input type="radio" name="decision" id={`decision-${d}`} value={d} checked={decision === d} onChange={() => setDecision(d)} />{' '}
            <label for={`decision-${d}`}>{t(`officer.app.${d}`)}</label>
          </div>
        ))}
      </fieldset>
      <Field id="field-body-reason" label={t('officer.app.reason')} hint={t('officer.app.reasonHint')} error={fieldError(problem, 'body.reason')}>
        {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={1000} />}
      </Field>
      <button type="submit" disabled={busy}>
        {decision === 'approve' ? t('officer.app.approveSubmit') : t('officer.app.rejectSubmit')}
      </button>
    </form>
  );
}

/** One application: the applicant's masked profile, the team, reviewers, scores, the decision and the history. */
export default function OfficerApplication() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [version, setVersion] = useState(0);
  const application = useLoad(() => api.GET('/v1/applications/{id}', { params: { path: { id } } }), [id, version]);
  const scores = useLoad(() => api.GET('/v1/applications/{id}/scores', { params: { path: { id } } }), [id, version]);
  const history = useLoad(() => api.GET('/v1/applications/{id}/history', { params: { path: { id }, query: { limit: 50 } } }), [id, version]);
  const people = useReviewers();
  const reload = () => setVersion((v) => v + 1);
  const a = application.data;
  const scored = new Set((scores.data?.items ?? []).map((s) => s.reviewerId));
  return (
    <Page title={a ? t('officer.app.title', { name: a.projectName }) : t('officer.app.loading')}>
      <p>
        <a href="/officer/applications">{t('officer.app.back')}</a>
      </p>
      {application.loading && !a && <Loading />}
      <ProblemMessage problem={application.problem} />
      {a && (
        <>
          <p>
            <span class="status">{enumText(a.status)}</span> {a.submittedAt && t('officer.app.submittedAt', { at: dateTime(a.submittedAt) })}
          </p>
          {a.decision && (
            <p class="notice">
              {t('officer.app.decided', { decision: t(`officer.app.${a.decision}`), at: dateTime(a.decidedAt), reason: a.decisionReason ?? '' })}
              {a.startupId && ` ${t('officer.app.startupCreated')}`}
            </p>
          )}
          <section aria-labelledby="project-heading">
            <h2 id="project-heading">{t('officer.app.project')}</h2>
            <dl class="facts">
              <dt>{t('officer.queue.sector')}</dt>
              <dd>{enumText(a.sector)}</dd>
              <dt>{t('officer.app.summary')}</dt>
              <dd>{a.summary}</dd>
              <dt>{t('officer.app.plannedJobs')}</dt>
              <dd>{a.plannedJobs}</dd>
              <dt>{t('officer.app.space')}</dt>
              <dd>{a.space ? t('officer.app.spaceValue', { kind: enumText(a.space.kind), n: a.space.count }) : ''}</dd>
              <dt>{t('officer.app.plan')}</dt>
              <dd>{a.businessPlan}</dd>
            </dl>
          </section>
          <Applicant id={a.applicantId} />
          <section aria-labelledby="team-heading">
            <h2 id="team-heading">{t('officer.app.team')}</h2>
            <div class="table-wrap">
              <table class="stack">
                <caption class="muted">{t('officer.app.teamCaption', { n: a.team?.length ?? 0 })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('officer.app.name')}</th>
                    <th scope="col">{t('officer.app.teamRole')}</th>
                    <th scope="col">{t('officer.app.graduate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.team?.map((m, i) => (
                    <tr key={i}>
                      <td data-label={t('officer.app.name')}>{m.name}</td>
                      <td data-label={t('officer.app.teamRole')}>{m.role}</td>
                      <td data-label={t('officer.app.graduate')}>{enumText(String(m.isCollegeGraduate))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <Reviewers application={a} scored={scored} people={people.data} onChange={reload} />
          <ProblemMessage problem={scores.problem} />
          {scores.data && <Scores scores={scores.data.items} people={people.data} average={a.averageScore} />}
          {a.status === 'under_review' && a.reviewers?.includes(claims.value?.sub ?? '') && !scored.has(claims.value?.sub ?? '') && scores.data && (
            <ScoreForm application={a} onDone={reload} />
          )}
          {a.status === 'under_review' && <Decision application={a} onDone={reload} />}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('officer.app.history')}</h2>
            <ProblemMessage problem={history.problem} />
            <ol class="timeline">
              {history.data?.items.map((entry, i) => (
                <li key={i}>
                  <strong>{actionText(entry.action)}</strong> <span class="muted">{dateTime(entry.at)}</span>
                  {entry.actorId && (
                    <span class="muted"> · {t('officer.app.by', { who: nameOf(people.data, entry.actorId), role: enumText(entry.role) })}</span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}
