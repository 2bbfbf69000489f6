import { useEffect, useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Documents, size } from '../components/documents';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { beijingToday, dateTime, day, yuan } from '../format';
import { enumText, t } from '../i18n';

/**
 * The papers the programme's checklist names: for each type, one of my available documents (of my
 * profile or my startup) to send as evidence, or, when I have none yet, the place to upload one.
 */
function Checklist({ programme, startupId, onEvidence }: { programme: Schemas['Programme']; startupId?: string; onEvidence: (ids: string[]) => void }) {
  const required = programme.requiredDocuments ?? [];
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const papers = useLoad(async () => {
    const me = await api.GET('/v1/applicants/me');
    if (me.error) return { error: me.error };
    const records = [
      { recordType: 'applicant' as const, recordId: me.data.id },
      ...(startupId ? [{ recordType: 'startup' as const, recordId: startupId }] : []),
    ];
    const lists = await Promise.all(records.map((record) => api.GET('/v1/documents', { params: { query: { ...record, limit: 50 } } })));
    const failed = lists.find((list) => list.error);
    if (failed) return { error: failed.error };
    return { data: { applicantId: me.data.id, documents: lists.flatMap((list) => list.data?.items ?? []).filter((d) => d.status === 'available') } };
  }, [startupId]);
  const pick = (type: string) => chosen[type] ?? papers.data?.documents.find((d) => d.type === type)?.id;
  useEffect(() => onEvidence(required.map(pick).filter((doc): doc is string => Boolean(doc))), [papers.data, chosen]);
  if (required.length === 0) return null;
  const id = `claim-${programme.id}`;
  return (
    <fieldset>
      <legend>{t('claims.checklist')}</legend>
      <ProblemMessage problem={papers.problem} />
      {required.map((type) => {
        const mine = papers.data?.documents.filter((d) => d.type === type) ?? [];
        if (papers.data && mine.length === 0)
          return (
            <div key={type}>
              <p class="notice">{t('claims.missingPaper', { type: enumText(type) })}</p>
              <Documents
                recordType={startupId ? 'startup' : 'applicant'}
                recordId={startupId ?? papers.data.applicantId}
                types={[type]}
                title={t('claims.uploadPaper', { type: enumText(type) })}
                onChange={papers.reload}
              />
            </div>
          );
        const value = pick(type) ?? '';
        return (
          <Field key={type} id={`${id}-paper-${type}`} label={enumText(type)}>
            {(p) => (
              <select {...p} value={value} onChange={(e) => setChosen({ ...chosen, [type]: e.currentTarget.value })}>
                {mine.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.fileName} · {size(d.size)} · {day(d.uploadedAt)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}

function ClaimForm({ programme, startupId, onDone }: { programme: Schemas['Programme']; startupId?: string; onDone: () => void }) {
  const [bank, setBank] = useState({ bankName: '', accountName: '', accountNumber: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [evidence, setEvidence] = useState<string[]>([]);
  const [certificateNumber, setCertificateNumber] = useState('');
  const training = programme.kind === 'training_subsidy';
  const id = `claim-${programme.id}`;
  const set = (key: keyof typeof bank) => (e: { currentTarget: { value: string } }) => setBank({ ...bank, [key]: e.currentTarget.value });
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.POST('/v1/claims', {
          body: { programmeId: programme.id, ...(startupId ? { startupId } : {}), ...(training ? { certificateNumber } : {}), bankAccount: bank, evidence },
        });
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <ProblemMessage problem={problem} />
      <Checklist programme={programme} startupId={startupId} onEvidence={setEvidence} />
      {training && (
        <Field
          id={`${id}-certificateNumber`}
          label={t('claims.certificateNumber')}
          hint={t('claims.certificateNumberHint')}
          error={fieldError(problem, 'body.certificateNumber')}
        >
          {(p) => <input {...p} value={certificateNumber} onInput={(e) => setCertificateNumber(e.currentTarget.value)} required />}
        </Field>
      )}
      <Field id={`${id}-bankName`} label={t('claims.bankName')} error={fieldError(problem, 'body.bankAccount.bankName')}>
        {(p) => <input {...p} value={bank.bankName} onInput={set('bankName')} required />}
      </Field>
      <Field
        id={`${id}-accountName`}
        label={t('claims.accountName')}
        hint={t('claims.accountNameHint')}
        error={fieldError(problem, 'body.bankAccount.accountName')}
      >
        {(p) => <input {...p} value={bank.accountName} onInput={set('accountName')} required />}
      </Field>
      <Field id={`${id}-accountNumber`} label={t('claims.accountNumber')} error={fieldError(problem, 'body.bankAccount.accountNumber')}>
        {(p) => <input {...p} value={bank.accountNumber} onInput={set('accountNumber')} inputMode="numeric" required />}
      </Field>
      <button type="submit">{t('claims.submit', { name: programme.name })}</button>
    </form>
  );
}

function CorrectBankAccount({ claim, onDone }: { claim: Schemas['Claim']; onDone: () => void }) {
  const [bank, setBank] = useState({ bankName: claim.bankAccount.bankName, accountName: claim.bankAccount.accountName, accountNumber: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = `correct-${claim.id}`;
  const set = (key: keyof typeof bank) => (e: { currentTarget: { value: string } }) => setBank({ ...bank, [key]: e.currentTarget.value });
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.PUT('/v1/claims/{id}/bank-account', {
          params: { path: { id: claim.id }, header: { 'If-Match': `"${claim.version}"` } },
          body: bank,
        });
        if (error) setProblem(asProblem(error));
        else onDone();
      }}
    >
      <h4>{t('claims.correct')}</h4>
      <ProblemMessage problem={problem} />
      <Field id={`${id}-bankName`} label={t('claims.bankName')} error={fieldError(problem, 'body.bankName')}>
        {(p) => <input {...p} value={bank.bankName} onInput={set('bankName')} required />}
      </Field>
      <Field id={`${id}-accountName`} label={t('claims.accountName')} hint={t('claims.accountNameHint')} error={fieldError(problem, 'body.accountName')}>
        {(p) => <input {...p} value={bank.accountName} onInput={set('accountName')} required />}
      </Field>
      <Field id={`${id}-accountNumber`} label={t('claims.accountNumber')} error={fieldError(problem, 'body.accountNumber')}>
        {(p) => <input {...p} value={bank.accountNumber} onInput={set('accountNumber')} inputMode="numeric" required />}
      </Field>
      <button type="submit">{t('claims.correctSubmit')}</button>
    </form>
  );
}

type Closed = 'notYet' | 'closed' | 'notForMe' | 'needsIncubating' | 'byInstitution';

/**
 * Why a programme is not open to me today, on the facts the console knows: its window in Beijing
 * time, the categories it admits (my profile's), whether it wants an incubating startup, whether its training institution claims it. Null when
 * open. The API checks every rule again (and the others, such as a business or job reports) on claiming.
 */
export function closedToMe(
  programme: Pick<Schemas['Programme'], 'opensOn' | 'closesOn' | 'eligibility' | 'trainingSubsidy'>,
  me: { category?: string; startupStatus?: string },
  today = beijingToday(),
): Closed | null {
  if (today < programme.opensOn) return 'notYet';
  if (today > programme.closesOn) return 'closed';
  // The training institution claims it (an officer enters its claim): not the trainee.
  if (programme.trainingSubsidy?.claimant === 'institution') return 'byInstitution';
  const categories = programme.eligibility.categories ?? [];
  // With no profile read, the category is not known: the programme is not hidden for it.
  if (categories.length > 0 && me.category && !categories.includes(me.category as (typeof categories)[number])) return 'notForMe';
  if (programme.eligibility.requiresIncubating && me.startupStatus !== 'incubating') return 'needsIncubating';
  return null;
}

/** Programmes to claim (those open to me, or all), and my claims: amount and its basis, disclosure, payment, rejection. */
export default function Claims() {
  const programmes = useLoad(() => api.GET('/v1/programmes', { params: { query: { limit: 50 } } }));
  const claims = useLoad(() => api.GET('/v1/claims', { params: { query: { mine: 'true', limit: 50 } } }));
  const startups = useLoad(() => api.GET('/v1/startups', { params: { query: { mine: 'true', limit: 1 } } }));
  // Without a profile (404) nothing is known of my category; the page still lists programmes.
  const profile = useLoad(() => api.GET('/v1/applicants/me'));
  const [claiming, setClaiming] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const me = { category: profile.data?.category, startupStatus: startups.data?.items[0]?.status };
  const all = programmes.data?.items ?? [];
  const open = all.filter((programme) => closedToMe(programme, me) === null);
  const listed = showAll ? all : open;
  // A rejected claim holds nothing: the person may send a corrected one.
  const claimed = new Set((claims.data?.items ?? []).filter((c) => c.status !== 'rejected').map((c) => c.programmeId));
  return (
    <Page title={t('claims.title')}>
      {(programmes.loading || claims.loading) && <Loading />}
      <ProblemMessage problem={programmes.problem ?? claims.problem} />
      <h2>{t('claims.mine')}</h2>
      {claims.data && claims.data.items.length === 0 && <p>{t('claims.noneYet')}</p>}
      <ul class="cards">
        {claims.data?.items.map((claim) => (
          <li class="card" key={claim.id}>
            <h3>{claim.programmeName}</h3>
            <p>
              <span class="status">{enumText(claim.status)}</span> {yuan(claim.amountFen)}
            </p>
            <p class="muted">{claim.amountBasis}</p>
            {claim.noticeNumber && (
              <p>
                {t('claims.inNotice', { number: claim.noticeNumber, from: day(claim.disclosureStartsAt), to: day(claim.disclosureEndsAt) })}{' '}
                <a href="/notices">{t('nav.notices')}</a>
              </p>
            )}
            {claim.rejectionReason && <p class="notice">{t('claims.rejected', { reason: claim.rejectionReason })}</p>}
            {claim.paidAt && <p class="ok">{t('claims.paidAt', { at: dateTime(claim.paidAt) })}</p>}
            <p class="muted">{t('claims.account', { bank: claim.bankAccount.bankName, number: claim.bankAccount.accountNumberMasked })}</p>
            {claim.status === 'payment_failed' && (
              <>
                <p class="notice">{t('claims.paymentFailed')}</p>
                <CorrectBankAccount claim={claim} onDone={claims.reload} />
              </>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('claims.programmes')}</h2>
      {programmes.data && (
        <p role="status">{open.length === 0 ? t('claims.noneOpen', { total: all.length }) : t('claims.openCount', { open: open.length, total: all.length })}</p>
      )}
      <p>
        <label>
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} /> {t('claims.showAll')}
        </label>
      </p>
      <ul class="cards">
        {listed.map((programme) => {
          const closed = closedToMe(programme, me);
          return (
            <li class="card" key={programme.id}>
              <h3>{programme.name}</h3>
              <p class="muted">
                {enumText(programme.kind)} · {programme.policy}
              </p>
              <p>{t('claims.window', { from: day(programme.opensOn), to: day(programme.closesOn) })}</p>
              {programme.eligibility.categories && <p>{t('claims.for', { categories: programme.eligibility.categories.map(enumText).join('、') })}</p>}
              {claimed.has(programme.id) ? (
                <p class="ok">{t('claims.alreadyClaimed')}</p>
              ) : closed ? (
                <p class="notice">{t(`claims.closed.${closed}`, { category: enumText(me.category ?? '') })}</p>
              ) : claiming === programme.id ? (
                <ClaimForm
                  programme={programme}
                  startupId={startups.data?.items[0]?.id}
                  onDone={() => {
                    setClaiming(null);
                    claims.reload();
                  }}
                />
              ) : (
                <button type="button" onClick={() => setClaiming(programme.id)}>
                  {t('claims.claim', { name: programme.name })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Page>
  );
}
