import { TableWrap } from './table-wrap';
import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { download } from '../../api/download';
import { api, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { loadProgrammes, mayApprove, me, nameOf } from './common';

const STATUSES = ['pending_approval', 'approved', 'settled', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** Payout batches by status, newest first; for each, whether it waits for me. */
export default function Batches() {
  const { query, route } = useLocation();
  const status: Status = STATUSES.includes(query.status as Status) ? (query.status as Status) : 'pending_approval';
  const batches = useLoad(() => api.GET('/v1/payout-batches', { params: { query: { status, limit: 100 } } }), [status]);
  const programmes = useLoad(loadProgrammes);
  const sub = me();
  const items = batches.data?.items ?? [];
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  return (
    <Page title={t('finance.batches.title')}>
      <p>
        <a href="/finance/batches/new">{t('finance.batches.prepare')}</a>
      </p>
      <Field id="batch-status" label={t('finance.batches.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => route(`/finance/batches?status=${e.currentTarget.value}`)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumText(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {batches.data && <p class="muted">{t('finance.batches.threshold', { amount: yuan(batches.data.dualApprovalAboveFen) })}</p>}
      <ProblemMessage problem={exportProblem} />
      <p>
        <button
          type="button"
          class="secondary"
          onClick={async () => setExportProblem(await download('/v1/payout-batches/export.csv', `payout-batches-${status}.csv`, { status }))}
        >
          {t('finance.batches.export', { status: enumText(status) })}
        </button>
      </p>
      {batches.loading && <Loading />}
      <ProblemMessage problem={batches.problem ?? programmes.problem} />
      {batches.data && items.length === 0 && <p>{t('finance.batches.none', { status: enumText(status) })}</p>}
      {items.length > 0 && (
        <TableWrap label={t('finance.batches.caption', { status: enumText(status), count: items.length })}>
          <table class="stack">
            <caption>{t('finance.batches.caption', { status: enumText(status), count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('finance.batch')}</th>
                <th scope="col">{t('finance.programme')}</th>
                <th scope="col" class="num">
                  {t('finance.batches.claims')}
                </th>
                <th scope="col" class="num">
                  {t('finance.amount')}
                </th>
                <th scope="col">{t('finance.batches.prepared')}</th>
                <th scope="col">{t('finance.batches.approvals')}</th>
                <th scope="col">{t('finance.batches.forMe')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id}>
                  <td data-label={t('finance.batch')}>
                    <a href={`/finance/batches/${b.id}`}>
                      <code>{b.id}</code>
                    </a>
                  </td>
                  <td data-label={t('finance.programme')}>{nameOf(programmes.data?.items, b.programmeId)}</td>
                  <td class="num" data-label={t('finance.batches.claims')}>
                    {b.claimCount}
                  </td>
                  <td class="num" data-label={t('finance.amount')}>
                    {yuan(b.totalFen)}
                  </td>
                  <td data-label={t('finance.batches.prepared')}>
                    {b.preparedBy === sub ? t('finance.byMe') : b.preparedBy}
                    <br />
                    <span class="muted">{dateTime(b.preparedAt)}</span>
                  </td>
                  <td data-label={t('finance.batches.approvals')}>{t('finance.approvalsOf', { given: b.approvals.length, required: b.approvalsRequired })}</td>
                  <td data-label={t('finance.batches.forMe')}>
                    {mayApprove(b, sub) ? (
                      <strong>{t('finance.batches.waitsForMe')}</strong>
                    ) : b.status === 'pending_approval' ? (
                      b.preparedBy === sub ? (
                        t('finance.batches.mine')
                      ) : (
                        t('finance.batches.approvedByMe')
                      )
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {batches.data?.nextCursor && <p class="muted">{t('finance.batches.more')}</p>}
    </Page>
  );
}
