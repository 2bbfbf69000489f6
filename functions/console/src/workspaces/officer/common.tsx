import { allPages } from '../../api/all-pages';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { fieldError, ProblemMessage } from '../../components/problem';
import { t } from '../../i18n';

export { CATEGORIES, SECTORS } from '../../choices';

/** A count from one page of a list: "100+" when the list goes on. */
export function countOf(page: { items: unknown[]; nextCursor?: string | null } | undefined): string {
  if (!page) return '—';
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
}

/** A person who can review: from the staff directory, or the mentor team. */
export interface Reviewer {
  userId: string;
  name: string;
  role: 'officer' | 'mentor';
}

/**
 * The people an officer chooses reviewers and judges from: the officers and mentors who recorded
 * their names in the staff directory (the API takes no one else).
 */
export function useReviewers() {
  return useLoad(async () => {
    const [officers, mentors] = await Promise.all([directoryOf('officer'), directoryOf('mentor')]);
    const error = officers.error ?? mentors.error;
    if (error) return { error };
    const people = new Map<string, Reviewer>();
    for (const m of officers.items) people.set(m.userId, { userId: m.userId, name: m.displayName, role: 'officer' });
    for (const m of mentors.items) if (!people.has(m.userId)) people.set(m.userId, { userId: m.userId, name: m.displayName, role: 'mentor' });
    return { data: [...people.values()] };
  });
}

/** Everyone of one role in the directory, page after page (at most 10 pages of 100). */
async function directoryOf(role: 'officer' | 'mentor') {
  const { data, error } = await allPages((cursor) => api.GET('/v1/staff', { params: { query: { role, limit: 100, ...(cursor ? { cursor } : {}) } } }), 10);
  return { items: data ?? [], error };
}

export function reviewerLabel(reviewer: Reviewer): string {
  return t('officer.reviewerLabel', { name: reviewer.name, role: t(`role.${reviewer.role}`) });
}

/** The name of a login from the directory, or the login itself. */
export function nameOf(reviewers: Reviewer[] | undefined, userId: string): string {
  const found = reviewers?.find((r) => r.userId === userId);
  return found ? reviewerLabel(found) : userId;
}

/**
 * The staff directory needs each officer's and mentor's name: on the dashboard, one who has not
 * recorded it yet is asked for it once (officers then find them when choosing reviewers and judges).
 */
export function RecordMyName() {
  const me = useLoad(() => api.GET('/v1/staff/me'));
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  if (me.loading || me.data) return null;
  if (me.problem && me.problem.code !== 'NOT_FOUND') return <ProblemMessage problem={me.problem} />;
  if (saved)
    return (
      <p class="ok" role="status">
        {t('officer.name.saved', { name })}
      </p>
    );
  return (
    <form
      class="notice"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        const { error } = await api.PUT('/v1/staff/me', { body: { displayName: name } });
        if (error) setProblem(asProblem(error));
        else setSaved(true);
      }}
    >
      <h2>{t('officer.name.title')}</h2>
      <ProblemMessage problem={problem} />
      <Field id="field-body-displayName" label={t('officer.name.label')} hint={t('officer.name.hint')} error={fieldError(problem, 'body.displayName')}>
        {(p) => <input {...p} value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={50} />}
      </Field>
      <button type="submit">{t('officer.name.save')}</button>
    </form>
  );
}

/** Claims of every programme in one status (the claims list is read programme by programme). */
export async function claimsAcrossProgrammes(status: 'submitted' | 'verified') {
  const programmes = await api.GET('/v1/programmes', { params: { query: { limit: 100 } } });
  if (programmes.error) return { error: programmes.error };
  const pages = await Promise.all(
    (programmes.data?.items ?? []).map((programme) => api.GET('/v1/claims', { params: { query: { programmeId: programme.id, status, limit: 100 } } })),
  );
  const failed = pages.find((page) => page.error);
  if (failed) return { error: failed.error };
  return {
    data: {
      programmes: programmes.data?.items ?? [],
      items: pages.flatMap((page) => page.data?.items ?? []),
      more: Boolean(programmes.data?.nextCursor) || pages.some((page) => page.data?.nextCursor),
    },
  };
}

/** A startup's claims, from every programme's list (the claims list is read programme by programme). */
export async function claimsOfStartup(startupId: string) {
  const programmes = await api.GET('/v1/programmes', { params: { query: { limit: 100 } } });
  if (programmes.error) return { error: programmes.error };
  const pages = await Promise.all(
    (programmes.data?.items ?? []).map((programme) => api.GET('/v1/claims', { params: { query: { programmeId: programme.id, limit: 100 } } })),
  );
  const failed = pages.find((page) => page.error);
  if (failed) return { error: failed.error };
  return { data: pages.flatMap((page) => page.data?.items ?? []).filter((claim) => claim.startupId === startupId) };
}

export { AlertSummary } from '../../components/alert-summary';
