import { allPages } from '../../api/all-pages';
import { useRoute } from 'preact-iso/router';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { beijingToday, dateTime, day } from '../../format';
import { enumText, t } from '../../i18n';
import { correctable, DAILY_CAP_MINUTES, hours, useMe, type Session } from './data';

interface FormValues {
  date: string;
  hours: string;
  mode: 'in_person' | 'online' | 'phone';
  topics: string;
  notes: string;
  followUps: string;
}

const fromSession = (s: Session): FormValues => ({
  date: s.date,
  hours: hours(s.minutes),
  mode: s.mode,
  topics: s.topics.join('，'),
  notes: s.notes,
  followUps: s.followUps.join('\n'),
});

const toBody = (v: FormValues) => ({
  date: v.date,
  minutes: Math.round(Number(v.hours) * 60),
  mode: v.mode,
  topics: v.topics
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean),
  notes: v.notes.trim(),
  followUps: v.followUps
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean),
});

/**
 * The hours already logged on the form's Beijing day (all the mentor's startups, the corrected
 * session left out) plus this entry, against the 12-hour cap: shown as the mentor types.
 */
function DailyCap({
  id,
  mentorId,
  date,
  entryHours,
  except,
  refresh,
}: {
  id: string;
  mentorId: string;
  date: string;
  entryHours: string;
  except?: string;
  refresh: number;
}) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const logged = useLoad(async () => {
    if (!valid) return { data: undefined };
    // Every session of the month (a busy month may take more than one page), then that day's.
    return allPages<Session>(
      (cursor) => api.GET('/v1/mentors/{id}/sessions', { params: { path: { id: mentorId }, query: { month: date.slice(0, 7), limit: 100, cursor } } }),
      20,
    );
  }, [mentorId, date, refresh]);
  if (!valid || !logged.data) return null;
  const already = logged.data.filter((s) => s.date === date && s.id !== except).reduce((n, s) => n + s.minutes, 0);
  const entry = Math.max(0, Math.round(Number(entryHours || 0) * 60));
  const total = already + entry;
  const over = total > DAILY_CAP_MINUTES;
  return (
    <p class={over ? 'error' : 'hint'} role="status" aria-live="polite" id={id}>
      {over && <span aria-hidden="true">⚠ </span>}
      {t('mentor.cap', { day: day(date), already: hours(already), entry: hours(entry), total: hours(total), cap: hours(DAILY_CAP_MINUTES) })}
      {over ? ` ${t('mentor.capOver')}` : ''}
    </p>
  );
}

