import { useLocation } from 'preact-iso/router';
import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { AlertSummary } from '../../components/alert-summary';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { RISK_RULES } from '../../../../../shared/risk/rule-names';
import { enumText, t } from '../../i18n';

type Status = Schemas['RiskAlert']['status'];
type Rule = Schemas['RiskAlert']['rule'];

/** Every rule the centre watches, in the API's order. */
const RULES: readonly Rule[] = RISK_RULES;

/** Risk alerts, open or resolved, and how each was resolved: for reading only (officers resolve them). */
export default function RiskAlerts() {
  const { query, route } = useLocation();
  const status: Status = query.status === 'resolved' ? 'resolved' : 'open';
  const rule = RULES.includes(query.rule as Rule) ? (query.rule as Rule) : undefined;
  const alerts = useLoad(() => api.GET('/v1/risk-alerts', { params: { query: { status, rule, limit: 100 } } }), [status, rule]);
  const go = (next: { status?: string; rule?: string }) => {
    const params = new URLSearchParams({ status: next.status ?? status });
    const r = 'rule' in next ? next.rule : rule;
    if (r) params.set('rule', r);
    route(`${location.pathname}?${params}`);
  };
  return (
    <Page title={t('audit.risk.title')}>
      <div class="filters">
        <Field id="risk-status" label={t('audit.risk.status')}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => go({ status: e.currentTarget.value })}>
              <option value="open">{enumText('open')}</option>
              <option value="resolved">{enumText('resolved')}</option>
            </select>
          )}
        </Field>
        <Field id="risk-rule" label={t('audit.risk.rule')}>
          {(p) => (
            <select {...p} value={rule ?? ''} onChange={(e) => go({ rule: e.currentTarget.value || undefined })}>
              <option value="">{t('audit.risk.allRules')}</option>
              {RULES.map((r) => (
                <option key={r} value={r}>
                  {enumText(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ProblemMessage problem={alerts.problem} />
      {alerts.loading && <Loading />}
      {alerts.data && alerts.data.items.length === 0 && <p>{t('audit.risk.none')}</p>}
      {alerts.data && alerts.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('audit.risk.caption', { status: enumText(status) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.risk.raisedAt')}</th>
                <th scope="col">{t('audit.risk.rule')}</th>
                <th scope="col">{t('audit.risk.subject')}</th>
                <th scope="col">{t('audit.risk.summary')}</th>
                <th scope="col">{t('audit.risk.resolution')}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.items.map((alert) => (
                <tr key={alert.id}>
                  <td>{dateTime(alert.raisedAt)}</td>
                  <td>{enumText(alert.rule)}</td>
                  <td>
                    {enumText(alert.subjectType)} <a href={`/audit/trail?entityId=${encodeURIComponent(alert.subjectId)}`}>{alert.subjectId}</a>
                  </td>
                  <td>
                    <AlertSummary alert={alert} />
                  </td>
                  <td>
                    {alert.resolution
                      ? t('audit.risk.resolvedBy', {
                          outcome: enumText(alert.resolution.outcome),
                          notes: alert.resolution.notes,
                          by: alert.resolution.by,
                          at: dateTime(alert.resolution.at),
                        })
                      : '—'}{' '}
                    <a href={`/audit/trail?entityId=${encodeURIComponent(alert.id)}`}>{t('audit.risk.trail')}</a>
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
