import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day } from '../../format';
import { enumText, t } from '../../i18n';
import { useAssignments, useMe } from './data';

/** The startups assigned to me, current ones first. */
export default function Startups() {
  const me = useMe();
  const assignments = useAssignments(me.data?.id);
  const items = [...(assignments.data?.items ?? [])].sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
  return (
    <Page title={t('mentor.startups.title')}>
      {(me.loading || assignments.loading) && <Loading />}
      <ProblemMessage problem={me.problem ?? assignments.problem} />
      {assignments.data && items.length === 0 && <p>{t('mentor.startups.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('mentor.startups.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mentor.startup')}</th>
                <th scope="col">{t('mentor.since')}</th>
                <th scope="col">{t('mentor.assignmentStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('mentor.startup')}>
                    <a href={`/mentor/startups/${a.id}`}>{a.startupName}</a>
                  </td>
                  <td data-label={t('mentor.since')}>{day(a.startDate)}</td>
                  <td data-label={t('mentor.assignmentStatus')}>
                    <span class="status">{enumText(a.status)}</span>
                    {a.endedAt ? ` ${day(a.endedAt)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
