import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { BarChart } from '../../components/chart';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { month } from '../../format';
import { t } from '../../i18n';
import { beijingToday } from '../../format';
import { addMonths, monthRange, useMe } from './data';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** My monthly report: sessions, hours, startups served, confirmed share and average rating per month. */
export default function Report() {
  const me = useMe();
  const current = beijingToday().slice(0, 7);
  const [to, setTo] = useState(current);
  const from = addMonths(to, -5);
  const report = useLoad(
    async () => (me.data ? api.GET('/v1/mentors/{id}/report', { params: { path: { id: me.data.id }, query: { from, to } } }) : { data: undefined }),
    [me.data?.id, from, to],
  );
  const r = report.data;
  const choices = monthRange(addMonths(current, -23), current).reverse();
  return (
    <Page title={t('mentor.report.title')}>
      <Field id="report-to" label={t('mentor.report.to')} hint={t('mentor.report.toHint')}>
        {(p) => (
          <select {...p} value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {choices.map((m) => (
              <option key={m} value={m}>
                {month(m)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {(me.loading || report.loading) && <Loading />}
      <ProblemMessage problem={me.problem ?? report.problem} />
      {r && (
        <>
          <BarChart
            title={t('mentor.report.chart', { from: month(r.from), to: month(r.to) })}
            labels={r.months.map((m) => month(m.month))}
            labelHeading={t('mentor.report.month')}
            series={[{ label: t('mentor.report.hours'), values: r.months.map((m) => m.hours) }]}
          />
          <div class="table-wrap">
            <table>
              <caption>{t('mentor.report.caption', { from: month(r.from), to: month(r.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mentor.report.month')}</th>
                  <th scope="col" class="num">
                    {t('mentor.report.sessions')}
                  </th>
                  <th scope="col" class="num">
                    {t('mentor.report.hours')}
                  </th>
                  <th scope="col" class="num">
                    {t('mentor.report.startups')}
                  </th>
                  <th scope="col" class="num">
                    {t('mentor.report.confirmed')}
                  </th>
                  <th scope="col" class="num">
                    {t('mentor.report.rating')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...r.months.map((m) => ({ ...m, label: month(m.month) })), { ...r.totals, label: t('mentor.report.total') }].map((m) => (
                  <tr key={m.label}>
                    <th scope="row">{m.label}</th>
                    <td class="num">{m.sessions}</td>
                    <td class="num">{m.hours}</td>
                    <td class="num">{m.startupsServed}</td>
                    <td class="num">{percent(m.confirmedShare)}</td>
                    <td class="num">{m.averageRating === null ? '—' : m.averageRating.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
