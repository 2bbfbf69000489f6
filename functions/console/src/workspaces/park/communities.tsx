import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { enumText, t } from '../../i18n';
import { useMyCommunities } from './data';

/** The communities this park manager manages. */
export default function Communities() {
  const communities = useMyCommunities();
  const items = communities.data ?? [];
  return (
    <Page title={t('park.communities.title')}>
      {communities.loading && <Loading />}
      <ProblemMessage problem={communities.problem} />
      {communities.data && items.length === 0 && <p>{t('park.noCommunities')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('park.communities.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('park.community')}</th>
                <th scope="col">{t('park.communityKind')}</th>
                <th scope="col">{t('park.district')}</th>
                <th scope="col">{t('park.address')}</th>
                <th scope="col">{t('park.links')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('park.community')}>
                    <a href={`/park/communities/${c.id}`}>{c.name}</a>
                  </td>
                  <td data-label={t('park.communityKind')}>{enumText(c.kind)}</td>
                  <td data-label={t('park.district')}>{c.district}</td>
                  <td data-label={t('park.address')}>{c.address}</td>
                  <td data-label={t('park.links')}>
                    <a href={`/park/communities/${c.id}/grid`}>{t('park.grid.link')}</a> ·{' '}
                    <a href={`/park/communities/${c.id}/waitlist`}>{t('park.waitlist.link')}</a> ·{' '}
                    <a href={`/park/communities/${c.id}/occupancy`}>{t('park.occupancy.link')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
