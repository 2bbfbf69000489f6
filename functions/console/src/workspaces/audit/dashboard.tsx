import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { AlertSummary } from '../../components/alert-summary';
import { Loading } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { beijingToday, dateTime } from '../../format';
import { enumText, t } from '../../i18n';

const PAGE = 100;

/** "n", or "n or more" when the first page was full. */
const atLeast = (items: unknown[], more: boolean) => (more ? t('audit.dash.atLeast', { n: items.length }) : String(items.length));

/** The auditor's home: open risk alerts (newest first), today's trail, and the way to the reports. Nothing to act on. */
export default function Dashboard() {
  const today = beijingToday();
  const risks = useLoad(() => api.GET('/v1/risk-alerts', { params: { query: { status: 'open', limit: PAGE } } }));
  const trail = useLoad(() => api.GET('/v1/audit', { params: { query: { day: today, limit: PAGE } } }), [today]);
  const latest = [...(risks.data?.items ?? [])].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)).slice(0, 5);
  return (
    <>
      <p>{t('workspace.audit.intro')}</p>
      <ProblemMessage problem={risks.problem ?? trail.problem} />
      {(risks.loading || trail.loading) && <Loading />}
      <ul class="tiles">
        <li class="tile">
          <a href="/audit/risk-alerts?status=open">
            <span class="count">{risks.data ? atLeast(risks.data.items, Boolean(risks.data.nextCursor)) : '…'}</span>
            {t('audit.dash.openRisks')}
          </a>
        </li>
        <li class="tile">
          <a href={`/audit/trail?day=${today}`}>
            <span class="count">{trail.data ? atLeast(trail.data.items, Boolean(trail.data.nextCursor)) : '…'}</span>
            {t('audit.dash.today')}
          </a>
        </li>
        <li class="tile">
          <a href="/audit/reports">
            <span class="count">{today.slice(0, 4)}</span>
            {t('audit.dash.reports')}
          </a>
        </li>
      </ul>
      <h2>{t('audit.dash.latestRisks')}</h2>
      {risks.data && latest.length === 0 && <p>{t('audit.dash.noRisks')}</p>}
      <ul>
        {latest.map((alert) => (
          <li key={alert.id}>
            <strong>{enumText(alert.rule)}</strong> · {dateTime(alert.raisedAt)} · <AlertSummary alert={alert} />
          </li>
        ))}
      </ul>
    </>
  );
}
