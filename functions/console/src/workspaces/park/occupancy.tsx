import { useRoute } from 'preact-iso/router';
import { api, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { BarChart } from '../../components/chart';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { month } from '../../format';
import { t } from '../../i18n';
import { addMonths, monthsFrom, thisMonth } from './data';

/** Occupancy by month, six months back to five ahead: desks and offices taken, units free (one read per month). */
export default function Occupancy() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const months = monthsFrom(addMonths(thisMonth(), -6), 12);
  const community = useLoad(() => api.GET('/v1/communities/{id}', { params: { path: { id } } }), [id]);
  const figures = useLoad(async () => {
    const answers = await Promise.all(months.map((m) => api.GET('/v1/communities/{id}/occupancy', { params: { path: { id }, query: { month: m } } })));
    const failed = answers.find((a) => a.error);
    if (failed) return { error: failed.error };
    return { data: answers.map((a) => a.data as Schemas['Occupancy']) };
  }, [id, months[0]]);
  const rows = figures.data ?? [];
  const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
  return (
    <Page title={community.data ? t('park.occupancy.title', { name: community.data.name }) : t('park.occupancy.link')}>
      <p>
        <a href={`/park/communities/${id}`}>{t('park.grid.back')}</a> · <a href={`/park/communities/${id}/grid`}>{t('park.grid.link')}</a>
      </p>
      {figures.loading && <Loading />}
      <ProblemMessage problem={community.problem ?? figures.problem} />
      {rows.length > 0 && (
        <>
          <BarChart
            title={t('park.occupancy.chart')}
            labels={rows.map((r) => month(r.month))}
            labelHeading={t('park.occupancy.month')}
            stacked
            format={(n) => (Number.isInteger(n) ? String(n) : '')}
            series={[
              { label: t('park.occupancy.desksTaken'), values: rows.map((r) => r.byKind.desk.units.occupied) },
              { label: t('park.occupancy.officesTaken'), values: rows.map((r) => r.byKind.office.units.occupied) },
              { label: t('park.occupancy.free'), values: rows.map((r) => r.units.free) },
            ]}
          />
          <div class="table-wrap">
            <table>
              <caption>{t('park.occupancy.rates')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('park.occupancy.month')}</th>
                  <th scope="col" class="num">
                    {t('park.occupancy.activeUnits')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.occupancy.unitRate')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.occupancy.seatsTaken')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.occupancy.seatRate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{month(r.month)}</th>
                    <td class="num">{r.units.active}</td>
                    <td class="num">{percent(r.units.occupancyRate)}</td>
                    <td class="num">
                      {r.seats.occupied} / {r.seats.active}
                    </td>
                    <td class="num">{percent(r.seats.occupancyRate)}</td>
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
