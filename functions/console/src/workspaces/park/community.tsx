import { useRoute } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { api, asProblem, type Problem } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { yuan } from '../../format';
import { enumText, t } from '../../i18n';
import { loadUnits, type Unit } from './data';

const EMPTY = { code: '', kind: 'desk' as 'desk' | 'office', seats: '1', areaM2: '', rentYuan: '', floor: '1' };

/** Adds a desk or an office to the community (its code unique there). */
function AddUnit({ communityId, onAdded }: { communityId: string; onAdded: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState('');
  const set = (name: keyof typeof EMPTY) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setDone('');
    const { data, error } = await api.POST('/v1/communities/{id}/units', {
      params: { path: { id: communityId } },
      body: {
        code: form.code,
        kind: form.kind,
        seats: Number(form.seats),
        areaM2: Number(form.areaM2),
        monthlyRentFen: Math.round(Number(form.rentYuan) * 100),
        floor: Number(form.floor),
      },
    });
    if (error) return setProblem(asProblem(error));
    setDone(t('park.unit.added', { code: data.code }));
    setForm(EMPTY);
    onAdded();
  };
  return (
    <form onSubmit={submit} aria-labelledby="add-unit-heading">
      <h2 id="add-unit-heading">{t('park.unit.add')}</h2>
      <ProblemMessage problem={problem} />
      {done && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <Field id="field-body-code" label={t('park.unit.code')} error={fieldError(problem, 'body.code')}>
        {(p) => <input {...p} value={form.code} onInput={set('code')} required maxLength={30} />}
      </Field>
      <Field id="field-body-kind" label={t('park.kind')} error={fieldError(problem, 'body.kind')}>
        {(p) => (
          <select
            {...p}
            value={form.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as 'desk' | 'office';
              setForm({ ...form, kind, seats: kind === 'desk' ? '1' : '4' });
            }}
          >
            <option value="desk">{enumText('desk')}</option>
            <option value="office">{enumText('office')}</option>
          </select>
        )}
      </Field>
      <Field id="field-body-seats" label={t('park.unit.seats')} hint={t('park.unit.seatsHint')} error={fieldError(problem, 'body.seats')}>
        {(p) => <input {...p} type="number" min={1} max={20} value={form.seats} onInput={set('seats')} required />}
      </Field>
      <Field id="field-body-areaM2" label={t('park.unit.area')} error={fieldError(problem, 'body.areaM2')}>
        {(p) => <input {...p} type="number" min={0.1} step={0.1} value={form.areaM2} onInput={set('areaM2')} required />}
      </Field>
      <Field id="field-body-monthlyRentFen" label={t('park.unit.rentYuan')} error={fieldError(problem, 'body.monthlyRentFen')}>
        {(p) => <input {...p} type="number" min={0} step={0.01} value={form.rentYuan} onInput={set('rentYuan')} required />}
      </Field>
      <Field id="field-body-floor" label={t('park.unit.floor')} error={fieldError(problem, 'body.floor')}>
        {(p) => <input {...p} type="number" min={-5} max={200} value={form.floor} onInput={set('floor')} required />}
      </Field>
      <button type="submit">{t('park.unit.addButton')}</button>
    </form>
  );
}

/** One community: its facts, its units (into maintenance and back), a form to add one. */
export default function CommunityPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const community = useLoad(() => api.GET('/v1/communities/{id}', { params: { path: { id } } }), [id]);
  const units = useLoad(() => loadUnits(id), [id]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const toggle = async (unit: Unit) => {
    setProblem(null);
    const { error } = await api.PATCH('/v1/communities/{id}/units/{unitId}', {
      params: { path: { id, unitId: unit.id }, header: { 'If-Match': `"${unit.version}"` } },
      body: { status: unit.status === 'active' ? 'maintenance' : 'active' },
    });
    if (error) setProblem(asProblem(error));
    units.reload();
  };
  const c = community.data;
  return (
    <Page title={c ? c.name : t('park.community')}>
      {community.loading && <Loading />}
      <ProblemMessage problem={community.problem ?? units.problem} />
      {c && (
        <>
          <dl class="facts">
            <dt>{t('park.communityKind')}</dt>
            <dd>{enumText(c.kind)}</dd>
            <dt>{t('park.district')}</dt>
            <dd>{c.district}</dd>
            <dt>{t('park.address')}</dt>
            <dd>{c.address}</dd>
          </dl>
          <p class="actions">
            <a href={`/park/communities/${id}/grid`}>{t('park.grid.link')}</a>
            <a href={`/park/communities/${id}/waitlist`}>{t('park.waitlist.link')}</a>
            <a href={`/park/communities/${id}/occupancy`}>{t('park.occupancy.link')}</a>
          </p>
        </>
      )}
      <h2>{t('park.units')}</h2>
      <ProblemMessage problem={problem} />
      {units.data && units.data.length === 0 && <p>{t('park.noUnits')}</p>}
      {units.data && units.data.length > 0 && (
        <div class="table-wrap">
          <table class="stack">
            <caption class="muted">{t('park.units.caption', { n: units.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('park.unit.code')}</th>
                <th scope="col">{t('park.kind')}</th>
                <th scope="col" class="num">
                  {t('park.unit.seats')}
                </th>
                <th scope="col" class="num">
                  {t('park.unit.area')}
                </th>
                <th scope="col" class="num">
                  {t('park.unit.rent')}
                </th>
                <th scope="col" class="num">
                  {t('park.unit.floor')}
                </th>
                <th scope="col">{t('park.unit.status')}</th>
                <th scope="col">{t('park.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {units.data.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('park.unit.code')}>{u.code}</td>
                  <td data-label={t('park.kind')}>{enumText(u.kind)}</td>
                  <td class="num" data-label={t('park.unit.seats')}>
                    {u.seats}
                  </td>
                  <td class="num" data-label={t('park.unit.area')}>
                    {u.areaM2}
                  </td>
                  <td class="num" data-label={t('park.unit.rent')}>
                    {yuan(u.monthlyRentFen)}
                  </td>
                  <td class="num" data-label={t('park.unit.floor')}>
                    {u.floor}
                  </td>
                  <td data-label={t('park.unit.status')}>
                    <span class="status">{t(u.status === 'active' ? 'park.unit.inService' : 'park.unit.inMaintenance')}</span>
                  </td>
                  <td data-label={t('park.actions')}>
                    <button type="button" class="secondary" onClick={() => toggle(u)}>
                      {u.status === 'active' ? t('park.unit.toMaintenance', { code: u.code }) : t('park.unit.toActive', { code: u.code })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c && <AddUnit communityId={id} onAdded={units.reload} />}
    </Page>
  );
}
