import { useEffect, useRef, useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { Documents } from '../components/documents';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { dateTime } from '../format';
import { actionText, enumText, t, type MessageKey } from '../i18n';

type Application = Schemas['Application'];
const SECTORS = ['it_services', 'exhibition_services', 'culture_tourism', 'elderly_care_home_services', 'modern_agriculture', 'other'] as const;
const STEPS = ['project', 'team', 'check'] as const;

function Timeline({ id, version }: { id: string; version: number }) {
  const history = useLoad(() => api.GET('/v1/applications/{id}/history', { params: { path: { id }, query: { limit: 50 } } }), [id, version]);
  if (!history.data) return null;
  return (
    <>
      <h2>{t('application.timeline')}</h2>
      <ol class="timeline">
        {history.data.items.map((entry) => (
          <li key={entry.at + entry.action}>
            <strong>{actionText(entry.action)}</strong> <span class="muted">{dateTime(entry.at)}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

function Wizard({ application, etag, onSaved }: { application: Application; etag: string; onSaved: () => void }) {
  const [step, setStep] = useState<(typeof STEPS)[number]>('project');
  const [form, setForm] = useState({
    projectName: application.projectName,
    summary: application.summary ?? '',
    sector: application.sector ?? 'it_services',
    plannedJobs: String(application.plannedJobs ?? 1),
    teamName: application.team?.[0]?.name ?? '',
    spaceKind: application.space?.kind ?? 'desk',
    spaceCount: String(application.space?.count ?? 1),
    businessPlan: application.businessPlan ?? '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  // One save at a time: a second click while the first is in flight would send a stale If-Match.
  const [busy, setBusy] = useState(false);
  // The version this draft is at: each save answers with the next ETag, sent back on the next save.
  const version = useRef(etag);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => stepHeading.current?.focus(), [step]);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });

  const save = async (): Promise<boolean> => {
    setProblem(null);
    // Only what has been filled in: a draft may be incomplete, submission checks the rest.
    const body: Schemas['UpdateApplication'] = {
      projectName: form.projectName,
      sector: form.sector as Application['sector'],
      plannedJobs: Number(form.plannedJobs),
      space: { kind: form.spaceKind as 'desk' | 'office', count: Number(form.spaceCount) },
      ...(form.summary.trim() ? { summary: form.summary } : {}),
      ...(form.teamName.trim() ? { team: [{ name: form.teamName, role: 'founder', isCollegeGraduate: true }] } : {}),
      ...(form.businessPlan.trim() ? { businessPlan: form.businessPlan } : {}),
    };
    const { error, response } = await api.PATCH('/v1/applications/{id}', {
      params: { path: { id: application.id }, header: { 'If-Match': version.current } },
      body,
    });
    if (error) {
      setProblem(asProblem(error));
      return false;
    }
    version.current = response.headers.get('etag') ?? version.current;
    setSaved(true);
    return true;
  };
  const next = async (to: (typeof STEPS)[number]) => {
    if (busy) return;
    setBusy(true);
    const ok = await save().finally(() => setBusy(false));
    if (ok) {
      setStep(to);
      // The timeline shows the save; the wizard keeps its step and the version it saved at.
      onSaved();
    }
  };
  const submit = async () => {
    if (busy) return;
    setProblem(null);
    setBusy(true);
    const { error } = await api.POST('/v1/applications/{id}/submit', { params: { path: { id: application.id } } }).finally(() => setBusy(false));
    if (error) setProblem(asProblem(error));
    else onSaved();
  };
  const index = STEPS.indexOf(step);
  return (
    <section aria-labelledby="step-heading">
      <p class="muted">{t('application.step', { n: index + 1, of: STEPS.length })}</p>
      <h2 id="step-heading" ref={stepHeading} tabIndex={-1}>
        {t(`application.step.${step}` as MessageKey)}
      </h2>
      <ProblemMessage problem={problem} />
      {saved && !problem && (
        <p class="ok" role="status">
          {t('application.saved')}
        </p>
      )}
      {step === 'project' && (
        <>
          <Field id="field-body-projectName" label={t('application.projectName')} error={fieldError(problem, 'body.projectName')}>
            {(p) => <input {...p} value={form.projectName} onInput={set('projectName')} required />}
          </Field>
          <Field id="field-body-summary" label={t('application.summary')} error={fieldError(problem, 'body.summary')}>
            {(p) => <textarea {...p} value={form.summary} onInput={set('summary')} rows={3} />}
          </Field>
          <Field id="field-body-sector" label={t('application.sector')} error={fieldError(problem, 'body.sector')}>
            {(p) => (
              <select {...p} value={form.sector} onChange={set('sector')}>
                {SECTORS.map((s) => (
                  <option key={s} value={s}>
                    {enumText(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => next('team')}>
              {t('application.saveContinue')}
            </button>
          </div>
        </>
      )}
      {step === 'team' && (
        <>
          <Field id="field-body-team" label={t('application.teamName')} error={fieldError(problem, 'body.team')}>
            {(p) => <input {...p} value={form.teamName} onInput={set('teamName')} />}
          </Field>
          <Field id="field-body-plannedJobs" label={t('application.plannedJobs')} error={fieldError(problem, 'body.plannedJobs')}>
            {(p) => <input {...p} type="number" min={0} value={form.plannedJobs} onInput={set('plannedJobs')} />}
          </Field>
          <Field id="field-body-space-kind" label={t('application.spaceKind')} error={fieldError(problem, 'body.space')}>
            {(p) => (
              <select {...p} value={form.spaceKind} onChange={set('spaceKind')}>
                <option value="desk">{enumText('desk')}</option>
                <option value="office">{enumText('office')}</option>
              </select>
            )}
          </Field>
          <Field id="field-body-space-count" label={t('application.spaceCount')}>
            {(p) => <input {...p} type="number" min={1} value={form.spaceCount} onInput={set('spaceCount')} />}
          </Field>
          <Field id="field-body-businessPlan" label={t('application.businessPlan')} error={fieldError(problem, 'body.businessPlan')}>
            {(p) => <textarea {...p} value={form.businessPlan} onInput={set('businessPlan')} rows={4} />}
          </Field>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setStep('project')}>
              {t('common.back')}
            </button>
            <button type="button" disabled={busy} onClick={() => next('check')}>
              {t('application.saveContinue')}
            </button>
          </div>
        </>
      )}
      {step === 'check' && (
        <>
          <dl class="facts">
            <dt>{t('application.projectName')}</dt>
            <dd>{form.projectName}</dd>
            <dt>{t('application.sector')}</dt>
            <dd>{enumText(form.sector)}</dd>
            <dt>{t('application.teamName')}</dt>
            <dd>{form.teamName}</dd>
            <dt>{t('application.plannedJobs')}</dt>
            <dd>{form.plannedJobs}</dd>
            <dt>{t('application.spaceKind')}</dt>
            <dd>
              {enumText(form.spaceKind)} × {form.spaceCount}
            </dd>
          </dl>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => setStep('team')}>
              {t('common.back')}
            </button>
            <button type="button" disabled={busy} onClick={submit}>
              {t('application.submit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Start({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const { error } = await api.POST('/v1/applications', { body: { projectName: name } });
        if (error) setProblem(asProblem(error));
        else onCreated();
      }}
    >
      <p>{t('application.intro')}</p>
      <ProblemMessage problem={problem} />
      <Field id="field-body-projectName" label={t('application.projectName')} error={fieldError(problem, 'body.projectName')}>
        {(p) => <input {...p} value={name} onInput={(e) => setName(e.currentTarget.value)} required />}
      </Field>
      <button type="submit">{t('application.start')}</button>
    </form>
  );
}

/** The application wizard: a draft saved at each step (If-Match), submit, withdraw, the timeline. */
export default function ApplicationPage() {
  const list = useLoad(() => api.GET('/v1/applications', { params: { query: { mine: 'true', limit: 10 } } }));
  const current = list.data?.items.find((a) => a.status !== 'withdrawn') ?? list.data?.items[0];
  const detail = useLoad(async () => {
    if (!current) return { data: undefined };
    const { data, error, response } = await api.GET('/v1/applications/{id}', { params: { path: { id: current.id } } });
    return error ? { error } : { data: { application: data as Application, etag: response.headers.get('etag') ?? '' } };
  }, [current?.id, current?.version]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const withdraw = async (id: string) => {
    const { error } = await api.POST('/v1/applications/{id}/withdraw', { params: { path: { id } } });
    if (error) setProblem(asProblem(error));
    list.reload();
  };
  const application = detail.data?.application;
  return (
    <Page title={t('application.title')}>
      {(list.loading || detail.loading) && <Loading />}
      <ProblemMessage problem={list.problem ?? detail.problem ?? problem} />
      {list.data && !current && <Start onCreated={list.reload} />}
      {application && (
        <>
          <p>
            {t('application.project', { name: application.projectName })} <span class="status">{enumText(application.status)}</span>
          </p>
          {application.status === 'draft' && detail.data && <Wizard application={application} etag={detail.data.etag} onSaved={list.reload} />}
          {application.status === 'approved' && (
            <p class="notice">
              {t('application.approvedNext')} <a href="/startup">{t('nav.startup')}</a>
            </p>
          )}
          {application.status === 'rejected' && application.decisionReason && <p class="notice">{application.decisionReason}</p>}
          {(application.status === 'submitted' || application.status === 'under_review') && (
            <p class="notice" role="status">
              {t('application.submittedNext', { id: application.id })}
            </p>
          )}
          {(application.status === 'submitted' || application.status === 'under_review') && (
            <div class="actions">
              <button type="button" class="secondary" onClick={() => withdraw(application.id)}>
                {t('application.withdraw')}
              </button>
            </div>
          )}
          {['draft', 'submitted', 'under_review'].includes(application.status) && (
            <Documents recordType="application" recordId={application.id} types={['business_plan', 'other']} title={t('documents.ofApplication')} />
          )}
          {application.status === 'withdrawn' && <Start onCreated={list.reload} />}
          <Timeline id={application.id} version={application.version} />
        </>
      )}
    </Page>
  );
}
