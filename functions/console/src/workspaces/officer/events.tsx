import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime } from '../../format';
import { enumText, t } from '../../i18n';

type Kind = Schemas['CreateEvent']['kind'];
type Status = Schemas['Event']['status'];
const KINDS: Kind[] = ['competition', 'salon', 'showcase', 'roadshow'];
const STATUSES: Status[] = ['draft', 'published', 'closed', 'completed', 'cancelled'];

/** A `datetime-local` value, read as Beijing time, as an instant. */
export function beijingInstant(local: string): string {
  return local ? new Date(`${local}:00+08:00`).toISOString() : '';
}

function CreateEvent() {
  const { route } = useLocation();
  const [form, setForm] = useState({
    kind: 'salon' as Kind,
    title: '',
    description: '',
    startsAt: '',
    endsAt: '',
    registrationDeadline: '',
    venue: '',
    capacity: '50',
    pastEvent: false,
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { data, error } = await api.POST('/v1/events', {
          body: {
            kind: form.kind,
            title: form.title,
            description: form.description,
            startsAt: beijingInstant(form.startsAt),
            endsAt: beijingInstant(form.endsAt),
            registrationDeadline: beijingInstant(form.registrationDeadline),
            ...(form.venue.trim() ? { venue: form.venue.trim() } : {}),
            capacity: Number(form.capacity),
            ...(form.pastEvent ? { pastEvent: true } : {}),
          },
        });
        if (error) setProblem(asProblem(error));
        else if (data) route(`/officer/events/${data.id}`);
      }}
    >
      <h2>{t('officer.events.create')}</h2>
      <ProblemMessage problem={problem} />
      <Field id="field-body-kind" label={t('officer.events.kind')}>
        {(p) => (
          <select {...p} value={form.kind} onChange={set('kind')}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {enumText(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="field-body-title" label={t('officer.events.eventTitle')} error={fieldError(problem, 'body.title')}>
        {(p) => <input {...p} value={form.title} onInput={set('title')} required />}
      </Field>
      <Field id="field-body-description" label={t('officer.events.description')} error={fieldError(problem, 'body.description')}>
        {(p) => <textarea {...p} rows={2} value={form.description} onInput={set('description')} required />}
      </Field>
      <Field id="field-body-startsAt" label={t('officer.events.startsAt')} hint={t('officer.events.beijing')} error={fieldError(problem, 'body.startsAt')}>
        {(p) => <input {...p} type="datetime-local" value={form.startsAt} onInput={set('startsAt')} required />}
      </Field>
      <Field id="field-body-endsAt" label={t('officer.events.endsAt')} error={fieldError(problem, 'body.endsAt')}>
        {(p) => <input {...p} type="datetime-local" value={form.endsAt} onInput={set('endsAt')} required />}
      </Field>
      <Field id="field-body-registrationDeadline" label={t('officer.events.deadline')} error={fieldError(problem, 'body.registrationDeadline')}>
        {(p) => <input {...p} type="datetime-local" value={form.registrationDeadline} onInput={set('registrationDeadline')} required />}
      </Field>
      <Field id="field-body-venue" label={t('officer.events.venue')} error={fieldError(problem, 'body.venue')}>
        {(p) => <input {...p} value={form.venue} onInput={set('venue')} />}
      </Field>
      <Field id="field-body-capacity" label={t('officer.events.capacity')} error={fieldError(problem, 'body.capacity')}>
        {(p) => <input {...p} type="number" min={1} value={form.capacity} onInput={set('capacity')} required />}
      </Field>
      <Field
        id="field-body-pastEvent"
        label={t('officer.events.pastEvent')}
        hint={t('officer.events.pastEventHint')}
        error={fieldError(problem, 'body.pastEvent')}
      >
        {(p) => <input {...p} type="checkbox" checked={form.pastEvent} onChange={(e) => setForm({ ...form, pastEvent: e.currentTarget.checked })} />}
      </Field>
      <button type="submit">{t('officer.events.createSubmit')}</button>
    </form>
  );
}

/** Events by status, soonest first, and a form for a new one (saved as a draft). */
export default function Events() {
  const [status, setStatus] = useState<Status | ''>('');
  const events = useLoad(() => api.GET('/v1/events', { params: { query: { limit: 100, ...(status ? { status } : {}) } } }), [status]);
  const items = events.data?.items ?? [];
  return (
    <Page title={t('officer.events.title')}>
      <Field id="filter-event-status" label={t('officer.queue.status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t('officer.queue.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumText(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {events.loading && <Loading />}
      <ProblemMessage problem={events.problem} />
      {events.data && items.length === 0 && <p>{t('officer.events.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.events.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.events.eventTitle')}</th>
                <th scope="col">{t('officer.events.kind')}</th>
                <th scope="col">{t('officer.events.startsAt')}</th>
                <th scope="col">{t('officer.queue.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t('officer.events.eventTitle')}>
                    <a href={`/officer/events/${e.id}`}>{e.title}</a>
                  </td>
                  <td data-label={t('officer.events.kind')}>{enumText(e.kind)}</td>
                  <td data-label={t('officer.events.startsAt')}>{dateTime(e.startsAt)}</td>
                  <td data-label={t('officer.queue.status')}>{enumText(e.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateEvent />
    </Page>
  );
}
