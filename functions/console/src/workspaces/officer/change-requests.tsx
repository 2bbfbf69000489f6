import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t, type MessageKey } from '../../i18n';

type Change = Schemas['ChangeRequest'];

const FIELDS: Record<string, MessageKey> = {
  name: 'officer.app.name',
  idNumber: 'officer.app.idNumber',
  category: 'officer.queue.category',
  graduation: 'officer.app.graduation',
  veteranDischargedOn: 'officer.app.discharged',
};

function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return enumText(value);
  return JSON.stringify(value);
}

function Decide({ change, onDone }: { change: Change; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = `decide-${change.id}`;
  const decide = async (decision: 'approve' | 'reject') => {
    setProblem(null);
    const { error } = await api.POST('/v1/change-requests/{id}/decision', { params: { path: { id: change.id } }, body: { decision, reason } });
    if (error) setProblem(asProblem(error));
    else onDone();
  };
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <ProblemMessage problem={problem} />
      <Field id={`${id}-reason`} label={t('officer.changes.reason')} error={fieldError(problem, 'body.reason')}>
        {(p) => <textarea {...p} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />}
      </Field>
      <div class="actions">
        <button type="button" onClick={() => decide('approve')}>
          {t('officer.changes.approve')}
        </button>
        <button type="button" class="secondary" onClick={() => decide('reject')}>
          {t('officer.changes.reject')}
        </button>
      </div>
    </form>
  );
}

/** Applicants' requests to change their name, identity, category or graduation: each approved or rejected with a reason. */
export default function ChangeRequests() {
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected'>('pending');
  const changes = useLoad(() => api.GET('/v1/change-requests', { params: { query: { status, limit: 50 } } }), [status]);
  return (
    <Page title={t('officer.changes.title')}>
      <Field id="filter-change-status" label={t('officer.queue.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as typeof status)}>
            {(['pending', 'approved', 'rejected'] as const).map((s) => (
              <option key={s} value={s}>
                {enumText(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {changes.loading && <Loading />}
      <ProblemMessage problem={changes.problem} />
      {changes.data && changes.data.items.length === 0 && <p>{t('officer.changes.none')}</p>}
      <ul class="cards wide">
        {changes.data?.items.map((change) => (
          <li class="card" key={change.id}>
            <h2>{t('officer.changes.of', { at: dateTime(change.submittedAt) })}</h2>
            <div class="table-wrap">
              <table>
                <caption class="muted">{t('officer.changes.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('officer.changes.field')}</th>
                    <th scope="col">{t('officer.changes.before')}</th>
                    <th scope="col">{t('officer.changes.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(change.changes).map(([field, c]) => (
                    <tr key={field}>
                      <th scope="row">{FIELDS[field] ? t(FIELDS[field]) : field}</th>
                      <td>{shown(c.before)}</td>
                      <td>{shown(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>{t('officer.changes.why', { reason: change.reason })}</p>
            {change.evidence.length > 0 && <p class="muted">{t('officer.changes.evidence', { list: change.evidence.join('、') })}</p>}
            {change.status === 'pending' ? (
              <Decide change={change} onDone={changes.reload} />
            ) : (
              <p class="notice">
                {t('officer.changes.decided', { status: enumText(change.status), at: dateTime(change.decidedAt), reason: change.decisionReason ?? '' })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
