import { TableWrap } from './table-wrap';
import { useRoute } from 'preact-iso/router';
import { useRef, useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { Documents } from '../../components/documents';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { readBankAnswer, type BankLine } from './bank-csv';
import { type Batch, mayApprove, me, nameOf, newAttemptKey, useAttemptKey } from './common';

type Line = Schemas['ConfirmPayouts']['lines'][number];
type Outcome = { kind: 'booked'; lines: number } | { kind: 'pending'; paidFen: number } | null;

function Approve({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const key = useAttemptKey({ id: batch.id, version: batch.version });
  const [problem, setProblem] = useState<Problem | null>(null);
  const sub = me();
  if (batch.status !== 'pending_approval') return null;
  const waiting = t('finance.approvalsOf', { given: batch.approvals.length, required: batch.approvalsRequired });
  return (
    <section aria-labelledby="approval">
      <h2 id="approval">{t('finance.batch.approval')}</h2>
      <p>
        {batch.approvalsRequired > 1 ? t('finance.batch.twoApprovers') : t('finance.batch.oneApprover')} {waiting}
      </p>
      {batch.preparedBy === sub && <p class="notice">{t('finance.batch.ownBatch')}</p>}
      {batch.approvals.some((a) => a.by === sub) && <p class="notice">{t('finance.batch.approvedByMe')}</p>}
      <ProblemMessage problem={problem} />
      {mayApprove(batch, sub) && (
        <button
          type="button"
          onClick={async () => {
            setProblem(null);
            const { error } = await api.POST('/v1/payout-batches/{id}/approval', { params: { path: { id: batch.id }, header: { 'Idempotency-Key': key } } });
            if (error !== undefined) setProblem(asProblem(error));
            else onDone();
          }}
        >
          {t('finance.batch.approve', { count: batch.claimCount, sum: yuan(batch.totalFen) })}
        </button>
      )}
      <Cancel batch={batch} onDone={onDone} />
    </section>
  );
}

/** Cancelling a batch not approved yet (refused for budget, a wrong choice): its claims are payable again. */
function Cancel({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.POST('/v1/payout-batches/{id}/cancellation', {
          params: { path: { id: batch.id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        });
        if (error !== undefined) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <h3>{t('finance.batch.cancelTitle')}</h3>
      <ProblemMessage problem={problem} />
      <Field id="cancel-reason" label={t('finance.batch.cancelReason')} hint={t('finance.batch.cancelHint')} error={fieldError(problem, 'body.reason')}>
        {(p) => <input {...p} value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={500} />}
      </Field>
      <button type="submit" class="secondary">
        {t('finance.batch.cancel')}
      </button>
    </form>
  );
}

/**
 * Sends the bank's answer. The Idempotency-Key belongs to an attempt: sending the same lines again
 * (after a network failure or a refusal) reuses it, so the API replays its first answer; other
 * lines are another attempt with a new key.
 */
function useSend(batch: Batch, onDone: (outcome: Outcome) => void) {
  const attempt = useRef<{ lines: string; key: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  return {
    problem,
    send: async (lines: Line[]) => {
      setProblem(null);
      const sent = JSON.stringify(lines);
      if (attempt.current?.lines !== sent) attempt.current = { lines: sent, key: newAttemptKey() };
      try {
        const { data, error, response } = await api.POST('/v1/payout-batches/{id}/confirmations', {
          params: { path: { id: batch.id }, header: { 'Idempotency-Key': attempt.current.key } },
          body: { lines },
        });
        if (error !== undefined) setProblem(asProblem(error));
        else if (response.status === 202 && data && 'paidFen' in data) onDone({ kind: 'pending', paidFen: data.paidFen });
        else onDone({ kind: 'booked', lines: lines.length });
      } catch (error) {
        setProblem(asProblem(error));
      }
    },
  };
}

function LineByLine({ batch, pending, onDone }: { batch: Batch; pending: ReadonlySet<string>; onDone: (outcome: Outcome) => void }) {
  const open = batch.lines.filter((l) => !l.outcome && !pending.has(l.claimId));
  const [answers, setAnswers] = useState<Record<string, { status: '' | 'paid' | 'failed'; bankReference: string }>>({});
  const sender = useSend(batch, onDone);
  const filled: Line[] = open
    .map((l) => ({ claimId: l.claimId, ...(answers[l.claimId] ?? { status: '' as const, bankReference: '' }) }))
    .filter((l): l is Line => l.status !== '' && l.bankReference.trim() !== '');
  const set = (claimId: string, change: Partial<{ status: '' | 'paid' | 'failed'; bankReference: string }>) =>
    setAnswers({ ...answers, [claimId]: { status: '', bankReference: '', ...answers[claimId], ...change } });
  if (open.length === 0) return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void sender.send(filled);
      }}
    >
      <h3>{t('finance.confirm.byLine')}</h3>
      <TableWrap label={t('finance.confirm.openLines', { count: open.length })}>
        <table class="stack">
          <caption>{t('finance.confirm.openLines', { count: open.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('finance.claim')}</th>
              <th scope="col" class="num">
                {t('finance.amount')}
              </th>
              <th scope="col">{t('finance.confirm.outcome')}</th>
              <th scope="col">{t('finance.confirm.reference')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((l) => (
              <tr key={l.claimId}>
                <td data-label={t('finance.claim')}>
                  <code>{l.claimId}</code>
                </td>
                <td class="num" data-label={t('finance.amount')}>
                  {yuan(l.amountFen)}
                </td>
                <td data-label={t('finance.confirm.outcome')}>
                  <select
                    aria-label={t('finance.confirm.outcomeOf', { claim: l.claimId })}
                    value={answers[l.claimId]?.status ?? ''}
                    onChange={(e) => set(l.claimId, { status: e.currentTarget.value as '' | 'paid' | 'failed' })}
                  >
                    <option value="">{t('finance.confirm.notYet')}</option>
                    <option value="paid">{t('finance.confirm.paid')}</option>
                    <option value="failed">{t('finance.confirm.failed')}</option>
                  </select>
                </td>
                <td data-label={t('finance.confirm.reference')}>
                  <input
                    aria-label={t('finance.confirm.referenceOf', { claim: l.claimId })}
                    value={answers[l.claimId]?.bankReference ?? ''}
                    onInput={(e) => set(l.claimId, { bankReference: e.currentTarget.value })}
                    maxLength={100}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ProblemMessage problem={sender.problem} />
      <button type="submit" disabled={filled.length === 0}>
        {t('finance.confirm.record', { count: filled.length })}
      </button>
    </form>
  );
}

function FromCsv({ batch, pending, onDone }: { batch: Batch; pending: ReadonlySet<string>; onDone: (outcome: Outcome) => void }) {
  const [preview, setPreview] = useState<{ name: string; lines: BankLine[]; missingColumns: string[] } | null>(null);
  const sender = useSend(batch, onDone);
  const amountOf = (claimId: string) => batch.lines.find((l) => l.claimId === claimId)?.amountFen;
  const bad = preview ? preview.lines.filter((l) => l.problems.length > 0).length : 0;
  const ready = preview && preview.missingColumns.length === 0 && preview.lines.length > 0 && bad === 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        void sender.send(preview.lines.map((l) => ({ claimId: l.claimId, status: l.status as 'paid' | 'failed', bankReference: l.bankReference })));
      }}
    >
      <h3>{t('finance.confirm.fromCsv')}</h3>
      <Field id="bank-answer" label={t('finance.confirm.file')} hint={t('finance.confirm.fileHint')}>
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return setPreview(null);
              setPreview({ name: file.name, ...readBankAnswer(await file.text(), batch, pending) });
            }}
          />
        )}
      </Field>
      {preview && preview.missingColumns.length > 0 && (
        <p class="problem" role="alert">
          {t('finance.csv.missingColumns', { columns: preview.missingColumns.join(', ') })}
        </p>
      )}
      {preview && preview.missingColumns.length === 0 && (
        <>
          <TableWrap label={t('finance.csv.caption', { name: preview.name, count: preview.lines.length, bad })}>
            <table class="stack">
              <caption>{t('finance.csv.caption', { name: preview.name, count: preview.lines.length, bad })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('finance.csv.row')}</th>
                  <th scope="col">{t('finance.claim')}</th>
                  <th scope="col" class="num">
                    {t('finance.amount')}
                  </th>
                  <th scope="col">{t('finance.confirm.outcome')}</th>
                  <th scope="col">{t('finance.confirm.reference')}</th>
                  <th scope="col">{t('finance.csv.check')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.lines.map((l) => (
                  <tr key={l.row}>
                    <td data-label={t('finance.csv.row')}>{l.row}</td>
                    <td data-label={t('finance.claim')}>
                      <code>{l.claimId}</code>
                    </td>
                    <td class="num" data-label={t('finance.amount')}>
                      {amountOf(l.claimId) === undefined ? '—' : yuan(amountOf(l.claimId)!)}
                    </td>
                    <td data-label={t('finance.confirm.outcome')}>{l.status ? enumText(l.status) : '—'}</td>
                    <td data-label={t('finance.confirm.reference')}>{l.bankReference}</td>
                    <td data-label={t('finance.csv.check')}>
                      {l.problems.length === 0 ? (
                        <span class="ok">{t('finance.csv.ok')}</span>
                      ) : (
                        <span class="error">{l.problems.map((p) => t(p)).join('；')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <ProblemMessage problem={sender.problem} />
          <button type="submit" disabled={!ready}>
            {t('finance.csv.apply', { count: preview.lines.length })}
          </button>
          {bad > 0 && <p class="error">{t('finance.csv.fixFirst', { bad })}</p>}
        </>
      )}
    </form>
  );
}

/** One batch: its lines, approval (never by its preparer), the bank file, and the bank's answer. */
export default function BatchPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const batch = useLoad(() => api.GET('/v1/payout-batches/{id}', { params: { path: { id } } }), [id]);
  const programme = useLoad(
    async () => (batch.data ? api.GET('/v1/programmes/{id}', { params: { path: { id: batch.data.programmeId } } }) : { data: undefined }),
    [batch.data?.programmeId],
  );
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [fileProblem, setFileProblem] = useState<Problem | null>(null);
  const b = batch.data;
  const sub = me();
  // Lines recorded in a bank confirmation that waits for a second person: not answered again here.
  const pending = useLoad(() => api.GET('/v1/bank-confirmations', { params: { query: { status: 'pending', limit: 100 } } }), [id]);
  const waiting = new Map<string, string>(
    (pending.data?.items ?? []).filter((c) => c.batchId === id).flatMap((c) => c.lines.map((l) => [l.claimId, l.status] as [string, string])),
  );
  const waitingIds = new Set(waiting.keys());
  const done = (next: Outcome) => {
    setOutcome(next);
    batch.reload();
    pending.reload();
  };
  return (
    <Page title={t('finance.batch.title', { id })}>
      <p>
        <a href={`/finance/batches?status=${b?.status ?? 'pending_approval'}`}>{t('finance.batch.back')}</a>
      </p>
      {batch.loading && !b && <Loading />}
      <ProblemMessage problem={batch.problem} />
      {b && (
        <>
          <dl class="facts">
            <dt>{t('finance.programme')}</dt>
            <dd>{programme.data ? programme.data.name : nameOf(undefined, b.programmeId)}</dd>
            <dt>{t('finance.batches.status')}</dt>
            <dd>
              <span class="status">{enumText(b.status)}</span>
            </dd>
            <dt>{t('finance.batches.claims')}</dt>
            <dd>{b.claimCount}</dd>
            <dt>{t('finance.amount')}</dt>
            <dd>{yuan(b.totalFen)}</dd>
            <dt>{t('finance.batches.prepared')}</dt>
            <dd>
              {b.preparedBy === sub ? t('finance.byMe') : b.preparedBy} · {dateTime(b.preparedAt)}
            </dd>
            <dt>{t('finance.batches.approvals')}</dt>
            <dd>
              {t('finance.approvalsOf', { given: b.approvals.length, required: b.approvalsRequired })}
              {b.approvals.map((a) => (
                <span key={a.by}>
                  <br />
                  {a.by === sub ? t('finance.byMe') : a.by} · {dateTime(a.at)}
                </span>
              ))}
            </dd>
            {b.status !== 'pending_approval' && b.status !== 'cancelled' && (
              <>
                <dt>{t('finance.batch.confirmed')}</dt>
                <dd>{t('finance.batch.confirmedOf', { done: b.confirmedCount, all: b.claimCount })}</dd>
              </>
            )}
            {b.cancellationReason && (
              <>
                <dt>{t('finance.batch.cancelledWhy')}</dt>
                <dd>{b.cancellationReason}</dd>
              </>
            )}
          </dl>
          <Approve batch={b} onDone={batch.reload} />
          {(b.status === 'approved' || b.status === 'settled') && (
            <section aria-labelledby="bank-file">
              <h2 id="bank-file">{t('finance.batch.bankFile')}</h2>
              <p class="muted">{t('finance.batch.bankFileHint')}</p>
              <ProblemMessage problem={fileProblem} />
              <button
                type="button"
                class="secondary"
                onClick={async () => setFileProblem(await download(`/v1/payout-batches/${b.id}/export.csv`, `${b.id}.csv`))}
              >
                {t('finance.batch.download')}
              </button>
            </section>
          )}
          {outcome?.kind === 'booked' && (
            <p class="notice" role="status">
              {t('finance.confirm.booked', { count: outcome.lines })}{' '}
              <a href={`/finance/ledger?programmeId=${b.programmeId}`}>{t('finance.confirm.seeLedger')}</a>
            </p>
          )}
          {outcome?.kind === 'pending' && (
            <p class="notice" role="status">
              {t('finance.confirm.pending', { sum: yuan(outcome.paidFen) })} <a href="/finance/reviews">{t('finance.todo.reviewLink')}</a>
            </p>
          )}
          {b.status === 'approved' && (
            <section aria-labelledby="bank-answer-heading">
              <h2 id="bank-answer-heading">{t('finance.confirm.title')}</h2>
              <p class="muted">{t('finance.confirm.intro')}</p>
              <LineByLine key={`lines-${b.version}-${waiting.size}`} batch={b} pending={waitingIds} onDone={done} />
              <FromCsv key={`csv-${b.version}-${waiting.size}`} batch={b} pending={waitingIds} onDone={done} />
            </section>
          )}
          <TableWrap label={t('finance.batch.lines', { count: b.lines.length })}>
            <table class="stack">
              <caption>{t('finance.batch.lines', { count: b.lines.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('finance.claim')}</th>
                  <th scope="col" class="num">
                    {t('finance.amount')}
                  </th>
                  <th scope="col">{t('finance.confirm.outcome')}</th>
                  <th scope="col">{t('finance.confirm.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {b.lines.map((l) => (
                  <tr key={l.claimId}>
                    <td data-label={t('finance.claim')}>
                      <code>{l.claimId}</code>
                    </td>
                    <td class="num" data-label={t('finance.amount')}>
                      {yuan(l.amountFen)}
                    </td>
                    <td data-label={t('finance.confirm.outcome')}>
                      {l.outcome
                        ? enumText(l.outcome)
                        : waiting.has(l.claimId)
                          ? t('finance.confirm.checking', { outcome: enumText(waiting.get(l.claimId)) })
                          : t('finance.confirm.waiting')}
                    </td>
                    <td data-label={t('finance.confirm.reference')}>{l.bankReference ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      {b && <Documents recordType="payout_batch" recordId={b.id} types={['bank_statement', 'other']} title={t('finance.batch.papers')} />}
    </Page>
  );
}
