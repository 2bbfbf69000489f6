import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t } from '../../i18n';
import { reviewerLabel, useReviewers } from './common';

type Event = Schemas['EventDetail'];
const JUDGED: Event['kind'][] = ['competition', 'roadshow'];

/** Publish, close registration, mark held, cancel: the steps the event's status allows. */
function Steps({ event, onDone }: { event: Event; onDone: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const step = async (action: 'publish' | 'close' | 'complete' | 'cancel') => {
    setProblem(null);
    const path = `/v1/events/{id}/${action}` as '/v1/events/{id}/publish';
    const { error } = await api.POST(path, { params: { path: { id: event.id } } });
    if (error) setProblem(asProblem(error));
    onDone();
  };
  const next: Array<'publish' | 'close' | 'complete'> =
    event.status === 'draft' ? ['publish'] : event.status === 'published' ? ['close'] : event.status === 'closed' ? ['complete'] : [];
  return (
    <div>
      <ProblemMessage problem={problem} />
      <div class="actions">
        {next.map((action) => (
          <button type="button" key={action} onClick={() => step(action)}>
            {t(`officer.event.${action}`)}
          </button>
        ))}
        {event.status !== 'completed' && event.status !== 'cancelled' && (
          <button type="button" class="secondary" onClick={() => step('cancel')}>
            {t('officer.event.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The registrations, each checked in with one large button (at the door, on a phone). */
function Registrations({ event }: { event: Event }) {
  const registrations = useLoad(() => api.GET('/v1/events/{id}/registrations', { params: { path: { id: event.id }, query: { limit: 100 } } }), [event.id]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const checkIn = async (registrationId: string) => {
    setProblem(null);
    const { error } = await api.POST('/v1/events/{id}/checkins', { params: { path: { id: event.id } }, body: { registrationId } });
    if (error) setProblem(asProblem(error));
    registrations.reload();
  };
  const items = registrations.data?.items ?? [];
  const atDoor = event.status === 'published' || event.status === 'closed';
  return (
    <section aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">{t('officer.event.registrations', { n: event.registered, waiting: event.waiting })}</h2>
      <ProblemMessage problem={registrations.problem ?? problem} />
      {registrations.data && items.length === 0 && <p>{t('officer.event.noRegistrations')}</p>}
      {items.length > 0 && (
        <ul class="cards">
          {items.map((r, i) => (
            <li class="card" key={r.id}>
              <p>
                <strong>{t('officer.event.registrant', { n: i + 1 })}</strong> {r.registrantName ?? <span class="muted">{t('officer.event.noName')}</span>}
              </p>
              <p>
                <span class="status">{enumText(r.status)}</span>
                {r.waitlistPosition ? ` ${t('officer.event.position', { n: r.waitlistPosition })}` : ''}
              </p>
              {r.checkedInAt ? (
                <p class="ok">{t('officer.event.checkedIn', { at: dateTime(r.checkedInAt) })}</p>
              ) : (
                atDoor &&
                r.status === 'registered' && (
                  <button type="button" class="big" onClick={() => checkIn(r.id)}>
                    {r.registrantName ? t('officer.event.checkInName', { name: r.registrantName }) : t('officer.event.checkIn', { n: i + 1 })}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Judges and entries of a competition or roadshow, the ranking, and publishing the results. */
function Judging({ event }: { event: Event }) {
  const people = useReviewers();
  const startups = useLoad(() => api.GET('/v1/startups', { params: { query: { status: 'incubating', limit: 100 } } }));
  const ranking = useLoad(() => api.GET('/v1/events/{id}/ranking', { params: { path: { id: event.id } } }), [event.id]);
  const judges = useLoad(() => api.GET('/v1/events/{id}/judges', { params: { path: { id: event.id }, query: { limit: 100 } } }), [event.id]);
  const [judge, setJudge] = useState('');
  const [entry, setEntry] = useState({ startupId: '', pitchTitle: '', summary: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [note, setNote] = useState('');
  const done = (error: unknown, text: string) => {
    if (error) {
      setProblem(asProblem(error));
      setNote('');
    } else {
      setProblem(null);
      setNote(text);
    }
    ranking.reload();
    judges.reload();
  };
  const judgeName = (userId: string, displayName?: string) => {
    const person = people.data?.find((p) => p.userId === userId);
    return person ? reviewerLabel(person) : (displayName ?? userId);
  };
  return (
    <section aria-labelledby="judging-heading">
      <h2 id="judging-heading">{t('officer.event.judging')}</h2>
      <ProblemMessage problem={people.problem ?? startups.problem ?? ranking.problem ?? judges.problem ?? problem} />
      {note && (
        <p class="ok" role="status">
          {note}
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const person = people.data?.find((p) => p.userId === judge);
          done(
            (await api.POST('/v1/events/{id}/judges', { params: { path: { id: event.id } }, body: { userId: judge } })).error,
            t('officer.event.judgeAdded', { name: person ? reviewerLabel(person) : judge }),
          );
        }}
      >
        <Field id="event-judge" label={t('officer.event.judge')}>
          {(p) => (
            <select {...p} value={judge} onChange={(e) => setJudge(e.currentTarget.value)} required>
              <option value="">{t('officer.event.chooseJudge')}</option>
              {people.data?.map((r) => (
                <option key={r.userId} value={r.userId}>
                  {reviewerLabel(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">{t('officer.event.addJudge')}</button>
      </form>
      {judges.data && judges.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.event.judges', { n: judges.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.event.judge')}</th>
                <th scope="col" class="num">
                  {t('officer.event.judgeScored')}
                </th>
                <th scope="col">{t('officer.startup.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {judges.data.items.map((j) => (
                <tr key={j.userId}>
                  <td data-label={t('officer.event.judge')}>{judgeName(j.userId, j.displayName)}</td>
                  <td class="num" data-label={t('officer.event.judgeScored')}>
                    {j.scoreCount ?? 0}
                  </td>
                  <td data-label={t('officer.startup.actions')}>
                    <button
                      type="button"
                      onClick={async () =>
                        done(
                          (await api.DELETE('/v1/events/{id}/judges/{userId}', { params: { path: { id: event.id, userId: j.userId } } })).error,
                          t('officer.event.judgeRemoved', { name: judgeName(j.userId, j.displayName) }),
                        )
                      }
                    >
                      {t('officer.event.removeJudge', { name: judgeName(j.userId, j.displayName) })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          done(
            (await api.POST('/v1/events/{id}/entries', { params: { path: { id: event.id } }, body: entry })).error,
            t('officer.event.entryAdded', { title: entry.pitchTitle }),
          );
        }}
      >
        <h3>{t('officer.event.enter')}</h3>
        <Field id="entry-startup" label={t('officer.nav.startups')}>
          {(p) => (
            <select {...p} value={entry.startupId} onChange={(e) => setEntry({ ...entry, startupId: e.currentTarget.value })} required>
              <option value="">{t('officer.event.chooseStartup')}</option>
              {startups.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="entry-pitchTitle" label={t('officer.event.pitchTitle')}>
          {(p) => <input {...p} value={entry.pitchTitle} onInput={(e) => setEntry({ ...entry, pitchTitle: e.currentTarget.value })} required />}
        </Field>
        <Field id="entry-summary" label={t('officer.app.summary')}>
          {(p) => <textarea {...p} rows={2} value={entry.summary} onInput={(e) => setEntry({ ...entry, summary: e.currentTarget.value })} required />}
        </Field>
        <button type="submit">{t('officer.event.addEntry')}</button>
      </form>
      {ranking.data && (
        <div class="table-wrap">
          <table class="stack">
            <caption>
              {ranking.data.published ? t('officer.event.rankingPublished', { at: dateTime(ranking.data.resultsPublishedAt) }) : t('officer.event.ranking')}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('officer.event.rank')}
                </th>
                <th scope="col">{t('officer.event.pitchTitle')}</th>
                <th scope="col" class="num">
                  {t('officer.event.scoreCount')}
                </th>
                <th scope="col" class="num">
                  {t('officer.event.meanTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranking.data.items.map((r) => (
                <tr key={r.entryId}>
                  <td class="num" data-label={t('officer.event.rank')}>
                    {r.rank}
                  </td>
                  <td data-label={t('officer.event.pitchTitle')}>
                    {r.pitchTitle}
                    <br />
                    <span class="muted">{r.startupName}</span>
                  </td>
                  <td class="num" data-label={t('officer.event.scoreCount')}>
                    {r.scoreCount}
                  </td>
                  <td class="num" data-label={t('officer.event.meanTotal')}>
                    {r.meanTotal ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ranking.data && !ranking.data.published && ranking.data.items.length > 0 && (
        <button
          type="button"
          onClick={async () =>
            done((await api.POST('/v1/events/{id}/results/publish', { params: { path: { id: event.id } } })).error, t('officer.event.resultsPublished'))
          }
        >
          {t('officer.event.publishResults')}
        </button>
      )}
    </section>
  );
}

/** One event: its steps, registrations with check-in, and for a competition or roadshow its judging. */
export default function OfficerEvent() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [version, setVersion] = useState(0);
  const event = useLoad(() => api.GET('/v1/events/{id}', { params: { path: { id } } }), [id, version]);
  const e = event.data;
  return (
    <Page title={e ? t('officer.event.title', { name: e.title }) : t('officer.events.title')}>
      <p>
        <a href="/officer/events">{t('officer.event.back')}</a>
      </p>
      {event.loading && !e && <Loading />}
      <ProblemMessage problem={event.problem} />
      {e && (
        <>
          <p>
            <span class="status">{enumText(e.status)}</span> {enumText(e.kind)} ·{' '}
            {t('officer.event.when', { from: dateTime(e.startsAt), to: dateTime(e.endsAt) })}
            {e.pastEvent && <> · {t('officer.event.pastEvent')}</>}
          </p>
          <p>{e.description}</p>
          <p class="muted">
            {t('officer.event.seats', {
              capacity: e.capacity,
              left: e.seatsLeft,
              deadline: dateTime(e.registrationDeadline),
              venue: e.venue ?? e.onlineUrl ?? '',
            })}
          </p>
          <Steps event={e} onDone={() => setVersion((v) => v + 1)} />
          <Registrations key={`r-${e.version}`} event={e} />
          {JUDGED.includes(e.kind) && <Judging event={e} />}
        </>
      )}
    </Page>
  );
}
