import { useState } from 'preact/hooks';
import { idNumberProblemOn } from '../../../../shared/applicants/id-number';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { Documents } from '../components/documents';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { beijingToday, day } from '../format';
import { enumText, t, type MessageKey } from '../i18n';

const CATEGORIES = [
  'college_graduate',
  'returning_migrant_worker',
  'employment_difficulty',
  'registered_unemployed',
  'unemployed_youth',
  'veteran',
  'poverty_alleviated',
  'other',
] as const;
const EDUCATION = ['primary', 'junior_secondary', 'senior_secondary', 'vocational', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;

/** The identity number checked as it is typed: shape, GB 11643 check character, birth date. */
export function idNumberMessage(value: string): string | undefined {
  if (value.length === 0) return undefined;
  const normalized = value.trim().toUpperCase();
  if (normalized.length < 18) return /^\d*$/.test(normalized) ? undefined : t('profile.id.shape');
  const problem = idNumberProblemOn(normalized, beijingToday());
  return problem ? t(`profile.id.${problem}` as MessageKey) : undefined;
}

function Register({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState({
    name: '',
    idNumber: '',
    phone: '',
    district: '',
    category: 'college_graduate',
    education: 'bachelor',
    school: '',
    leftOn: '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value });
  const idMessage = idNumberMessage(form.idNumber);
  const submit = async (event: Event) => {
    event.preventDefault();
    const body: Schemas['RegisterApplicant'] = {
      name: form.name,
      idNumber: form.idNumber.trim().toUpperCase(),
      phone: form.phone,
      district: form.district,
      category: form.category as Schemas['RegisterApplicant']['category'],
      education: form.education as Schemas['RegisterApplicant']['education'],
      ...(form.category === 'college_graduate' ? { graduation: { school: form.school, leftOn: form.leftOn } } : {}),
    };
    const { error } = await api.POST('/v1/applicants', { body });
    if (error) setProblem(asProblem(error));
    else onDone();
  };
  return (
    <form onSubmit={submit} noValidate>
      <ProblemMessage problem={problem} />
      <Field id="field-body-name" label={t('profile.name')} error={fieldError(problem, 'body.name')}>
        {(p) => <input {...p} value={form.name} onInput={set('name')} autocomplete="name" required />}
      </Field>
      <Field id="field-body-idNumber" label={t('profile.idNumber')} hint={t('profile.idHint')} error={idMessage ?? fieldError(problem, 'body.idNumber')}>
        {(p) => <input {...p} value={form.idNumber} onInput={set('idNumber')} maxLength={18} inputMode="text" autocomplete="off" required />}
      </Field>
      <Field id="field-body-phone" label={t('profile.phone')} hint={t('profile.phoneHint')} error={fieldError(problem, 'body.phone')}>
        {(p) => <input {...p} value={form.phone} onInput={set('phone')} inputMode="tel" autocomplete="tel" required />}
      </Field>
      <Field id="field-body-district" label={t('profile.district')} error={fieldError(problem, 'body.district')}>
        {(p) => <input {...p} value={form.district} onInput={set('district')} required />}
      </Field>
      <Field id="field-body-category" label={t('profile.category')} error={fieldError(problem, 'body.category')}>
        {(p) => (
          <select {...p} value={form.category} onChange={set('category')}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {enumText(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {form.category === 'college_graduate' && (
        <fieldset>
          <legend>{t('profile.graduation')}</legend>
          <Field id="field-body-graduation-school" label={t('profile.school')} error={fieldError(problem, 'body.graduation.school')}>
            {(p) => <input {...p} value={form.school} onInput={set('school')} />}
          </Field>
          <Field id="field-body-graduation-leftOn" label={t('profile.leftOn')} error={fieldError(problem, 'body.graduation.leftOn')}>
            {(p) => <input {...p} type="date" value={form.leftOn} onInput={set('leftOn')} />}
          </Field>
        </fieldset>
      )}
      <Field id="field-body-education" label={t('profile.education')} error={fieldError(problem, 'body.education')}>
        {(p) => (
          <select {...p} value={form.education} onChange={set('education')}>
            {EDUCATION.map((c) => (
              <option key={c} value={c}>
                {enumText(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit">{t('profile.register')}</button>
    </form>
  );
}

/** 实名登记: register once, then see the profile with the identity number masked. */
export default function Profile() {
  const me = useLoad(() => api.GET('/v1/applicants/me'));
  const profile = me.data;
  return (
    <Page title={t('profile.title')}>
      {me.loading && <Loading />}
      {me.problem && me.problem.code !== 'NOT_FOUND' && <ProblemMessage problem={me.problem} />}
      {!me.loading && !profile && (
        <>
          <p>{t('profile.intro')}</p>
          <Register onDone={me.reload} />
        </>
      )}
      {profile && (
        <dl class="facts">
          <dt>{t('profile.name')}</dt>
          <dd>{profile.name}</dd>
          <dt>{t('profile.idNumber')}</dt>
          <dd>{profile.idNumberMasked}</dd>
          <dt>{t('profile.birthDate')}</dt>
          <dd>{day(profile.birthDate)}</dd>
          <dt>{t('profile.phone')}</dt>
          <dd>{profile.phone}</dd>
          <dt>{t('profile.district')}</dt>
          <dd>{profile.district}</dd>
          <dt>{t('profile.category')}</dt>
          <dd>{enumText(profile.category)}</dd>
          <dt>{t('profile.education')}</dt>
          <dd>{enumText(profile.education)}</dd>
        </dl>
      )}
      {profile && (
        <Documents
          recordType="applicant"
          recordId={profile.id}
          types={['training_certificate', 'social_insurance_list', 'other']}
          title={t('documents.ofProfile')}
        />
      )}
    </Page>
  );
}
