import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Loading } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { day, month } from '../../format';
import { enumText, t } from '../../i18n';
import { thisMonth, useMyCommunities, type Community } from './data';

/** Per community: who waits for space, the waitlist, and the units free this month. */
function useFigures(communities: Community[] | undefined) {
  const current = thisMonth();
  return useLoad(async () => {
    if (!communities) return { data: undefined };
    const rows = await Promise.all(
      communities.map(async (community) => {
        const path = { id: community.id };
        const [waiting, waitlist, occupancy] = await Promise.all([
          api.GET('/v1/communities/{id}/waiting-startups', { params: { path } }),
          api.GET('/v1/communities/{id}/waitlist', { params: { path } }),
          api.GET('/v1/communities/{id}/occupancy', { params: { path, query: { month: current } } }),
        ]);
        const error = waiting.error ?? waitlist.error ?? occupancy.error;
        if (error) throw error;
        return { community, waiting: waiting.data!.items, waitlist: waitlist.data!.items, occupancy: occupancy.data! };
      }),
    );
    return { data: rows };
  }, [communities?.map((c) => c.id).join(',')]);
}

/** The park manager's home: startups waiting for space in their communities, the waitlist, units free now. */
export default function Dashboard() {
  const communities = useMyCommunities();
  const figures = useFigures(communities.data);
  const rows = figures.data ?? [];
  const waiting = rows.flatMap((row) => row.waiting.map((w) => ({ ...w, community: row.community })));
  const waitlisted = rows.reduce((n, row) => n + row.waitlist.length, 0);
  const free = rows.reduce((n, row) => n + row.occupancy.units.free, 0);
  return (
    <>
      <p>{t('workspace.park.intro')}</p>
      {(communities.loading || figures.loading) && <Loading />}
      <ProblemMessage problem={communities.problem ?? figures.problem} />
      {communities.data && communities.data.length === 0 && <p>{t('park.noCommunities')}</p>}
      {figures.data && rows.length > 0 && (
        <>
          <ul class="cards">
            <li class="card">
              <h2>{t('park.dash.waiting')}</h2>
              <p style={{ fontSize: '2rem', fontWeight: 700, margin: 0 }}>{waiting.length}</p>
            </li>
            <li class="card">
              <h2>{t('park.dash.waitlisted')}</h2>
              <p style={{ fontSize: '2rem', fontWeight: 700, margin: 0 }}>{waitlisted}</p>
            </li>
            <li class="card">
              <h2>{t('park.dash.freeNow', { month: month(thisMonth()) })}</h2>
              <p style={{ fontSize: '2rem', fontWeight: 700, margin: 0 }}>{free}</p>
            </li>
          </ul>
          <div class="table-wrap">
            <table class="stack">
              <caption>{t('park.dash.byCommunity')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('park.community')}</th>
                  <th scope="col" class="num">
                    {t('park.dash.waiting')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.dash.waitlisted')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.dash.freeDesks')}
                  </th>
                  <th scope="col" class="num">
                    {t('park.dash.freeOffices')}
                  </th>
                  <th scope="col">{t('park.links')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ community, waiting: w, waitlist, occupancy }) => (
                  <tr key={community.id}>
                    <td data-label={t('park.community')}>
                      <a href={`/park/communities/${community.id}`}>{community.name}</a>
                    </td>
                    <td class="num" data-label={t('park.dash.waiting')}>
                      {w.length}
                    </td>
                    <td class="num" data-label={t('park.dash.waitlisted')}>
                      {waitlist.length}
                    </td>
                    <td class="num" data-label={t('park.dash.freeDesks')}>
                      {occupancy.byKind.desk.units.free}
                    </td>
                    <td class="num" data-label={t('park.dash.freeOffices')}>
                      {occupancy.byKind.office.units.free}
                    </td>
                    <td data-label={t('park.links')}>
                      <a href={`/park/communities/${community.id}/grid`}>{t('park.grid.link')}</a> ·{' '}
                      <a href={`/park/communities/${community.id}/waitlist`}>{t('park.waitlist.link')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t('park.dash.waitingList')}</h2>
          {waiting.length === 0 ? (
            <p>{t('park.dash.noneWaiting')}</p>
          ) : (
            <div class="table-wrap">
              <table class="stack">
                <caption class="muted">{t('park.dash.waitingCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('park.startup')}</th>
                    <th scope="col">{t('park.community')}</th>
                    <th scope="col">{t('park.kind')}</th>
                    <th scope="col">{t('park.why')}</th>
                    <th scope="col">{t('park.links')}</th>
                  </tr>
                </thead>
                <tbody>
                  {waiting.map((w) => (
                    <tr key={`${w.community.id}-${w.startupId}`}>
                      <td data-label={t('park.startup')}>{w.startupName}</td>
                      <td data-label={t('park.community')}>{w.community.name}</td>
                      <td data-label={t('park.kind')}>{t('park.wants', { n: w.unitsRequested, kind: enumText(w.kind) })}</td>
                      <td data-label={t('park.why')}>{w.waitlistedAt ? t('park.waitlistedOn', { day: day(w.waitlistedAt) }) : t('park.prefers')}</td>
                      <td data-label={t('park.links')}>
                        <a href={`/park/communities/${w.community.id}/grid`}>{t('park.grid.allocateFor', { name: w.startupName })}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
