import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { hasRole, signedIn } from '../auth/session';
import { Loading, Page } from '../components/page';
import { ProblemMessage } from '../components/problem';
import { dateTime } from '../format';
import { enumText, t } from '../i18n';

type Registration = Schemas['EventRegistration'];

function RegistrationControl({ event, onChange }: { event: Schemas['PublicEvent']; onChange: () => void }) {
  const mine = useLoad(() => api.GET('/v1/events/{id}/registrations', { params: { path: { id: event.id } } }), [event.id]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const current: Registration | undefined = mine.data?.items.find((r) => r.status !== 'cancelled');
  const register = async () => {
    setProblem(null);
    const { error } = await api.POST('/v1/events/{id}/registrations', { params: { path: { id: event.id } }, body: {} });
    if (error) setProblem(asProblem(error));
    mine.reload();
    onChange();
  };
  const cancel = async (registration: Registration) => {
    setProblem(null);
    const { error } = await api.DELETE('/v1/events/{id}/registrations/{registrationId}', {
      params: { path: { id: event.id, registrationId: registration.id } },
    });
    if (error) setProblem(asProblem(error));
    mine.reload();
    onChange();
  };
  return (
    <div>
      {current ? (
        <>
          <p class="ok" role="status">
            {current.status === 'waitlisted'
              ? t('events.waitlisted', { position: current.waitlistPosition ?? '' })
              : t('events.youAre', { status: enumText(current.status) })}
          </p>
          <button type="button" class="secondary" onClick={() => cancel(current)}>
            {t('events.cancel', { title: event.title })}
          </button>
        </>
      ) : (
        !mine.loading && (
          <button type="button" onClick={register}>
            {event.seatsLeft > 0 ? t('events.register', { title: event.title }) : t('events.joinWaitlist', { title: event.title })}
          </button>
        )
      )}
      <ProblemMessage problem={problem} />
    </div>
  );
}

/** Upcoming events with the seats left; a founder registers, joins the waiting list or cancels. */
export default function Events() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const events = useLoad(() => api.GET('/v1/public/events', { params: { query: { limit: 20, cursor } } }), [cursor]);
  return (
    <Page title={t('events.title')}>
      {events.loading && <Loading />}
      <ProblemMessage problem={events.problem} />
      {events.data && events.data.items.length === 0 && <p>{t('events.none')}</p>}
      <ul class="cards">
        {events.data?.items.map((event) => (
          <li class="card" key={event.id}>
            <h2>{event.title}</h2>
            <p class="muted">{enumText(event.kind)}</p>
            <dl class="facts">
              <dt>{t('events.when')}</dt>
              <dd>{dateTime(event.startsAt)}</dd>
              <dt>{t('events.where')}</dt>
              <dd>{event.venue ?? t('events.online')}</dd>
              <dt>{t('events.deadline')}</dt>
              <dd>{dateTime(event.registrationDeadline)}</dd>
              <dt>{t('events.seatsLeft')}</dt>
              <dd>{event.seatsLeft > 0 ? t('events.seats', { left: event.seatsLeft, capacity: event.capacity }) : t('events.full')}</dd>
            </dl>
            <p>{event.description}</p>
            {hasRole('applicant') && <RegistrationControl event={event} onChange={events.reload} />}
            {!signedIn.value && (
              <p>
                <a href="/sign-in">{t('events.signInToRegister')}</a>
              </p>
            )}
          </li>
        ))}
      </ul>
      {events.data?.nextCursor && (
        <button type="button" class="secondary" onClick={() => setCursor(events.data?.nextCursor ?? undefined)}>
          {t('common.more')}
        </button>
      )}
    </Page>
  );
}
