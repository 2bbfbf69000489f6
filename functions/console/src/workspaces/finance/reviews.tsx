import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, yuan } from '../../format';
import { t } from '../../i18n';
import { loadProgrammes, me, nameOf, useAttemptKey } from './common';

function ConfirmationRow({ item, programme, onDone }: { item: Schemas['BankConfirmation']; programme: string; onDone: () => void }) {
  const key = useAttemptKey({ id: item.id, version: item.version });
  const [problem, setProblem] = useState<Problem | null>(null);
  const mine = item.recordedBy === me();
  const paid = item.lines.filter((l) => l.status === 'paid').length;
  return (
    <li class="card">
      <h3>{t('finance.reviews.confirmationOf', { batch: item.batchId })}</h3>
      <p>
        {programme} · {t('finance.reviews.lines', { paid, failed: item.lines.length - paid })} · <strong>{yuan(item.paidFen)}</strong>
      </p>
      <p class="muted">{t('finance.reviews.recorded', { by: mine ? t('finance.byMe') : item.recordedBy, at: dateTime(item.recordedAt) })}</p>
      <p>
        <a href={`/finance/batches/${item.batchId}`}>{t('finance.reviews.openBatch', { batch: item.batchId })}</a>
      </p>
      <ProblemMessage problem={problem} />
      {mine ? (
        <p class="notice">{t('finance.reviews.ownConfirmation')}</p>
      ) : (
        <button
          type="button"
          onClick={async () => {
            setProblem(null);
            const { error } = await api.POST('/v1/bank-confirmations/{id}/approval', { params: { path: { id: item.id }, header: { 'Idempotency-Key': key } } });
            if (error !== undefined) setProblem(asProblem(error));
            else onDone();
          }}
        >
          {t('finance.reviews.confirmBank', { sum: yuan(item.paidFen), batch: item.batchId })}
        </button>
      )}
    </li>
  );
}

function ReversalRow({ item, programme, onDone }: { item: Schemas['ReversalRequest']; programme: string; onDone: () => void }) {
  const key = useAttemptKey({ id: item.id, version: item.version });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reason, setReason] = useState('');
  const mine = item.requestedBy === me();
  const refuse = async () => {
    setProblem(null);
    const { error } = await api.POST('/v1/reversal-requests/{id}/refusal', { params: { path: { id: item.id } }, body: { reason } });
    if (error !== undefined) setProblem(asProblem(error));
    else onDone();
  };
  return (
    <li class="card">
      <h3>{t('finance.reviews.reversalOf', { claim: item.claimId })}</h3>
      <p>
        {programme} · <strong>{yuan(item.amountFen)}</strong>
      </p>
      <p>{t('finance.reviews.reason', { reason: item.reason })}</p>
      <p class="muted">{t('finance.reviews.requested', { by: mine ? t('finance.byMe') : item.requestedBy, at: dateTime(item.requestedAt) })}</p>
      <ProblemMessage problem={problem} />
      {mine && <p class="notice">{t('finance.reviews.ownReversal')}</p>}
      {!mine && (
        <div class="actions">
          <button
            type="button"
            onClick={async () => {
              setProblem(null);
              const { error } = await api.POST('/v1/reversal-requests/{id}/confirmation', {
                params: { path: { id: item.id }, header: { 'Idempotency-Key': key } },
              });
              if (error !== undefined) setProblem(asProblem(error));
              else onDone();
            }}
          >
            {t('finance.reviews.confirmReversal', { sum: yuan(item.amountFen) })}
          </button>
        </div>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void refuse();
        }}
      >
        <Field
          id={`refuse-${item.id}`}
          label={mine ? t('finance.reviews.withdrawWhy') : t('finance.reviews.refuseWhy')}
          error={fieldError(problem, 'body.reason')}
        >
          {(p) => <input {...p} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required minLength={2} maxLength={500} />}
        </Field>
        <button type="submit" class="secondary">
          {mine ? t('finance.reviews.withdraw') : t('finance.reviews.refuse')}
        </button>
      </form>
    </li>
  );
}

/** What waits for a second finance user: recorded bank confirmations and requested reversals. */
export default function Reviews() {
  const confirmations = useLoad(() => api.GET('/v1/bank-confirmations', { params: { query: { status: 'pending', limit: 100 } } }));
  const reversals = useLoad(() => api.GET('/v1/reversal-requests', { params: { query: { status: 'pending', limit: 100 } } }));
  const programmes = useLoad(loadProgrammes);
  const name = (id: string) => nameOf(programmes.data?.items, id);
  const cItems = confirmations.data?.items ?? [];
  const rItems = reversals.data?.items ?? [];
  return (
    <Page title={t('finance.reviews.title')}>
      <p>{t('finance.reviews.intro')}</p>
      {confirmations.data && <p class="muted">{t('finance.reviews.threshold', { amount: yuan(confirmations.data.makerCheckerAboveFen) })}</p>}
      {(confirmations.loading || reversals.loading) && <Loading />}
      <ProblemMessage problem={confirmations.problem ?? reversals.problem ?? programmes.problem} />
      <h2>{t('finance.reviews.confirmations', { count: cItems.length })}</h2>
      {confirmations.data && cItems.length === 0 && <p>{t('finance.reviews.noConfirmations')}</p>}
      <ul class="cards">
        {cItems.map((item) => (
          <ConfirmationRow key={item.id} item={item} programme={name(item.programmeId)} onDone={confirmations.reload} />
        ))}
      </ul>
      <h2>{t('finance.reviews.reversals', { count: rItems.length })}</h2>
      {reversals.data && rItems.length === 0 && <p>{t('finance.reviews.noReversals')}</p>}
      <ul class="cards">
        {rItems.map((item) => (
          <ReversalRow key={item.id} item={item} programme={name(item.programmeId)} onDone={reversals.reload} />
        ))}
      </ul>
    </Page>
  );
}
