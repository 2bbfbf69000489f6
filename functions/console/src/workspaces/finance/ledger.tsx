import { TableWrap } from './table-wrap';
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { fenOf } from './bank-csv';
import { loadProgrammes, newAttemptKey } from './common';
import { labelsOf } from './programmes';

type Entry = Schemas['LedgerEntry'];

function Reverse({ entries, onDone }: { entries: Entry[]; onDone: (message: string) => void }) {
  const payments = entries.filter((e) => e.kind === 'payment');
  const [entryId, setEntryId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState<{ body: string; key: string } | null>(null);
  if (payments.length === 0) return null;
  const fen = fenOf(amount);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        if (!entryId || fen === undefined || fen < 1)
          return setProblem({ type: 'about:blank', title: '', status: 400, code: 'VALIDATION_FAILED', detail: t('finance.reverse.invalid') });
        const body = { amountFen: fen, reason };
        const sent = JSON.stringify([entryId, body]);
        const current = attempt?.body === sent ? attempt : { body: sent, key: newAttemptKey() };
        setAttempt(current);
        const { data, error, response } = await api.POST('/v1/ledger/{id}/reversal', {
          params: { path: { id: entryId }, header: { 'Idempotency-Key': current.key } },
          body,
        });
        if (error !== undefined || !data) return setProblem(asProblem(error));
        onDone(response.status === 202 ? t('finance.reverse.requested', { sum: yuan(fen) }) : t('finance.reverse.written', { sum: yuan(fen) }));
      }}
    >
      <h2>{t('finance.reverse.title')}</h2>
      <p class="muted">{t('finance.reverse.intro')}</p>
      <ProblemMessage problem={problem} />
      <Field id="reverse-entry" label={t('finance.reverse.entry')}>
        {(p) => (
          <select {...p} value={entryId} onChange={(e) => setEntryId(e.currentTarget.value)} required>
            <option value="">{t('finance.reverse.chooseEntry')}</option>
            {payments.map((entry) => (
              <option key={entry.id} value={entry.id}>
                #{entry.sequence} · {entry.claimId} · {yuan(entry.amountFen)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="reverse-amount" label={t('finance.reverse.amount')} hint={t('finance.reverse.amountHint')} error={fieldError(problem, 'body.amountFen')}>
        {(p) => <input {...p} value={amount} onInput={(e) => setAmount(e.currentTarget.value)} inputMode="decimal" required />}
      </Field>
      <Field id="reverse-reason" label={t('finance.reverse.reason')} error={fieldError(problem, 'body.reason')}>
        {(p) => <input {...p} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required minLength={2} maxLength={500} />}
      </Field>
      <button type="submit">{t('finance.reverse.submit')}</button>
    </form>
  );
}

/** A programme's ledger in order, with the running totals after each entry and the programme's totals now. */
export default function Ledger() {
  const { query, route } = useLocation();
  const programmes = useLoad(loadProgrammes);
  const programmeId = query.programmeId ?? '';
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const ledger = useLoad(
    async () =>
      programmeId
        ? api.GET('/v1/ledger', {
            params: { query: { programmeId, limit: 100, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(cursor ? { cursor } : {}) } },
          })
        : { data: undefined },
    [programmeId, query.from, query.to, cursor],
  );
  const items = programmes.data?.items ?? [];
  const labels = labelsOf(items);
  const entries = ledger.data?.items ?? [];
  const show = (next: { programmeId?: string; from?: string; to?: string }) => {
    setCursor(undefined);
    const params = new URLSearchParams(Object.entries({ programmeId, from, to, ...next }).filter(([, v]) => v) as [string, string][]);
    route(`/finance/ledger?${params}`);
  };
  return (
    <Page title={t('finance.ledger.title')}>
      <ProblemMessage problem={programmes.problem ?? ledger.problem} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          show({});
        }}
      >
        <Field id="ledger-programme" label={t('finance.programme')}>
          {(p) => (
            <select {...p} value={programmeId} onChange={(e) => show({ programmeId: e.currentTarget.value })}>
              <option value="">{t('finance.new.chooseProgramme')}</option>
              {items.map((prg, i) => (
                <option key={prg.id} value={prg.id}>
                  {labels[i]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ledger-from" label={t('finance.ledger.from')}>
          {(p) => <input {...p} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
        </Field>
        <Field id="ledger-to" label={t('finance.ledger.to')}>
          {(p) => <input {...p} type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="secondary">
          {t('finance.ledger.show')}
        </button>
      </form>
      {ledger.loading && programmeId && <Loading />}
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      {ledger.data && (
        <>
          <h2>{t('finance.ledger.totals')}</h2>
          <dl class="facts">
            <dt>{t('finance.budget')}</dt>
            <dd>{yuan(ledger.data.totals.budgetFen)}</dd>
            <dt>{t('finance.committed')}</dt>
            <dd>{yuan(ledger.data.totals.committedFen)}</dd>
            <dt>{t('finance.paid')}</dt>
            <dd>{yuan(ledger.data.totals.paidFen)}</dd>
            <dt>{t('finance.reversed')}</dt>
            <dd>{yuan(ledger.data.totals.reversedFen)}</dd>
            <dt>{t('finance.remaining')}</dt>
            <dd>{yuan(ledger.data.totals.remainingFen)}</dd>
          </dl>
          <ProblemMessage problem={exportProblem} />
          <p>
            <button
              type="button"
              class="secondary"
              onClick={async () =>
                setExportProblem(await download('/v1/ledger/export.csv', `ledger-${programmeId}.csv`, { programmeId, from: query.from, to: query.to }))
              }
            >
              {t('finance.ledger.export')}
            </button>
          </p>
          {entries.length === 0 ? (
            <p>{t('finance.ledger.none')}</p>
          ) : (
            <TableWrap label={t('finance.ledger.caption', { count: entries.length })}>
              <table class="stack">
                <caption>{t('finance.ledger.caption', { count: entries.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      {t('finance.ledger.sequence')}
                    </th>
                    <th scope="col">{t('finance.ledger.at')}</th>
                    <th scope="col">{t('finance.ledger.kind')}</th>
                    <th scope="col">{t('finance.claim')}</th>
                    <th scope="col" class="num">
                      {t('finance.amount')}
                    </th>
                    <th scope="col">{t('finance.confirm.reference')}</th>
                    <th scope="col" class="num">
                      {t('finance.ledger.runningPaid')}
                    </th>
                    <th scope="col" class="num">
                      {t('finance.ledger.runningReversed')}
                    </th>
                    <th scope="col" class="num">
                      {t('finance.ledger.runningNet')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td class="num" data-label={t('finance.ledger.sequence')}>
                        {entry.sequence}
                      </td>
                      <td data-label={t('finance.ledger.at')}>{dateTime(entry.at)}</td>
                      <td data-label={t('finance.ledger.kind')}>
                        {enumText(entry.kind)}
                        {entry.reason && <span class="muted"> · {entry.reason}</span>}
                      </td>
                      <td data-label={t('finance.claim')}>
                        <code>{entry.claimId}</code>
                        {entry.batchId && (
                          <>
                            <br />
                            <a href={`/finance/batches/${entry.batchId}`}>
                              <code>{entry.batchId}</code>
                            </a>
                          </>
                        )}
                      </td>
                      <td class="num" data-label={t('finance.amount')}>
                        {yuan(entry.amountFen)}
                      </td>
                      <td data-label={t('finance.confirm.reference')}>{entry.bankReference ?? '—'}</td>
                      <td class="num" data-label={t('finance.ledger.runningPaid')}>
                        {yuan(entry.runningPaidFen)}
                      </td>
                      <td class="num" data-label={t('finance.ledger.runningReversed')}>
                        {yuan(entry.runningReversedFen)}
                      </td>
                      <td class="num" data-label={t('finance.ledger.runningNet')}>
                        {yuan(entry.runningNetFen)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {ledger.data.nextCursor && (
            <button type="button" class="secondary" onClick={() => setCursor(ledger.data?.nextCursor ?? undefined)}>
              {t('finance.ledger.next')}
            </button>
          )}
          <Reverse
            key={programmeId}
            entries={entries}
            onDone={(text) => {
              setMessage(text);
              ledger.reload();
            }}
          />
        </>
      )}
    </Page>
  );
}
