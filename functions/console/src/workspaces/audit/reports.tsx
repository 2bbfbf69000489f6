import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { BarChart } from '../../components/chart';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { beijingToday, month, yuan } from '../../format';
import { t, type MessageKey } from '../../i18n';

/** The headline figures of a summary, in the order the centre reports them. */
function figures(s: Schemas['ReportSummary']): Array<[MessageKey, string]> {
  const n = (value: number) => value.toLocaleString('zh-CN');
  return [
    ['audit.reports.f.submitted', n(s.applications.submitted)],
    ['audit.reports.f.approved', n(s.applications.approved)],
    ['audit.reports.f.incubating', n(s.startups.incubating)],
    ['audit.reports.f.graduated', n(s.startups.graduated)],
    ['audit.reports.f.founders', n(s.foundersSupported)],
    ['audit.reports.f.jobs', n(s.jobs.created)],
    ['audit.reports.f.occupancy', n(s.space.unitMonthsOccupied)],
    ['audit.reports.f.sessions', n(s.mentoring.sessions)],
    ['audit.reports.f.events', n(s.events.held)],
    ['audit.reports.f.paid', yuan(s.money.net.fen)],
    ['audit.reports.f.loans', n(s.loans.issued)],
  ];
}

/**
 * The published-figure summary for any period and community, the months as charts (subsidies
 * paid, jobs created, occupancy, people who started a business) each beside its table, and both
 * as CSV from the API. The period is in the address, so a report can be linked to.
 */
export default function Reports() {
  const { query, route } = useLocation();
  const thisMonth = beijingToday().slice(0, 7);
  const period = { from: query.from ?? `${thisMonth.slice(0, 4)}-01`, to: query.to ?? thisMonth, communityId: query.communityId || undefined };
  const [form, setForm] = useState(period);
  const [problem, setProblem] = useState<Problem | null>(null);
  const communities = useLoad(() => api.GET('/v1/communities', { params: { query: { limit: 100 } } }));
  const summary = useLoad(() => api.GET('/v1/reports/summary', { params: { query: period } }), [period.from, period.to, period.communityId]);
  const monthly = useLoad(() => api.GET('/v1/reports/monthly', { params: { query: period } }), [period.from, period.to, period.communityId]);
  const months = monthly.data?.months ?? [];
  const labels = months.map((m) => month(m.month));
  const count = (value: number) => value.toLocaleString('zh-CN');
  const name = `${period.from}-${period.to}${period.communityId ? `-${period.communityId}` : ''}`;
  return (
    <Page title={t('audit.reports.title')}>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams({ from: form.from, to: form.to });
          if (form.communityId) next.set('communityId', form.communityId);
          route(`${location.pathname}?${next}`);
        }}
      >
        <Field id="report-from" label={t('audit.reports.from')}>
          {(p) => <input {...p} type="month" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} required />}
        </Field>
        <Field id="report-to" label={t('audit.reports.to')}>
          {(p) => <input {...p} type="month" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} required />}
        </Field>
        <Field id="report-community" label={t('audit.reports.community')}>
          {(p) => (
            <select {...p} value={form.communityId ?? ''} onChange={(e) => setForm({ ...form, communityId: e.currentTarget.value || undefined })}>
              <option value="">{t('audit.reports.allCommunities')}</option>
              {communities.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="field">
          <button type="submit">{t('audit.reports.show')}</button>
        </div>
      </form>
      <ProblemMessage problem={summary.problem ?? monthly.problem ?? problem} />
      {(summary.loading || monthly.loading) && <Loading />}
      {summary.data && (
        <>
          <div class="table-wrap">
            <table>
              <caption>{t('audit.reports.summary', { from: month(period.from), to: month(period.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.reports.figure')}</th>
                  <th scope="col" class="num">
                    {t('audit.reports.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures(summary.data).map(([key, value]) => (
                  <tr key={key}>
                    <th scope="row">{t(key)}</th>
                    <td class="num">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="actions">
            <button
              type="button"
              class="secondary"
              onClick={async () => setProblem(await download('/v1/reports/summary', `fuhua-summary-${name}.csv`, { ...period, format: 'csv' }))}
            >
              {t('audit.reports.summaryCsv')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={async () => setProblem(await download('/v1/reports/monthly', `fuhua-monthly-${name}.csv`, { ...period, format: 'csv' }))}
            >
              {t('audit.reports.monthlyCsv')}
            </button>
          </p>
        </>
      )}
      {months.length > 0 && (
        <>
          <h2>{t('audit.reports.monthly')}</h2>
          <div class="charts">
            <BarChart
              table={false}
              title={t('audit.reports.chart.paid')}
              labels={labels}
              labelHeading={t('audit.reports.month')}
              series={[{ label: t('audit.reports.f.paid'), values: months.map((m) => m.subsidiesPaid.fen) }]}
              format={yuan}
            />
            {!period.communityId && (
              <BarChart
                table={false}
                title={t('audit.reports.chart.jobs')}
                labels={labels}
                labelHeading={t('audit.reports.month')}
                series={[{ label: t('audit.reports.f.jobs'), values: months.map((m) => m.jobsCreated ?? 0) }]}
                format={count}
              />
            )}
            <BarChart
              table={false}
              title={t('audit.reports.chart.occupancy')}
              labels={labels}
              labelHeading={t('audit.reports.month')}
              series={[{ label: t('audit.reports.f.occupancy'), values: months.map((m) => m.unitMonthsOccupied) }]}
              format={count}
            />
            <BarChart
              table={false}
              title={t('audit.reports.chart.founders')}
              labels={labels}
              labelHeading={t('audit.reports.month')}
              series={[{ label: t('audit.reports.f.founders'), values: months.map((m) => m.foundersSupported) }]}
              format={count}
            />
          </div>
          {period.communityId && <p class="muted">{t('audit.reports.jobsDistrictOnly')}</p>}
          {/* The charts' numbers, one table for all four. */}
          <div class="table-wrap">
            <table>
              <caption>{t('audit.reports.monthlyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.reports.month')}</th>
                  <th scope="col" class="num">
                    {t('audit.reports.f.paid')}
                  </th>
                  {!period.communityId && (
                    <th scope="col" class="num">
                      {t('audit.reports.f.jobs')}
                    </th>
                  )}
                  <th scope="col" class="num">
                    {t('audit.reports.f.occupancy')}
                  </th>
                  <th scope="col" class="num">
                    {t('audit.reports.f.founders')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map((m, i) => (
                  <tr key={m.month}>
                    <th scope="row">{labels[i]}</th>
                    <td class="num">{yuan(m.subsidiesPaid.fen)}</td>
                    {!period.communityId && <td class="num">{count(m.jobsCreated ?? 0)}</td>}
                    <td class="num">{count(m.unitMonthsOccupied)}</td>
                    <td class="num">{count(m.foundersSupported)}</td>
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
