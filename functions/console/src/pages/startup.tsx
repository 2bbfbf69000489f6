import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { Documents } from '../components/documents';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { beijingToday, day, month, yuan } from '../format';
import { incubationMonths } from '../months';
import { enumText, t } from '../i18n';

type Startup = Schemas['Startup'];

function JobReports({ startup }: { startup: Startup }) {
  const reports = useLoad(() => api.GET('/v1/startups/{id}/job-reports', { params: { path: { id: startup.id }, query: { limit: 100 } } }), [startup.id]);
  const today = beijingToday();
  const current = today.slice(0, 7);
  const [form, setForm] = useState({ employees: '', graduates: '', migrants: '', veterans: '', difficulty: '' });
  // The groups after college graduates are optional: the upward report counts the rest as others.
  const optional = (value: string) => (value === '' ? undefined : Number(value));
  const [problem, setProblem] = useState<Problem | null>(null);
  const byMonth = new Map((reports.data?.items ?? []).map((r) => [r.month, r]));
  const file = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    const { error } = await api.POST('/v1/startups/{id}/job-reports', {
      params: { path: { id: startup.id } },
      body: {
        month: current,
        employees: Number(form.employees),
        collegeGraduatesEmployed: Number(form.graduates),
        returningMigrantWorkersEmployed: optional(form.migrants),
        veteransEmployed: optional(form.veterans),
        employmentDifficultyEmployed: optional(form.difficulty),
      },
    });
    if (error) setProblem(asProblem(error));
    reports.reload();
  };
  return (
    <section aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">{t('startup.jobs')}</h2>
      <ul class="months">
        {incubationMonths(startup, today).map((m) => {
          const report = byMonth.get(m);
          return (
            <li key={m}>
              <strong>{month(m)}</strong>
              <br />
              {report
                ? `${enumText(report.status)} · ${t('startup.employees', { n: report.employees })}`
                : m === current
                  ? t('startup.due')
                  : t('startup.missing')}
            </li>
          );
        })}
      </ul>
      {startup.status === 'incubating' && !byMonth.has(current) && (
        <form onSubmit={file}>
          <h3>{t('startup.fileFor', { month: month(current) })}</h3>
          <ProblemMessage problem={problem} />
          <Field id="field-body-employees" label={t('startup.employeesLabel')} error={fieldError(problem, 'body.employees')}>
            {(p) => (
              <input {...p} type="number" min={0} value={form.employees} onInput={(e) => setForm({ ...form, employees: e.currentTarget.value })} required />
            )}
          </Field>
          <Field id="field-body-collegeGraduatesEmployed" label={t('startup.graduatesLabel')} error={fieldError(problem, 'body.collegeGraduatesEmployed')}>
            {(p) => (
              <input {...p} type="number" min={0} value={form.graduates} onInput={(e) => setForm({ ...form, graduates: e.currentTarget.value })} required />
            )}
          </Field>
          {(
            [
              ['migrants', 'returningMigrantWorkersEmployed', 'startup.migrantsLabel'],
              ['veterans', 'veteransEmployed', 'startup.veteransLabel'],
              ['difficulty', 'employmentDifficultyEmployed', 'startup.difficultyLabel'],
            ] as const
          ).map(([key, field, label]) => (
            <Field key={field} id={`field-body-${field}`} label={t(label)} error={fieldError(problem, `body.${field}`)}>
              {(p) => <input {...p} type="number" min={0} value={form[key]} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />}
            </Field>
          ))}
          <button type="submit">{t('startup.file')}</button>
        </form>
      )}
    </section>
  );
}

function Sessions({ startup }: { startup: Startup }) {
  const sessions = useLoad(() => api.GET('/v1/startups/{id}/sessions', { params: { path: { id: startup.id }, query: { limit: 50 } } }), [startup.id]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const confirm = async (id: string, rating: number) => {
    const { error } = await api.POST('/v1/sessions/{id}/confirmation', { params: { path: { id } }, body: { rating } });
    if (error) setProblem(asProblem(error));
    sessions.reload();
  };
  const items = sessions.data?.items ?? [];
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t('startup.sessions')}</h2>
      <ProblemMessage problem={problem} />
      {items.length === 0 && <p>{t('startup.noSessions')}</p>}
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            {day(s.date)} · {enumText(s.mode)} · {s.minutes} min · {s.topics.join('、')}{' '}
            {s.confirmation ? (
              <span class="status">{t('startup.rated', { rating: s.confirmation.rating })}</span>
            ) : (
              <span class="actions">
                {[5, 4, 3, 2, 1].map((r) => (
                  <button type="button" class="secondary" key={r} onClick={() => confirm(s.id, r)}>
                    {t('startup.confirmWith', { rating: r })}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** My startup: status, space allocated, mentors, sessions to confirm, the month grid of job reports. */
export default function StartupPage() {
  const mine = useLoad(() => api.GET('/v1/startups', { params: { query: { mine: 'true', limit: 5 } } }));
  const startup = mine.data?.items[0];
  const allocations = useLoad(
    async () => (startup ? api.GET('/v1/allocations', { params: { query: { startupId: startup.id } } }) : { data: undefined }),
    [startup?.id],
  );
  const mentors = useLoad(
    async () => (startup ? api.GET('/v1/assignments', { params: { query: { startupId: startup.id } } }) : { data: undefined }),
    [startup?.id],
  );
  return (
    <Page title={t('startup.title')}>
      {mine.loading && <Loading />}
      <ProblemMessage problem={mine.problem} />
      {mine.data && !startup && (
        <p>
          {t('startup.none')} <a href="/application">{t('nav.application')}</a>
        </p>
      )}
      {startup && (
        <>
          <dl class="facts">
            <dt>{t('startup.name')}</dt>
            <dd>{startup.name}</dd>
            <dt>{t('startup.status')}</dt>
            <dd>
              <span class="status">{enumText(startup.status)}</span>
            </dd>
            <dt>{t('startup.period')}</dt>
            <dd>
              {day(startup.incubationStart)} – {day(startup.incubationEnd)}
            </dd>
            <dt>{t('startup.space')}</dt>
            <dd>
              {(allocations.data?.items ?? [])
                .filter((a) => a.status === 'active')
                .map((a) => `${a.unitCode} (${enumText(a.unitKind)}, ${yuan(a.monthlyRentFen)}/${t('startup.month')})`)
                .join('；') || t('startup.noSpace', { kind: enumText(startup.space.kind), count: startup.space.count })}
            </dd>
            <dt>{t('startup.mentors')}</dt>
            <dd>
              {(mentors.data?.items ?? [])
                .filter((a) => a.status === 'active')
                .map((a) => a.mentorName)
                .join('、') || t('startup.noMentors')}
            </dd>
          </dl>
          <Sessions startup={startup} />
          <JobReports startup={startup} />
          <Documents
            recordType="startup"
            recordId={startup.id}
            types={['business_licence', 'lease', 'social_insurance_list', 'tax_record', 'other']}
            title={t('documents.ofStartup')}
          />
        </>
      )}
    </Page>
  );
}
