import { api } from '../api/client';
import { useLoad } from '../api/use-load';
import { activeRole, hasRole } from '../auth/session';
import { workspaceOf } from '../workspaces';
import { Loading, Page } from '../components/page';
import { ProblemMessage } from '../components/problem';
import type { ComponentType } from 'preact';
import { enumText, t, type MessageKey } from '../i18n';
import { BarChart } from '../components/chart';
import { beijingToday, month, yuan } from '../format';
import { Todo } from './todo';

/** Home: a staff role's dashboard; for everyone else the year's published figures, and a founder's to-do list. */
export default function Home() {
  const workspace = workspaceOf(activeRole.value);
  if (workspace) return <StaffHome dashboard={workspace.dashboard} role={workspace.role} />;
  return <PublicHome />;
}

/** A staff role's home: its to-do dashboard, under the role's name. */
function StaffHome({ dashboard: Dashboard, role }: { dashboard: ComponentType<Record<string, unknown>>; role: string }) {
  return (
    <Page title={t('home.staffTitle', { role: t(`role.${role}` as MessageKey) })}>
      <Dashboard />
    </Page>
  );
}

function PublicHome() {
  const year = Number(beijingToday().slice(0, 4));
  const stats = useLoad(() => api.GET('/v1/public/stats', { params: { query: { year } } }), [year]);
  const s = stats.data;
  return (
    <Page title={t('home.title')}>
      <p>{t('home.intro')}</p>
      {hasRole('applicant') && <Todo />}
      <h2>{t('home.stats', { year })}</h2>
      {stats.loading && <Loading />}
      <ProblemMessage problem={stats.problem} />
      {s && (
        <div class="table-wrap">
          <table>
            <caption class="muted">{t('home.statsCaption', { year: s.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.figure')}</th>
                <th scope="col" class="num">
                  {t('home.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('stats.startupsApproved')}</th>
                <td class="num">{s.startupsApproved}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.foundersSupported')}</th>
                <td class="num">{s.foundersSupported}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.jobsCreated')}</th>
                <td class="num">{s.jobsCreated}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.collegeGraduatesEmployed')}</th>
                <td class="num">{s.collegeGraduatesEmployed}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.eventsHeld')}</th>
                <td class="num">{s.eventsHeld}</td>
              </tr>
              <tr>
                <th scope="row">{t('stats.loansIssued')}</th>
                <td class="num">{s.loansIssued}</td>
              </tr>
              {Object.entries(s.subsidiesPaid).map(([kind, paid]) => (
                <tr key={kind}>
                  <th scope="row">{t('stats.subsidyPaid', { kind: enumText(kind) })}</th>
                  <td class="num">{yuan(paid.fen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s && s.months.length > 0 && (
        <>
          <h2>{t('home.byMonth', { year: s.year })}</h2>
          <div class="charts">
            <BarChart
              title={t('home.chart.startups', { year: s.year })}
              labels={s.months.map((m) => month(m.month))}
              labelHeading={t('home.month')}
              series={[
                { label: t('stats.startupsApproved'), values: s.months.map((m) => m.startupsApproved) },
                { label: t('stats.foundersSupported'), values: s.months.map((m) => m.foundersSupported) },
              ]}
            />
            <BarChart
              title={t('home.chart.subsidies', { year: s.year })}
              labels={s.months.map((m) => month(m.month))}
              labelHeading={t('home.month')}
              series={[{ label: t('home.subsidiesPaid'), values: s.months.map((m) => m.subsidiesPaid.fen) }]}
              format={yuan}
            />
          </div>
        </>
      )}
    </Page>
  );
}