function SessionForm({
  mentorId,
  initial,
  except,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  mentorId: string;
  initial: FormValues;
  except?: string;
  submitLabel: string;
  onSubmit: (body: ReturnType<typeof toBody>) => Promise<Problem | null>;
  onCancel?: () => void;
}) {
  const [v, setV] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(0);
  const set = (name: keyof FormValues) => (e: Event) => setV({ ...v, [name]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const result = await onSubmit(toBody(v)).finally(() => setBusy(false));
    setProblem(result);
    if (!result) setSaved((n) => n + 1);
    if (!result && !except) setV({ ...initial });
  };
  const prefix = except ? `edit-${except}-` : '';
  return (
    <form onSubmit={submit}>
      <ProblemMessage problem={problem} />
      <Field id={`${prefix}field-body-date`} label={t('mentor.session.date')} hint={t('mentor.session.dateHint')} error={fieldError(problem, 'body.date')}>
        {(p) => <input {...p} type="date" max={beijingToday()} value={v.date} onInput={set('date')} required />}
      </Field>
      <Field
        id={`${prefix}field-body-minutes`}
        label={t('mentor.session.hours')}
        hint={t('mentor.session.hoursHint')}
        error={fieldError(problem, 'body.minutes')}
      >
        {(p) => (
          <input
            {...p}
            aria-describedby={[p['aria-describedby'], `${prefix}daily-cap`].filter(Boolean).join(' ')}
            type="number"
            min={0.25}
            max={8}
            step={0.25}
            value={v.hours}
            onInput={set('hours')}
            required
          />
        )}
      </Field>
      <DailyCap id={`${prefix}daily-cap`} mentorId={mentorId} date={v.date} entryHours={v.hours} except={except} refresh={saved} />
      <Field id={`${prefix}field-body-mode`} label={t('mentor.session.mode')} error={fieldError(problem, 'body.mode')}>
        {(p) => (
          <select {...p} value={v.mode} onChange={set('mode')}>
            {(['in_person', 'online', 'phone'] as const).map((m) => (
              <option key={m} value={m}>
                {enumText(m)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${prefix}field-body-topics`}
        label={t('mentor.session.topics')}
        hint={t('mentor.session.topicsHint')}
        error={fieldError(problem, 'body.topics')}
      >
        {(p) => <input {...p} value={v.topics} onInput={set('topics')} />}
      </Field>
      <Field id={`${prefix}field-body-notes`} label={t('mentor.session.notes')} error={fieldError(problem, 'body.notes')}>
        {(p) => <textarea {...p} rows={3} value={v.notes} onInput={set('notes')} maxLength={5000} />}
      </Field>
      <Field
        id={`${prefix}field-body-followUps`}
        label={t('mentor.session.followUps')}
        hint={t('mentor.session.followUpsHint')}
        error={fieldError(problem, 'body.followUps')}
      >
        {(p) => <textarea {...p} rows={2} value={v.followUps} onInput={set('followUps')} />}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('mentor.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** A panel's heading that takes the focus when the panel opens, so keyboard and screen-reader users land on it. */
function FocusedHeading({ id, focusKey, children }: { id: string; focusKey: string; children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusKey]);
  return (
    <h2 id={id} ref={heading} tabIndex={-1}>
      {children}
    </h2>
  );
}

/** One of my startups: its sessions (mine correctable within the window) and the form to log one. */
export default function StartupPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const me = useMe();
  const assignment = useLoad(() => api.GET('/v1/assignments/{id}', { params: { path: { id } } }), [id]);
  const a = assignment.data;
  const sessions = useLoad(
    async () => (a ? api.GET('/v1/startups/{id}/sessions', { params: { path: { id: a.startupId }, query: { limit: 100 } } }) : { data: undefined }),
    [a?.startupId],
  );
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const mentorId = me.data?.id;
  const log = async (body: ReturnType<typeof toBody>) => {
    setMessage('');
    const { error } = await api.POST('/v1/assignments/{id}/sessions', { params: { path: { id } }, body });
    if (error) return asProblem(error);
    setMessage(t('mentor.session.logged', { day: day(body.date), hours: hours(body.minutes) }));
    sessions.reload();
    return null;
  };
  const correct = (session: Session) => async (body: ReturnType<typeof toBody>) => {
    setMessage('');
    const { error } = await api.PATCH('/v1/sessions/{id}', {
      params: { path: { id: session.id }, header: { 'If-Match': `"${session.version}"` } },
      body,
    });
    if (error) return asProblem(error);
    setEditing(null);
    setMessage(t('mentor.session.corrected', { day: day(body.date) }));
    sessions.reload();
    return null;
  };
  const items = sessions.data?.items ?? [];
  return (
    <Page title={a ? t('mentor.startup.title', { name: a.startupName }) : t('mentor.startup')}>
      <p>
        <a href="/mentor/startups">{t('mentor.startup.back')}</a>
      </p>
      {(assignment.loading || me.loading) && <Loading />}
      <ProblemMessage problem={assignment.problem ?? me.problem ?? sessions.problem} />
      {a && (
        <dl class="facts">
          <dt>{t('mentor.since')}</dt>
          <dd>{day(a.startDate)}</dd>
          <dt>{t('mentor.assignmentStatus')}</dt>
          <dd>
            <span class="status">{enumText(a.status)}</span>
          </dd>
        </dl>
      )}
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      <h2>{t('mentor.sessions')}</h2>
      {sessions.data && items.length === 0 && <p>{t('mentor.sessions.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('mentor.sessions.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mentor.session.date')}</th>
                <th scope="col" class="num">
                  {t('mentor.session.hours')}
                </th>
                <th scope="col">{t('mentor.session.mode')}</th>
                <th scope="col">{t('mentor.session.topics')}</th>
                <th scope="col">{t('mentor.session.confirmation')}</th>
                <th scope="col">{t('mentor.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const mine = s.mentorId === mentorId;
                return (
                  <tr key={s.id}>
                    <td data-label={t('mentor.session.date')}>{day(s.date)}</td>
                    <td class="num" data-label={t('mentor.session.hours')}>
                      {hours(s.minutes)}
                    </td>
                    <td data-label={t('mentor.session.mode')}>{enumText(s.mode)}</td>
                    <td data-label={t('mentor.session.topics')}>{s.topics.join('、')}</td>
                    <td data-label={t('mentor.session.confirmation')}>
                      {s.confirmation ? t('mentor.session.rated', { rating: s.confirmation.rating }) : t('mentor.session.unconfirmed')}
                    </td>
                    <td data-label={t('mentor.actions')}>
                      {!mine ? (
                        t('mentor.session.otherMentor')
                      ) : correctable(s) ? (
                        <>
                          <button type="button" class="secondary" onClick={() => setEditing(s.id)}>
                            {t('mentor.session.correct', { day: day(s.date) })}
                          </button>
                          <br />
                          <span class="muted">{t('mentor.correctUntil', { day: dateTime(s.editableUntil) })}</span>
                        </>
                      ) : (
                        t('mentor.session.locked')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {mentorId &&
        editing &&
        (() => {
          const session = items.find((s) => s.id === editing);
          if (!session) return null;
          return (
            <section class="notice" aria-labelledby="correct-heading">
              <FocusedHeading id="correct-heading" focusKey={session.id}>
                {t('mentor.session.correctTitle', { day: day(session.date) })}
              </FocusedHeading>
              <SessionForm
                key={session.id}
                mentorId={mentorId}
                initial={fromSession(session)}
                except={session.id}
                submitLabel={t('mentor.session.saveCorrection')}
                onSubmit={correct(session)}
                onCancel={() => setEditing(null)}
              />
            </section>
          );
        })()}
      {mentorId && a?.status === 'active' && (
        <section aria-labelledby="log-heading">
          <h2 id="log-heading">{t('mentor.session.logTitle')}</h2>
          <SessionForm
            mentorId={mentorId}
            initial={{ date: beijingToday(), hours: '1', mode: 'in_person', topics: '', notes: '', followUps: '' }}
            submitLabel={t('mentor.session.log')}
            onSubmit={log}
          />
        </section>
      )}
    </Page>
  );
}
