import { TableWrap } from './table-wrap';
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { useSelection } from '../../components/bulk';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day, yuan } from '../../format';
import { t } from '../../i18n';
import { loadProgrammes, payableClaimsOf, useAttemptKey } from './common';
import { labelsOf } from './programmes';

/**
 * Prepares a batch: the payable claims of one programme, chosen one by one; the control totals
 * (count and sum) are computed here and shown before sending, and the API refuses a batch whose
 * totals do not match its claims. One Idempotency-Key per attempt: pressing again after a failed
 * answer replays the same request, a changed choice is a new attempt.
 */
export default function NewBatch() {
  const { query, route } = useLocation();
  const programmes = useLoad(loadProgrammes);
  const [programmeId, setProgrammeId] = useState(query.programmeId ?? '');
  const claims = useLoad(async () => (programmeId ? payableClaimsOf(programmeId) : { data: [] }), [programmeId]);
  const selection = useSelection();
  const chosen = (claims.data ?? []).filter((c) => selection.has(c.id));
  const count = chosen.length;
  const totalFen = chosen.reduce((sum, c) => sum + c.amountFen, 0);
  const body = { programmeId, claimIds: chosen.map((c) => c.id), declaredCount: count, declaredTotalFen: totalFen };
  const key = useAttemptKey(body);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const items = programmes.data?.items ?? [];
  const labels = labelsOf(items);
  const all = claims.data ?? [];

  async function send() {
    setProblem(null);
    setSending(true);
    try {
      const { data, error } = await api.POST('/v1/payout-batches', { params: { header: { 'Idempotency-Key': key } }, body });
      if (error !== undefined || !data) setProblem(asProblem(error));
      else route(`/finance/batches/${data.id}`);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <Page title={t('finance.new.title')}>
      <p>{t('finance.new.intro')}</p>
      <ProblemMessage problem={programmes.problem ?? claims.problem} />
      <Field id="batch-programme" label={t('finance.programme')}>
        {(p) => (
          <select
            {...p}
            value={programmeId}
            onChange={(e) => {
              selection.clear();
              setProblem(null);
              setProgrammeId(e.currentTarget.value);
              route(`/finance/batches/new${e.currentTarget.value ? `?programmeId=${e.currentTarget.value}` : ''}`, true);
            }}
          >
            <option value="">{t('finance.new.chooseProgramme')}</option>
            {items.map((prg, i) => (
              <option key={prg.id} value={prg.id}>
                {labels[i]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {programmeId && claims.loading && <Loading />}
      {programmeId && claims.data && all.length === 0 && <p>{t('finance.new.noneToPay')}</p>}
      {all.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div class="actions">
            <button
              type="button"
              class="secondary"
              onClick={() => {
                for (const c of all) if (!selection.has(c.id)) selection.toggle(c.id);
              }}
            >
              {t('finance.new.chooseAll', { count: all.length })}
            </button>
            <button type="button" class="secondary" onClick={selection.clear}>
              {t('finance.new.chooseNone')}
            </button>
          </div>
          <TableWrap label={t('finance.new.caption', { count: all.length })}>
            <table class="stack">
              <caption>{t('finance.new.caption', { count: all.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('finance.new.choose')}</th>
                  <th scope="col">{t('finance.claim')}</th>
                  <th scope="col">{t('finance.claimant')}</th>
                  <th scope="col">{t('finance.notice')}</th>
                  <th scope="col" class="num">
                    {t('finance.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {all.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t('finance.new.choose')}>
                      <input
                        type="checkbox"
                        id={`pick-${c.id}`}
                        checked={selection.has(c.id)}
                        onChange={() => selection.toggle(c.id)}
                        aria-label={t('finance.new.pick', { claim: c.id, name: c.applicantNameMasked })}
                      />
                    </td>
                    <td data-label={t('finance.claim')}>
                      <code>{c.id}</code>
                      {c.startupName && <span class="muted"> · {c.startupName}</span>}
                    </td>
                    <td data-label={t('finance.claimant')}>{c.applicantNameMasked}</td>
                    <td data-label={t('finance.notice')}>
                      {c.noticeNumber} · {t('finance.new.closed', { day: day(c.disclosureEndsAt) })}
                    </td>
                    <td class="num" data-label={t('finance.amount')}>
                      {yuan(c.amountFen)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <section class="notice" aria-labelledby="control-totals">
            <h2 id="control-totals">{t('finance.new.totals')}</h2>
            <dl class="facts" aria-live="polite">
              <dt>{t('finance.new.count')}</dt>
              <dd data-testid="control-count">{count}</dd>
              <dt>{t('finance.new.sum')}</dt>
              <dd data-testid="control-sum">{yuan(totalFen)}</dd>
            </dl>
            <p class="muted">{t('finance.new.totalsHint')}</p>
          </section>
          <ProblemMessage problem={problem} />
          <button type="submit" disabled={count === 0 || sending}>
            {t('finance.new.send', { count, sum: yuan(totalFen) })}
          </button>
        </form>
      )}
    </Page>
  );
}
