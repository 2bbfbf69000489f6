import { TableWrap } from './table-wrap';
import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { BarChart } from '../../components/chart';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { loadProgrammes } from './common';

/** Each programme with its live totals (one read per programme: the list carries no money). */
async function load() {
  const list = await loadProgrammes();
  if (list.error !== undefined) return { error: list.error };
  const read = await Promise.all((list.data?.items ?? []).map((p) => api.GET('/v1/programmes/{id}', { params: { path: { id: p.id } } })));
  const failed = read.find((r) => r.error !== undefined);
  if (failed) return { error: failed.error };
  return { data: read.map((r) => r.data!) };
}

/** Programme names as chart labels; a name that several programmes share gets the end of its id. */
export function labelsOf(items: Array<{ id: string; name: string }>): string[] {
  return items.map((p) => (items.filter((o) => o.name === p.name).length > 1 ? `${p.name} (${p.id.slice(-4)})` : p.name));
}

/** Programmes: budget, committed, paid, reversed and remaining, as a table and a stacked bar per programme. */
export default function Programmes() {
  const programmes = useLoad(load);
  const items = programmes.data ?? [];
  return (
    <Page title={t('finance.programmes.title')}>
      <p>{t('finance.programmes.intro')}</p>
      {programmes.loading && <Loading />}
      <ProblemMessage problem={programmes.problem} />
      {programmes.data && items.length === 0 && <p>{t('finance.programmes.none')}</p>}
      {items.length > 0 && (
        <>
          <TableWrap label={t('finance.programmes.caption')}>
            <table class="stack">
              <caption>{t('finance.programmes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('finance.programme')}</th>
                  <th scope="col" class="num">
                    {t('finance.budget')}
                  </th>
                  <th scope="col" class="num">
                    {t('finance.committed')}
                  </th>
                  <th scope="col" class="num">
                    {t('finance.paid')}
                  </th>
                  <th scope="col" class="num">
                    {t('finance.reversed')}
                  </th>
                  <th scope="col" class="num">
                    {t('finance.remaining')}
                  </th>
                  <th scope="col">{t('finance.programmes.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td data-label={t('finance.programme')}>
                      <strong>{p.name}</strong>
                      <br />
                      <span class="muted">
                        {enumText(p.kind)} · {day(p.opensOn)}–{day(p.closesOn)}
                      </span>
                    </td>
                    <td class="num" data-label={t('finance.budget')}>
                      {yuan(p.totals.budgetFen)}
                    </td>
                    <td class="num" data-label={t('finance.committed')}>
                      {yuan(p.totals.committedFen)}
                    </td>
                    <td class="num" data-label={t('finance.paid')}>
                      {yuan(p.totals.paidFen)}
                    </td>
                    <td class="num" data-label={t('finance.reversed')}>
                      {yuan(p.totals.reversedFen)}
                    </td>
                    <td class="num" data-label={t('finance.remaining')}>
                      {yuan(p.totals.remainingFen)}
                    </td>
                    <td data-label={t('finance.programmes.actions')}>
                      <a href={`/finance/batches/new?programmeId=${p.id}`} aria-label={t('finance.programmes.prepare', { name: p.name })}>
                        {t('finance.nav.prepare')}
                      </a>
                      <br />
                      <a href={`/finance/ledger?programmeId=${p.id}`} aria-label={t('finance.programmes.ledger', { name: p.name })}>
                        {t('finance.nav.ledger')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <BarChart
            table={false}
            title={t('finance.programmes.chart')}
            labels={labelsOf(items)}
            stacked
            format={yuan}
            series={[
              { label: t('finance.paidNet'), values: items.map((p) => p.totals.paidFen - p.totals.reversedFen) },
              { label: t('finance.committed'), values: items.map((p) => p.totals.committedFen) },
              { label: t('finance.remaining'), values: items.map((p) => p.totals.remainingFen) },
            ]}
          />
        </>
      )}
    </Page>
  );
}
