import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso/router';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Documents } from '../../components/documents';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, day, month, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { claimsOfStartup } from './common';

type Startup = Schemas['Startup'];

function Actions({ startup, onDone }: { startup: Startup; onDone: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [graduate, setGraduate] = useState({ creditCode: '', businessName: '', reason: '' });
  const [exit, setExit] = useState<{ outcome: 'withdrawn' | 'terminated'; reason: string }>({ outcome: 'withdrawn', reason: '' });
  const done = (error: unknown) => {
    if (error) setProblem(asProblem(error));
    else {
      setProblem(null);
      onDone();
    }
  };
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('officer.startup.actions')}</h2>
      <ProblemMessage problem={problem} />
      {startup.status === 'approved' && (
        <button type="button" onClick={async () => done((await api.POST('/v1/startups/{id}/start', { params: { path: { id: startup.id } } })).error)}>
          {t('officer.startup.start')}
        </button>
      )}
      {startup.status === 'incubating' && (
        <>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const body = {
                creditCode: graduate.creditCode.trim(),
                reason: graduate.reason,
                ...(graduate.businessName.trim() ? { businessName: graduate.businessName.trim() } : {}),
              };
              done((await api.POST('/v1/startups/{id}/graduate', { params: { path: { id: startup.id } }, body })).error);
            }}
          >
            <h3>{t('officer.startup.graduateTitle')}</h3>
            <Field
              id="field-body-creditCode"
              label={t('officer.startup.creditCode')}
              hint={t('officer.startup.creditCodeHint')}
              error={fieldError(problem, 'body.creditCode')}
            >
              {(p) => (
                <input
                  {...p}
                  value={graduate.creditCode}
                  onInput={(e) => setGraduate({ ...graduate, creditCode: e.currentTarget.value })}
                  required
                  maxLength={18}
                />
              )}
            </Field>
            <Field id="field-body-businessName" label={t('officer.startup.businessName')} error={fieldError(problem, 'body.businessName')}>
              {(p) => <input {...p} value={graduate.businessName} onInput={(e) => setGraduate({ ...graduate, businessName: e.currentTarget.value })} />}
            </Field>
            <Field id="field-graduate-reason" label={t('officer.app.reason')} error={fieldError(problem, 'body.reason')}>
              {(p) => (
                <textarea {...p} rows={2} value={graduate.reason} onInput={(e) => setGraduate({ ...graduate, reason: e.currentTarget.value })} required />
              )}
            </Field>
            <button type="submit">{t('officer.startup.graduate')}</button>
          </form>
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              done((await api.POST('/v1/startups/{id}/exit', { params: { path: { id: startup.id } }, body: exit })).error);
            }}
          >
            <h3>{t('officer.startup.exitTitle')}</h3>
            <Field id="field-body-outcome" label={t('officer.startup.outcome')}>
              {(p) => (
                <select {...p} value={exit.outcome} onChange={(e) => setExit({ ...exit, outcome: e.currentTarget.value as 'withdrawn' | 'terminated' })}>
                  <option value="withdrawn">{enumText('withdrawn')}</option>
                  <option value="terminated">{enumText('terminated')}</option>
                </select>
              )}
            </Field>
            <Field id="field-exit-reason" label={t('officer.app.reason')} error={fieldError(problem, 'body.reason')}>
              {(p) => <textarea {...p} rows={2} value={exit.reason} onInput={(e) => setExit({ ...exit, reason: e.currentTarget.value })} required />}
            </Field>
            <button type="submit" class="secondary">
              {t('officer.startup.exit')}
            </button>
          </form>
        </>
      )}
      {startup.status !== 'approved' && startup.status !== 'incubating' && (
        <p>{t('officer.startup.left', { status: enumText(startup.status), at: dateTime(startup.leftAt) })}</p>
      )}
    </section>
  );
}

