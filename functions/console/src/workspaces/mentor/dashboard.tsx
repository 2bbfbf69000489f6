import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Loading } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day } from '../../format';
import { t } from '../../i18n';
import { RecordMyName } from '../officer/common';
import { correctable, hours, useAssignments, useMe } from './data';

/** The mentor's home: my startups, sessions I may still correct, review and judging tasks still to score. */
export default function Dashboard() {
  const me = useMe();
  const mentorId = me.data?.id;
  const assignments = useAssignments(mentorId);
  const sessions = useLoad(
    async () => (mentorId ? api.GET('/v1/mentors/{id}/sessions', { params: { path: { id: mentorId }, query: { limit: 100 } } }) : { data: undefined }),
    [mentorId],
  );
  const reviews = useLoad(() => api.GET('/v1/review-assignments', { params: { query: { limit: 100 } } }));
  const judging = useLoad(() => api.GET('/v1/judging-assignments', { params: { query: { limit: 50 } } }));
  const active = (assignments.data?.items ?? []).filter((a) => a.status === 'active');
  const toCorrect = (sessions.data?.items ?? []).filter((s) => correctable(s));
  const toReview = (reviews.data?.items ?? []).filter((r) => !r.scoredAt && r.applicationStatus === 'under_review');
  const toJudge = (judging.data?.items ?? []).reduce((n, task) => n + task.toScore, 0);
  const names = new Map((assignments.data?.items ?? []).map((a) => [a.startupId, a.startupName]));
  const problem = me.problem ?? assignments.problem ?? sessions.problem ?? reviews.problem ?? judging.problem;
  const big = { fontSize: '2rem', fontWeight: 700, margin: 0 };
  return (
    <>
      <p>{t('workspace.mentor.intro')}</p>
      <RecordMyName />
      {(me.loading || assignments.loading) && <Loading />}
      <ProblemMessage problem={problem} />
      {me.data && (
        <>
          <ul class="cards">
            <li class="card">
              <h2>{t('mentor.dash.startups')}</h2>
              <p style={big}>{active.length}</p>
              <a href="/mentor/startups">{t('mentor.nav.startups')}</a>
            </li>
            <li class="card">
              <h2>{t('mentor.dash.toCorrect')}</h2>
              <p style={big}>{toCorrect.length}</p>
            </li>
            <li class="card">
              <h2>{t('mentor.dash.toReview')}</h2>
              <p style={big}>{toReview.length}</p>
              <a href="/mentor/tasks">{t('mentor.nav.tasks')}</a>
            </li>
            <li class="card">
              <h2>{t('mentor.dash.toJudge')}</h2>
              <p style={big}>{toJudge}</p>
              <a href="/mentor/tasks">{t('mentor.nav.tasks')}</a>
            </li>
          </ul>
          <h2>{t('mentor.dash.correctTitle')}</h2>
          {toCorrect.length === 0 ? (
            <p>{t('mentor.dash.noneToCorrect')}</p>
          ) : (
            <ul>
              {toCorrect.map((s) => (
                <li key={s.id}>
                  <a href={`/mentor/startups/${s.assignmentId}`}>
                    {t('mentor.dash.sessionLink', { name: names.get(s.startupId) ?? s.startupId, day: day(s.date), hours: hours(s.minutes) })}
                  </a>{' '}
                  · {t('mentor.correctUntil', { day: day(s.editableUntil) })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
