import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { download } from '../../api/download';
import { useLoad } from '../../api/use-load';
import { BulkResults, runEach, useSelection, type RowResult } from '../../components/bulk';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { day, month, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { AlertSummary, claimsAcrossProgrammes } from './common';

type Claim = Schemas['Claim'];
type Alert = Schemas['RiskAlert'];

/** The facts a claim was judged on, as the officer re-checks them. */
/** The papers the claim's programme asks for, each ticked when an available document backs it. */
function Checklist({ claim }: { claim: Claim }) {
  const checklist = useLoad(() => api.GET('/v1/claims/{id}/document-checklist', { params: { path: { id: claim.id } } }), [claim.id]);
  const items = checklist.data?.items ?? [];
  if (checklist.problem) return <ProblemMessage problem={checklist.problem} />;
  if (items.length === 0) return null;
  return (
    <ul class="plain checklist" aria-label={t('officer.claims.checklist')}>
      {items.map((item) => (
        <li key={item.type}>
          <span aria-hidden="true">{item.satisfied ? '✓ ' : '✗ '}</span>
          {t(item.satisfied ? 'officer.claims.paperThere' : 'officer.claims.paperMissing', { type: enumText(item.type) })}
        </li>
      ))}
    </ul>
  );
}

function Facts({ claim }: { claim: Claim }) {
  const f = claim.facts;
  return (
    <dl class="facts compact">
      <dt>{t('officer.queue.category')}</dt>
      <dd>{enumText(f.category)}</dd>
      {f.graduatedOn && (
        <>
          <dt>{t('officer.claims.graduatedOn')}</dt>
          <dd>{day(f.graduatedOn)}</dd>
        </>
      )}
      {f.veteranDischargedOn && (
        <>
          <dt>{t('officer.app.discharged')}</dt>
          <dd>{day(f.veteranDischargedOn)}</dd>
        </>
      )}
      {f.startupStatus && (
        <>
          <dt>{t('officer.claims.startupStatus')}</dt>
          <dd>{enumText(f.startupStatus)}</dd>
        </>
      )}
      {f.businessName && (
        <>
          <dt>{t('officer.claims.business')}</dt>
          <dd>
            {f.businessName}
            {f.creditCode ? ` (${f.creditCode})` : ''}
          </dd>
        </>
      )}
      {f.jobsVerified !== undefined && (
        <>
          <dt>{t('officer.claims.jobsVerified')}</dt>
          <dd>{f.jobsVerified}</dd>
        </>
      )}
      {f.certificateNumber && (
        <>
          <dt>{t('officer.claims.certificate')}</dt>
          <dd>
            {t('officer.claims.certificateLine', {
              number: f.certificateNumber,
              courseType: enumText(f.courseType ?? ''),
              certifiedOn: f.certifiedOn ?? '',
              deadline: f.claimDeadline ?? '',
              institution: f.institutionName ?? '',
              paidTo: enumText(f.paidTo ?? ''),
            })}
          </dd>
        </>
      )}
      {f.periods && (
        <>
          <dt>{t('officer.claims.periods')}</dt>
          <dd>{f.periods.map((p) => `${/^\d{4}-\d{2}$/.test(p.period) ? month(p.period) : p.period} ${yuan(p.amountFen)}`).join('；')}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * A training subsidy its institution claims: training institutions have no logins, so an officer
 * enters the claim for a trainee's certificate, paid to the institution's account; another officer verifies it.
 */
function InstitutionClaim({ programmes, onDone }: { programmes: Schemas['Programme'][]; onDone: () => void }) {
  const byInstitution = programmes.filter((p) => p.trainingSubsidy?.claimant === 'institution');
  const [form, setForm] = useState({ programmeId: '', applicantId: '', certificateNumber: '', bankName: '', accountName: '', accountNumber: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  if (byInstitution.length === 0) return null;
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const programmeId = form.programmeId || byInstitution[0]!.id;
  return (
    <section aria-labelledby="institution-claim-heading">
      <h2 id="institution-claim-heading">{t('officer.claims.institutionTitle')}</h2>
      <p>{t('officer.claims.institutionIntro')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setProblem(null);
          setDone(false);
          const { bankName, accountName, accountNumber, applicantId, certificateNumber } = form;
          const { error } = await api.POST('/v1/claims', {
            body: { programmeId, applicantId, certificateNumber, bankAccount: { bankName, accountName, accountNumber }, evidence: [] },
          });
          if (error) setProblem(asProblem(error));
          else {
            setDone(true);
            onDone();
          }
        }}
      >
        <ProblemMessage problem={problem} />
        {done && <p class="notice">{t('officer.claims.institutionDone')}</p>}
        <Field id="institution-claim-programme" label={t('officer.claims.institutionProgramme')}>
          {(p) => (
            <select {...p} value={programmeId} onChange={set('programmeId')}>
              {byInstitution.map((programme) => (
                <option key={programme.id} value={programme.id}>
                  {programme.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="institution-claim-applicant" label={t('officer.claims.traineeId')} error={fieldError(problem, 'body.applicantId')}>
          {(p) => <input {...p} value={form.applicantId} onInput={set('applicantId')} required />}
        </Field>
        <Field id="institution-claim-certificate" label={t('officer.claims.certificate')} error={fieldError(problem, 'body.certificateNumber')}>
          {(p) => <input {...p} value={form.certificateNumber} onInput={set('certificateNumber')} required />}
        </Field>
        <Field id="institution-claim-bank" label={t('claims.bankName')} error={fieldError(problem, 'body.bankAccount.bankName')}>
          {(p) => <input {...p} value={form.bankName} onInput={set('bankName')} required />}
        </Field>
        <Field
          id="institution-claim-account-name"
          label={t('claims.accountName')}
          hint={t('officer.claims.institutionAccountHint')}
          error={fieldError(problem, 'body.bankAccount.accountName')}
        >
          {(p) => <input {...p} value={form.accountName} onInput={set('accountName')} required />}
        </Field>
        <Field id="institution-claim-account-number" label={t('claims.accountNumber')} error={fieldError(problem, 'body.bankAccount.accountNumber')}>
          {(p) => <input {...p} value={form.accountNumber} onInput={set('accountNumber')} inputMode="numeric" required />}
        </Field>
        <button type="submit">{t('officer.claims.institutionSubmit')}</button>
      </form>
    </section>
  );
}

/** Claims to verify across programmes, with the facts they were judged on and any open risk alert; verified or rejected in bulk. */
export default function Claims() {
  const claims = useLoad(() => claimsAcrossProgrammes('submitted'));
  const alerts = useLoad(() => api.GET('/v1/risk-alerts', { params: { query: { status: 'open', limit: 100 } } }));
  const selection = useSelection();
  const [notes, setNotes] = useState('');
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [exportProblem, setExportProblem] = useState<Problem | null>(null);
  const items = [...(claims.data?.items ?? [])].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const chosen = items.filter((c) => selection.has(c.id));
  const alertsOf = (claim: Claim): Alert[] => (alerts.data?.items ?? []).filter((a) => a.claimIds?.includes(claim.id) || a.subjectId === claim.id);
  const label = (c: Claim) => t('officer.claims.rowLabel', { name: c.applicantNameMasked, id: c.idNumberMasked, programme: c.programmeName });

  const act = async (decision: 'verify' | 'reject') => {
    setBusy(true);
    setResults(
      await runEach(chosen, label, (c) =>
        api.POST('/v1/claims/{id}/verification', { params: { path: { id: c.id } }, body: notes.trim() ? { decision, notes: notes.trim() } : { decision } }),
      ),
    );
    setBusy(false);
    selection.clear();
    claims.reload();
    alerts.reload();
    document.getElementById('bulk-results')?.focus();
  };

  return (
    <Page title={t('officer.claims.title')}>
      <p>{t('officer.claims.intro')}</p>
      {claims.loading && !claims.data && <Loading />}
      <ProblemMessage problem={claims.problem ?? alerts.problem} />
      <div id="bulk-results" tabIndex={-1}>
        <BulkResults results={results} />
      </div>
      {claims.data && items.length === 0 && <p>{t('officer.claims.none')}</p>}
      {items.length > 0 && (
        <p class="actions">
          {[...new Map(items.map((c) => [c.programmeId, c.programmeName])).entries()].map(([programmeId, name]) => (
            <button
              key={programmeId}
              type="button"
              class="secondary"
              onClick={async () =>
                setExportProblem(await download('/v1/claims/export.csv', `claims-${programmeId}-submitted.csv`, { programmeId, status: 'submitted' }))
              }
            >
              {t('officer.claims.export', { programme: name })}
            </button>
          ))}
        </p>
      )}
      <ProblemMessage problem={exportProblem} />
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption>{t('officer.claims.caption', { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">{t('officer.queue.select')}</span>
                </th>
                <th scope="col">{t('officer.claims.claimant')}</th>
                <th scope="col">{t('officer.claims.programme')}</th>
                <th scope="col" class="num">
                  {t('officer.claims.amount')}
                </th>
                <th scope="col">{t('officer.claims.facts')}</th>
                <th scope="col">{t('officer.claims.risk')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const open = alertsOf(c);
                return (
                  <tr key={c.id}>
                    <td data-label={t('officer.queue.select')}>
                      <input
                        type="checkbox"
                        aria-label={t('officer.claims.selectOne', { label: label(c) })}
                        checked={selection.has(c.id)}
                        onChange={() => selection.toggle(c.id)}
                      />
                    </td>
                    <td data-label={t('officer.claims.claimant')}>
                      {c.applicantNameMasked}
                      <br />
                      <span class="muted">{c.idNumberMasked}</span>
                      {c.startupName && (
                        <>
                          <br />
                          {c.startupName}
                        </>
                      )}
                      <br />
                      <span class="muted">{t('officer.claims.submittedOn', { on: day(c.submittedAt) })}</span>
                    </td>
                    <td data-label={t('officer.claims.programme')}>
                      {c.programmeName}
                      <br />
                      <span class="muted">{enumText(c.programmeKind)}</span>
                    </td>
                    <td data-label={t('officer.claims.amount')} class="num">
                      {yuan(c.amountFen)}
                      <br />
                      <span class="muted">{c.amountBasis}</span>
                    </td>
                    <td data-label={t('officer.claims.facts')}>
                      <Facts claim={c} />
                      <Checklist claim={c} />
                    </td>
                    <td data-label={t('officer.claims.risk')}>
                      {open.length === 0 && c.openRiskAlerts === 0 ? (
                        t('officer.claims.noRisk')
                      ) : (
                        <>
                          <strong class="error">{t('officer.claims.openAlerts', { n: Math.max(open.length, c.openRiskAlerts) })}</strong>
                          <ul>
                            {open.map((a) => (
                              <li key={a.id}>
                                {enumText(a.rule)}: <AlertSummary alert={a} />
                              </li>
                            ))}
                          </ul>
                          <a href="/officer/risk-alerts">{t('officer.nav.alerts')}</a>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {items.length > 0 && (
        <section aria-labelledby="verify-heading">
          <h2 id="verify-heading">{t('officer.claims.decideTitle', { n: chosen.length })}</h2>
          <Field id="claims-notes" label={t('officer.claims.notes')} hint={t('officer.claims.notesHint')}>
            {(p) => <textarea {...p} rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} maxLength={500} />}
          </Field>
          <div class="actions">
            <button type="button" disabled={busy || chosen.length === 0} onClick={() => act('verify')}>
              {t('officer.claims.verify', { n: chosen.length })}
            </button>
            <button type="button" class="secondary" disabled={busy || chosen.length === 0} onClick={() => act('reject')}>
              {t('officer.claims.reject', { n: chosen.length })}
            </button>
          </div>
        </section>
      )}
      {claims.data?.more && <p class="muted">{t('officer.claims.more')}</p>}
      <InstitutionClaim programmes={claims.data?.programmes ?? []} onDone={claims.reload} />
    </Page>
  );
}