/** Mentor matching: active mentors with free places, the startup's sector first; one click assigns. */
function Mentors({ startup }: { startup: Startup }) {
  // Read again whenever the startup changes: graduating or leaving ends its mentoring.
  const assignments = useLoad(() => api.GET('/v1/assignments', { params: { query: { startupId: startup.id, limit: 50 } } }), [startup.id, startup.version]);
  const open = startup.status === 'approved' || startup.status === 'incubating';
  const suggestions = useLoad(
    async () => (open ? api.GET('/v1/startups/{id}/mentor-suggestions', { params: { path: { id: startup.id } } }) : { data: undefined }),
    [startup.id, startup.version, open],
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [endReasons, setEndReasons] = useState<Record<string, string>>({});
  const active = (assignments.data?.items ?? []).filter((a) => a.status === 'active');
  const assign = async (mentorId: string) => {
    setProblem(null);
    const { error } = await api.POST('/v1/assignments', { body: { mentorId, startupId: startup.id } });
    if (error) setProblem(asProblem(error));
    assignments.reload();
    suggestions.reload();
  };
  return (
    <section aria-labelledby="mentors-heading">
      <h2 id="mentors-heading">{t('officer.startup.mentors')}</h2>
      <ProblemMessage problem={assignments.problem ?? suggestions.problem ?? problem} />
      {assignments.data && (assignments.data.items.length === 0 ? <p>{t('officer.startup.noMentor')}</p> : null)}
      <ul>
        {assignments.data?.items.map((a) => (
          <li key={a.id}>
            {a.mentorName} · {enumText(a.status)} · {t('officer.startup.since', { on: day(a.startDate) })}
            {a.endReason && <span class="muted"> · {a.endReason}</span>}
            {a.status === 'active' && (
              <form
                class="inline"
                onSubmit={async (e) => {
                  e.preventDefault();
                  setProblem(null);
                  const { error } = await api.POST('/v1/assignments/{id}/end', { params: { path: { id: a.id } }, body: { reason: endReasons[a.id] ?? '' } });
                  if (error) setProblem(asProblem(error));
                  assignments.reload();
                  suggestions.reload();
                }}
              >
                <Field id={`end-${a.id}`} label={t('officer.startup.endReason', { name: a.mentorName })}>
                  {(p) => (
                    <input
                      {...p}
                      value={endReasons[a.id] ?? ''}
                      onInput={(e) => setEndReasons({ ...endReasons, [a.id]: e.currentTarget.value })}
                      required
                      maxLength={500}
                    />
                  )}
                </Field>
                <button type="submit" class="secondary">
                  {t('officer.startup.endAssignment', { name: a.mentorName })}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {open && suggestions.data && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.startup.suggestions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officer.app.name')}</th>
                <th scope="col">{t('officer.startup.why')}</th>
                <th scope="col" class="num">
                  {t('officer.startup.freeSlots')}
                </th>
                <th scope="col">
                  <span class="visually-hidden">{t('officer.startup.assignColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {suggestions.data.items.map((s) => (
                <tr key={s.mentor.id}>
                  <td data-label={t('officer.app.name')}>
                    {s.mentor.name}
                    <br />
                    <span class="muted">{s.mentor.organisation}</span>
                  </td>
                  <td data-label={t('officer.startup.why')}>
                    {s.coversSector ? t('officer.startup.coversSector', { sector: enumText(startup.sector) }) : s.mentor.sectors.map(enumText).join('、')}
                  </td>
                  <td data-label={t('officer.startup.freeSlots')} class="num">
                    {s.freeSlots}
                  </td>
                  <td>
                    {!active.some((a) => a.mentorId === s.mentor.id) && (
                      <button type="button" class="secondary" onClick={() => assign(s.mentor.id)}>
                        {t('officer.startup.assignMentor', { name: s.mentor.name })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** An officer checks a month's job report against its source (social insurance list, payroll) before it counts. */
function VerifyReport({ startupId, report, onDone }: { startupId: string; report: Schemas['JobReport']; onDone: () => void }) {
  const [evidence, setEvidence] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = `verify-${report.month}`;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.POST('/v1/startups/{id}/job-reports/{month}/verification', {
          params: { path: { id: startupId, month: report.month } },
          body: { evidenceReference: evidence },
        });
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <ProblemMessage problem={problem} />
      <Field
        id={id}
        label={t('officer.startup.evidence', { month: month(report.month) })}
        hint={t('officer.startup.evidenceHint')}
        error={fieldError(problem, 'body.evidenceReference')}
      >
        {(p) => <input {...p} value={evidence} onInput={(e) => setEvidence(e.currentTarget.value)} required minLength={4} maxLength={200} />}
      </Field>
      <button type="submit" class="secondary">
        {t('officer.startup.verifyReport', { month: month(report.month) })}
      </button>
    </form>
  );
}

/** What happened to the startup: its application, space, mentors' sessions, job reports and claims. */
function Timeline({ startup }: { startup: Startup }) {
  const data = useLoad(async () => {
    const [allocations, sessions, reports, claims] = await Promise.all([
      api.GET('/v1/allocations', { params: { query: { startupId: startup.id, limit: 100 } } }),
      api.GET('/v1/startups/{id}/sessions', { params: { path: { id: startup.id }, query: { limit: 100 } } }),
      api.GET('/v1/startups/{id}/job-reports', { params: { path: { id: startup.id }, query: { limit: 100 } } }),
      claimsOfStartup(startup.id),
    ]);
    const error = allocations.error ?? sessions.error ?? reports.error ?? claims.error;
    if (error) return { error };
    return {
      data: { allocations: allocations.data?.items ?? [], sessions: sessions.data?.items ?? [], reports: reports.data?.items ?? [], claims: claims.data ?? [] },
    };
  }, [startup.id, startup.version]);
  const d = data.data;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('officer.startup.timeline')}</h2>
      {data.loading && !d && <Loading />}
      <ProblemMessage problem={data.problem} />
      <p>
        <a href={`/officer/applications/${startup.applicationId}`}>{t('officer.startup.application')}</a>
      </p>
      {d && (
        <>
          <h3>{t('officer.startup.space')}</h3>
          {d.allocations.length === 0 ? (
            <p>{t('officer.startup.noSpace')}</p>
          ) : (
            <ul>
              {d.allocations.map((a) => (
                <li key={a.id}>
                  {t('officer.startup.allocation', {
                    unit: a.unitCode,
                    kind: enumText(a.unitKind),
                    from: month(a.fromMonth),
                    to: month(a.toMonth),
                    rent: yuan(a.monthlyRentFen),
                  })}{' '}
                  · {enumText(a.status)}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('officer.startup.sessions')}</h3>
          {d.sessions.length === 0 ? (
            <p>{t('officer.startup.noSessions')}</p>
          ) : (
            <ul>
              {d.sessions.map((s) => (
                <li key={s.id}>
                  {t('officer.startup.session', { on: day(s.date), minutes: s.minutes, mode: enumText(s.mode) })}
                  {s.confirmation ? ` · ${t('officer.startup.rated', { n: s.confirmation.rating })}` : ''}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('officer.startup.jobs')}</h3>
          {d.reports.length === 0 ? (
            <p>{t('officer.startup.noJobs')}</p>
          ) : (
            <ul>
              {d.reports.map((r) => (
                <li key={r.month}>
                  {t('officer.startup.report', { month: month(r.month), n: r.employees, graduates: r.collegeGraduatesEmployed })} · {enumText(r.status)}
                  {r.evidenceReference && <span class="muted"> · {r.evidenceReference}</span>}
                  {r.status === 'reported' && <VerifyReport startupId={startup.id} report={r} onDone={data.reload} />}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('officer.startup.claims')}</h3>
          {d.claims.length === 0 ? (
            <p>{t('officer.startup.noClaims')}</p>
          ) : (
            <ul>
              {d.claims.map((c) => (
                <li key={c.id}>
                  {c.programmeName} · {yuan(c.amountFen)} · {enumText(c.status)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** One startup: its facts and term, start / graduate / exit, mentor matching and its timeline. */
export default function OfficerStartup() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const [version, setVersion] = useState(0);
  const startup = useLoad(() => api.GET('/v1/startups/{id}', { params: { path: { id } } }), [id, version]);
  const s = startup.data;
  return (
    <Page title={s ? t('officer.startup.title', { name: s.name }) : t('officer.startups.title')}>
      <p>
        <a href="/officer/startups">{t('officer.startup.back')}</a>
      </p>
      {startup.loading && !s && <Loading />}
      <ProblemMessage problem={startup.problem} />
      {s && (
        <>
          <p>
            <span class="status">{enumText(s.status)}</span> {t('officer.startups.termValue', { from: day(s.incubationStart), to: day(s.incubationEnd) })}
          </p>
          <dl class="facts">
            <dt>{t('officer.queue.sector')}</dt>
            <dd>{enumText(s.sector)}</dd>
            <dt>{t('officer.app.space')}</dt>
            <dd>{t('officer.app.spaceValue', { kind: enumText(s.space.kind), n: s.space.count })}</dd>
            <dt>{t('officer.app.plannedJobs')}</dt>
            <dd>{s.plannedJobs}</dd>
            {s.creditCode && (
              <>
                <dt>{t('officer.startup.creditCode')}</dt>
                <dd>
                  {s.creditCode}
                  {s.businessName ? ` · ${s.businessName}` : ''}
                </dd>
              </>
            )}
          </dl>
          <Actions startup={s} onDone={() => setVersion((v) => v + 1)} />
          <Mentors startup={s} />
          <Documents
            recordType="startup"
            recordId={s.id}
            types={['inspection_photo', 'business_licence', 'lease', 'social_insurance_list', 'tax_record', 'other']}
            title={t('officer.startup.papers')}
          />
          <Timeline startup={s} />
        </>
      )}
    </Page>
  );
}
