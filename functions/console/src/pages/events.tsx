import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { hasRole, signedIn } from '../auth/session';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { Field } from '../components/field';
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

/** A founder enters their startup in a competition or roadshow: a pitch title and a summary for the judges. */
function EntryForm({ event, startupId }: { event: Schemas['PublicEvent']; startupId: string }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ pitchTitle: '', summary: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [entered, setEntered] = useState<string | null>(null);
  const id = `entry-${event.id}`;
  if (entered)
    return (
      <p class="ok" role="status">
        {t('events.entered', { title: entered })}
      </p>
    );
  if (!open)
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t('events.enter', { title: event.title })}
      </button>
    );
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { data, error } = await api.POST('/v1/events/{id}/entries', { params: { path: { id: event.id } }, body: { startupId, ...form } });
        if (error || !data) setProblem(asProblem(error));
        else setEntered(data.pitchTitle);
      }}
    >
      <h3>{t('events.enterHeading')}</h3>
      <ProblemMessage problem={problem} />
      <Field id={`${id}-title`} label={t('events.pitchTitle')} error={fieldError(problem, 'body.pitchTitle')}>
        {(p) => <input {...p} value={form.pitchTitle} maxLength={120} onInput={(e) => setForm({ ...form, pitchTitle: e.currentTarget.value })} required />}
      </Field>
      <Field id={`${id}-summary`} label={t('events.pitchSummary')} hint={t('events.pitchSummaryHint')} error={fieldError(problem, 'body.summary')}>
        {(p) => (
          <textarea {...p} value={form.summary} maxLength={2000} rows={4} onInput={(e) => setForm({ ...form, summary: e.currentTarget.value })} required />
        )}
      </Field>
      <button type="submit">{t('events.enterSubmit')}</button>
    </form>
  );
}

/** Upcoming events with the seats left; a founder registers, joins the waiting list or cancels, and enters a competition. */
export default function Events() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const events = useLoad(() => api.GET('/v1/public/events', { params: { query: { limit: 20, cursor } } }), [cursor]);
  // A founder's startup in the programme (approved or incubating) may enter competitions and roadshows.
  const startup = useLoad(async () => {
    if (!hasRole('applicant')) return { data: undefined };
    const { data, error } = await api.GET('/v1/startups', { params: { query: { mine: 'true', limit: 1 } } });
    return error ? { error } : { data: data.items.find((s) => s.status === 'approved' || s.status === 'incubating') };
  });
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
            {hasRole('applicant') && startup.data && (event.kind === 'competition' || event.kind === 'roadshow') && (
              <EntryForm event={event} startupId={startup.data.id} />
            )}
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
