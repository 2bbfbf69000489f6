import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { dateTime, day, yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { claimsAcrossProgrammes } from './common';

type Claim = Schemas['Claim'];

/** Verified claims not yet on a notice, published on one disclosure notice (公示) per programme. */
function Publish() {
  const programmes = useLoad(() => api.GET('/v1/programmes', { params: { query: { limit: 100 } } }));
  const [programmeId, setProgrammeId] = useState('');
  const claims = useLoad(
    async () =>
      programmeId
        ? api.GET('/v1/claims', { params: { query: { programmeId, status: 'verified', limit: 100 } } })
        : { data: { items: [] as Claim[], nextCursor: null } },
    [programmeId],
  );
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [published, setPublished] = useState<Schemas['DisclosureNotice'] | null>(null);
  const unpublished = (claims.data?.items ?? []).filter((c) => !c.noticeId);
  return (
    <section aria-labelledby="publish-heading">
      <h2 id="publish-heading">{t('officer.notices.publishTitle')}</h2>
      <ProblemMessage problem={programmes.problem ?? claims.problem ?? problem} />
      {published && (
        <p class="ok" role="status">
          {t('officer.notices.published', { number: published.number, n: published.claimCount, last: day(published.lastDay) })}
        </p>
      )}
      <Field id="notice-programme" label={t('officer.claims.programme')}>
        {(p) => (
          <select
            {...p}
            value={programmeId}
            onChange={(e) => {
              setProgrammeId(e.currentTarget.value);
              setChosen(new Set());
            }}
          >
            <option value="">{t('officer.notices.chooseProgramme')}</option>
            {programmes.data?.items.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {programmeId && !claims.loading && unpublished.length === 0 && <p>{t('officer.notices.nothing')}</p>}
      {unpublished.length > 0 && (
        <fieldset>
          <legend>{t('officer.notices.claims')}</legend>
          {unpublished.map((c) => (
            <div key={c.id}>
              <input
                type="checkbox"
                id={`notice-${c.id}`}
                checked={chosen.has(c.id)}
                onChange={() => {
                  const next = new Set(chosen);
                  if (next.has(c.id)) next.delete(c.id);
                  else next.add(c.id);
                  setChosen(next);
                }}
              />{' '}
              <label for={`notice-${c.id}`}>
                {c.applicantNameMasked} · {c.idNumberMasked} · {yuan(c.amountFen)}
              </label>
            </div>
          ))}
          <button
            type="button"
            disabled={chosen.size === 0}
            onClick={async () => {
              setProblem(null);
              const { data, error } = await api.POST('/v1/disclosure-notices', { body: { programmeId, claimIds: [...chosen] } });
              if (error) setProblem(asProblem(error));
              else {
                setPublished(data ?? null);
                setChosen(new Set());
                claims.reload();
              }
            }}
          >
            {t('officer.notices.publish', { n: chosen.size })}
          </button>
        </fieldset>
      )}
    </section>
  );
}

function Objections({ claim, onDone }: { claim: Claim; onDone: () => void }) {
  const objections = useLoad(() => api.GET('/v1/claims/{id}/objections', { params: { path: { id: claim.id }, query: { limit: 50 } } }), [claim.id]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const resolve = async (id: string, decision: 'upheld' | 'dismissed') => {
    setProblem(null);
    const { error } = await api.POST('/v1/objections/{id}/resolution', {
      params: { path: { id } },
      body: { decision, ...(notes[id] ? { notes: notes[id] } : {}) },
    });
    if (error) setProblem(asProblem(error));
    objections.reload();
    onDone();
  };
  return (
    <li class="card">
      <h3>{t('officer.claims.rowLabel', { name: claim.applicantNameMasked, id: claim.idNumberMasked, programme: claim.programmeName })}</h3>
      <p class="muted">
        {yuan(claim.amountFen)} · {t('officer.notices.inNotice', { number: claim.noticeNumber ?? '', to: day(claim.disclosureEndsAt) })}
      </p>
      <ProblemMessage problem={objections.problem ?? problem} />
      <ul>
        {objections.data?.items.map((o) => (
          <li key={o.id}>
            <p>
              <span class="status">{enumText(o.status)}</span> {o.reason} <span class="muted">{dateTime(o.filedAt)}</span>
            </p>
            {o.contact && <p class="muted">{t('officer.notices.contact', { contact: o.contact })}</p>}
            {o.status === 'open' ? (
              <>
                <Field id={`objection-${o.id}-notes`} label={t('officer.notices.notes')} error={fieldError(problem, 'body.notes')}>
                  {(p) => <textarea {...p} rows={2} value={notes[o.id] ?? ''} onInput={(e) => setNotes({ ...notes, [o.id]: e.currentTarget.value })} />}
                </Field>
                <div class="actions">
                  <button type="button" onClick={() => resolve(o.id, 'upheld')}>
                    {t('officer.notices.uphold')}
                  </button>
                  <button type="button" class="secondary" onClick={() => resolve(o.id, 'dismissed')}>
                    {t('officer.notices.dismiss')}
                  </button>
                </div>
              </>
            ) : (
              o.resolutionNotes && <p class="muted">{o.resolutionNotes}</p>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Disclosure notices (公示): publish verified claims, and decide the objections filed against them. */
export default function Notices() {
  const verified = useLoad(() => claimsAcrossProgrammes('verified'));
  const objected = (verified.data?.items ?? []).filter((c) => c.openObjections > 0);
  return (
    <Page title={t('officer.notices.title')}>
      <p>
        {t('officer.notices.intro')} <a href="/notices">{t('nav.notices')}</a>
      </p>
      <Publish />
      <h2>{t('officer.notices.objectionsTitle')}</h2>
      {verified.loading && !verified.data && <Loading />}
      <ProblemMessage problem={verified.problem} />
      {verified.data && objected.length === 0 && <p>{t('officer.notices.noObjections')}</p>}
      <ul class="cards wide">
        {objected.map((claim) => (
          <Objections key={claim.id} claim={claim} onDone={verified.reload} />
        ))}
      </ul>
    </Page>
  );
}
