import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Loading } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t, type MessageKey } from '../../i18n';
import { AlertSummary, claimsAcrossProgrammes, countOf, RecordMyName } from './common';

interface Waiting {
  key: MessageKey;
  count: string;
  href: string;
}

/** The officer's home: what waits for them now, with counts and links, and the newest risk first. */
export default function Dashboard() {
  const waiting = useLoad(async () => {
    const [submitted, underReview, mine, changes, alerts, toVerify, verified] = await Promise.all([
      api.GET('/v1/applications', { params: { query: { status: 'submitted', limit: 100 } } }),
      api.GET('/v1/applications', { params: { query: { status: 'under_review', limit: 100 } } }),
      api.GET('/v1/review-assignments', { params: { query: { limit: 100 } } }),
      api.GET('/v1/change-requests', { params: { query: { status: 'pending', limit: 100 } } }),
      api.GET('/v1/risk-alerts', { params: { query: { status: 'open', limit: 100 } } }),
      claimsAcrossProgrammes('submitted'),
      claimsAcrossProgrammes('verified'),
    ]);
    const error = submitted.error ?? underReview.error ?? mine.error ?? changes.error ?? alerts.error ?? toVerify.error ?? verified.error;
    if (error) return { error };
    const ready = (underReview.data?.items ?? []).filter((a) => (a.scoreCount ?? 0) >= 2);
    const objected = (verified.data?.items ?? []).filter((c) => c.openObjections > 0);
    const plus = (n: number, more: boolean | undefined) => (more ? `${n}+` : String(n));
    const items: Waiting[] = [
      { key: 'officer.dash.submitted', count: countOf(submitted.data), href: '/officer/applications?status=submitted' },
      { key: 'officer.dash.ready', count: plus(ready.length, Boolean(underReview.data?.nextCursor)), href: '/officer/applications?status=under_review' },
      { key: 'officer.dash.myReviews', count: countOf(mine.data), href: '#my-reviews' },
      { key: 'officer.dash.claims', count: plus(toVerify.data?.items.length ?? 0, toVerify.data?.more), href: '/officer/claims' },
      { key: 'officer.dash.alerts', count: countOf(alerts.data), href: '/officer/risk-alerts' },
      { key: 'officer.dash.changes', count: countOf(changes.data), href: '/officer/change-requests' },
      { key: 'officer.dash.objections', count: plus(objected.length, verified.data?.more), href: '/officer/notices' },
    ];
    return { data: { items, alerts: (alerts.data?.items ?? []).slice(0, 5), mine: mine.data?.items ?? [] } };
  });
  return (
    <>
      <p>{t('workspace.officer.intro')}</p>
      <RecordMyName />
      {waiting.loading && !waiting.data && <Loading />}
      <ProblemMessage problem={waiting.problem} />
      {waiting.data && (
        <>
          <h2>{t('officer.dash.waiting')}</h2>
          <ul class="cards tiles">
            {waiting.data.items.map((item) => (
              <li class={item.count === '0' ? 'card' : 'card card-due'} key={item.key}>
                <a href={item.href}>
                  <span class="tile-count">{item.count}</span> <span>{t(item.key)}</span>
                </a>
              </li>
            ))}
          </ul>
          {}
          <h2>{t('officer.dash.newestRisk')}</h2>
          {waiting.data.alerts.length === 0 ? (
            <p>{t('officer.alerts.none')}</p>
          ) : (
            <div class="table-wrap">
              <table class="stack">
                <caption class="muted">{t('officer.dash.riskCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('officer.alerts.raisedAt')}</th>
                    <th scope="col">{t('officer.alerts.rule')}</th>
                    <th scope="col">{t('officer.alerts.summary')}</th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.data.alerts.map((alert) => (
                    <tr key={alert.id}>
                      <td data-label={t('officer.alerts.raisedAt')}>{dateTime(alert.raisedAt)}</td>
                      <td data-label={t('officer.alerts.rule')}>{enumText(alert.rule)}</td>
                      <td data-label={t('officer.alerts.summary')}>
                        <AlertSummary alert={alert} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <a href="/officer/risk-alerts">{t('officer.dash.allAlerts')}</a>
          </p>
          <section aria-labelledby="my-reviews">
            <h2 id="my-reviews" tabIndex={-1}>
              {t('officer.dash.myReviews')}
            </h2>
            {waiting.data.mine.length === 0 && <p>{t('officer.dash.noReviews')}</p>}
            <ul>
              {waiting.data.mine.map((a) => (
                <li key={a.applicationId}>
                  <a href={`/officer/applications/${a.applicationId}`}>{a.projectName}</a>{' '}
                  <span class="muted">{t('officer.dash.assignedAt', { at: dateTime(a.assignedAt) })}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
