import { useRoute } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t } from '../../i18n';
import type { WaitingStartup } from './data';

/**
 * The community's waitlist, first come first served, with who is offered the next free desk and
 * office; and the startups that prefer the community without being on it, to put on it.
 */
export default function Waitlist() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const community = useLoad(() => api.GET('/v1/communities/{id}', { params: { path: { id } } }), [id]);
  const waitlist = useLoad(() => api.GET('/v1/communities/{id}/waitlist', { params: { path: { id } } }), [id]);
  const waiting = useLoad(() => api.GET('/v1/communities/{id}/waiting-startups', { params: { path: { id } } }), [id]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const join = async (w: WaitingStartup) => {
    setProblem(null);
    const { error } = await api.POST('/v1/communities/{id}/waitlist', { params: { path: { id } }, body: { startupId: w.startupId, kind: w.kind } });
    if (error) setProblem(asProblem(error));
    waitlist.reload();
    waiting.reload();
  };
  const entries = waitlist.data?.items ?? [];
  const next = waitlist.data?.suggestedNext;
  const preferring = (waiting.data?.items ?? []).filter((w) => !w.waitlistedAt);
  return (
    <Page title={community.data ? t('park.waitlist.title', { name: community.data.name }) : t('park.waitlist.link')}>
      <p>
        <a href={`/park/communities/${id}`}>{t('park.grid.back')}</a> · <a href={`/park/communities/${id}/grid`}>{t('park.grid.link')}</a>
      </p>
      {(waitlist.loading || waiting.loading) && <Loading />}
      <ProblemMessage problem={community.problem ?? waitlist.problem ?? waiting.problem ?? problem} />
      {next && (
        <dl class="facts">
          <dt>{t('park.waitlist.nextDesk')}</dt>
          <dd>{next.desk ? next.desk.startupName : t('park.waitlist.nobody')}</dd>
          <dt>{t('park.waitlist.nextOffice')}</dt>
          <dd>{next.office ? next.office.startupName : t('park.waitlist.nobody')}</dd>
        </dl>
      )}
      <h2>{t('park.waitlist.queue')}</h2>
      {waitlist.data && entries.length === 0 && <p>{t('park.waitlist.empty')}</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('park.waitlist.caption', { n: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('park.waitlist.position')}
                </th>
                <th scope="col">{t('park.startup')}</th>
                <th scope="col">{t('park.kind')}</th>
                <th scope="col">{t('park.waitlist.joined')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={e.startupId}>
                  <td class="num" data-label={t('park.waitlist.position')}>
                    {i + 1}
                  </td>
                  <td data-label={t('park.startup')}>{e.startupName}</td>
                  <td data-label={t('park.kind')}>{enumText(e.kind)}</td>
                  <td data-label={t('park.waitlist.joined')}>{dateTime(e.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('park.waitlist.preferring')}</h2>
      {waiting.data && preferring.length === 0 && <p>{t('park.waitlist.nonePreferring')}</p>}
      {preferring.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('park.waitlist.preferringCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('park.startup')}</th>
                <th scope="col">{t('park.startupStatus')}</th>
                <th scope="col">{t('park.kind')}</th>
                <th scope="col">{t('park.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {preferring.map((w) => (
                <tr key={w.startupId}>
                  <td data-label={t('park.startup')}>{w.startupName}</td>
                  <td data-label={t('park.startupStatus')}>{enumText(w.status)}</td>
                  <td data-label={t('park.kind')}>
                    {t('park.wants', { n: w.unitsRequested, kind: enumText(w.kind) })} · {t('park.holds', { held: w.unitsHeld, n: w.unitsRequested })}
                  </td>
                  <td data-label={t('park.actions')}>
                    <button type="button" class="secondary" onClick={() => join(w)}>
                      {t('park.waitlist.join', { name: w.startupName })}
                    </button>
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
