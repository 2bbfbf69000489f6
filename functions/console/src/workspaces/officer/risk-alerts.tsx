import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t } from '../../i18n';
import { AlertSummary } from './common';

type Alert = Schemas['RiskAlert'];
const OUTCOMES = ['legitimate', 'data_error', 'fraud'] as const;

function Resolve({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('legitimate');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = `resolve-${alert.id}`;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.POST('/v1/risk-alerts/{id}/resolution', { params: { path: { id: alert.id } }, body: { outcome, notes } });
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <ProblemMessage problem={problem} />
      <Field id={`${id}-outcome`} label={t('officer.alerts.outcome')} hint={t('officer.alerts.outcomeHint')}>
        {(p) => (
          <select {...p} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as (typeof OUTCOMES)[number])}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {enumText(o)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-notes`} label={t('officer.alerts.notes')} error={fieldError(problem, 'body.notes')}>
        {(p) => <textarea {...p} rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} required maxLength={2000} />}
      </Field>
      <button type="submit">{t('officer.alerts.resolve', { rule: enumText(alert.rule) })}</button>
    </form>
  );
}

/** Risk alerts (风控), newest first: what was seen, and the officer's finding. */
export default function RiskAlerts() {
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const alerts = useLoad(() => api.GET('/v1/risk-alerts', { params: { query: { status, limit: 50 } } }), [status]);
  return (
    <Page title={t('officer.alerts.title')}>
      <Field id="filter-alert-status" label={t('officer.queue.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as 'open' | 'resolved')}>
            <option value="open">{enumText('open')}</option>
            <option value="resolved">{enumText('resolved')}</option>
          </select>
        )}
      </Field>
      {alerts.loading && <Loading />}
      <ProblemMessage problem={alerts.problem} />
      {alerts.data && alerts.data.items.length === 0 && <p>{t('officer.alerts.none')}</p>}
      <ul class="cards wide">
        {alerts.data?.items.map((alert) => (
          <li class="card" key={alert.id}>
            <h2>{enumText(alert.rule)}</h2>
            <p>
              <AlertSummary alert={alert} />
            </p>
            <p class="muted">{t('officer.alerts.raised', { at: dateTime(alert.raisedAt), subject: `${enumText(alert.subjectType)} ${alert.subjectId}` })}</p>
            <dl class="facts">
              {Object.entries(alert.facts).map(([name, value]) => (
                <Fragment key={name}>
                  <dt>{name}</dt>
                  <dd>{String(value)}</dd>
                </Fragment>
              ))}
            </dl>
            {alert.claimIds && alert.claimIds.length > 0 && <p>{t('officer.alerts.claims', { n: alert.claimIds.length })}</p>}
            {alert.resolution ? (
              <p class="notice">
                {t('officer.alerts.resolved', {
                  outcome: enumText(alert.resolution.outcome),
                  at: dateTime(alert.resolution.at),
                  notes: alert.resolution.notes,
                })}
              </p>
            ) : (
              <Resolve alert={alert} onDone={alerts.reload} />
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
