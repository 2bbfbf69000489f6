import { useRoute } from 'preact-iso/router';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Field } from '../../components/field';
import { Loading, Page } from '../../components/page';
import { fieldError, ProblemMessage } from '../../components/problem';
import { day, month } from '../../format';
import { enumText, t } from '../../i18n';
import { addMonths, heldMonths, holdsIn, loadUnits, monthRange, monthsFrom, thisMonth, type CommunityAllocation, type Unit, type WaitingStartup } from './data';

const MONTHS = 12;

type Selected = { kind: 'free'; unit: Unit; month: string } | { kind: 'held'; allocation: CommunityAllocation; month: string };

/** Moves focus to a panel's heading when it opens, so keyboard and screen-reader users land on the form. */
function useFocusOnOpen(key: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [key]);
  return heading;
}

/** The allocation form for a free unit and month: only startups waiting for a unit of that kind. */
function AllocateForm({
  unit,
  from,
  waiting,
  takenFrom,
  onDone,
  onCancel,
}: {
  unit: Unit;
  from: string;
  waiting: WaitingStartup[];
  /** The first month after `from` the unit is taken in (as far as the grid shows): the period ends before it. */
  takenFrom?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const candidates = waiting.filter((w) => w.kind === unit.kind);
  const [startupId, setStartupId] = useState(candidates[0]?.startupId ?? '');
  const startup = candidates.find((c) => c.startupId === startupId);
  const limits = [addMonths(from, 23), ...(startup ? [startup.incubationEnd.slice(0, 7)] : []), ...(takenFrom ? [addMonths(takenFrom, -1)] : [])];
  const last = limits.sort()[0]!;
  const options = monthRange(from, last);
  const [to, setTo] = useState(addMonths(from, 11));
  const toMonth = options.includes(to) ? to : (options[options.length - 1] ?? from);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnOpen(`${unit.id}-${from}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    const { error } = await api.POST('/v1/allocations', { body: { startupId, unitId: unit.id, fromMonth: from, toMonth } }).finally(() => setBusy(false));
    if (error) return setProblem(asProblem(error));
    onDone(t('park.allocate.done', { name: startup?.startupName ?? '', code: unit.code, from: month(from), to: month(toMonth) }));
  };
  return (
    <section class="notice" aria-labelledby="allocate-heading">
      <h2 id="allocate-heading" ref={heading} tabIndex={-1}>
        {t('park.allocate.title', { code: unit.code, kind: enumText(unit.kind), month: month(from) })}
      </h2>
      <ProblemMessage problem={problem} />
      {candidates.length === 0 ? (
        <p>{t('park.allocate.nobody', { kind: enumText(unit.kind) })}</p>
      ) : (
        <form onSubmit={submit}>
          <Field
            id="field-body-startupId"
            label={t('park.allocate.startup')}
            hint={t('park.allocate.startupHint', { kind: enumText(unit.kind) })}
            error={fieldError(problem, 'body.startupId')}
          >
            {(p) => (
              <select {...p} value={startupId} onChange={(e) => setStartupId(e.currentTarget.value)}>
                {candidates.map((c) => (
                  <option key={c.startupId} value={c.startupId}>
                    {c.startupName} · {c.waitlistedAt ? t('park.waitlistedOn', { day: day(c.waitlistedAt) }) : t('park.prefers')} ·{' '}
                    {t('park.holds', { held: c.unitsHeld, n: c.unitsRequested })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p>
            {t('park.allocate.from')}: <strong>{month(from)}</strong>
          </p>
          <Field id="field-body-toMonth" label={t('park.allocate.to')} hint={t('park.allocate.toHint')} error={fieldError(problem, 'body.toMonth')}>
            {(p) => (
              <select {...p} value={toMonth} onChange={(e) => setTo(e.currentTarget.value)}>
                {options.map((m) => (
                  <option key={m} value={m}>
                    {month(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="actions">
            <button type="submit" disabled={busy || !startupId}>
              {t('park.allocate.submit', { code: unit.code })}
            </button>
            <button type="button" class="secondary" onClick={onCancel}>
              {t('park.cancel')}
            </button>
          </div>
        </form>
      )}
      {candidates.length === 0 && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t('park.cancel')}
        </button>
      )}
    </section>
  );
}

/** An allocation held in the clicked month: its facts, and releasing it from a month on. */
function ReleaseForm({
  allocation,
  clicked,
  onDone,
  onCancel,
}: {
  allocation: CommunityAllocation;
  clicked: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const first = [thisMonth(), allocation.fromMonth].sort().reverse()[0]!;
  const options = heldMonths(allocation).filter((m) => m >= first);
  const [effective, setEffective] = useState(options.includes(clicked) ? clicked : (options[0] ?? first));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnOpen(`${allocation.id}-${clicked}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    const { data, error } = await api
      .POST('/v1/allocations/{id}/release', { params: { path: { id: allocation.id } }, body: { effectiveMonth: effective, reason } })
      .finally(() => setBusy(false));
    if (error) return setProblem(asProblem(error));
    const next: Schemas['WaitlistEntry'] | null = data.suggestedNextTenant;
    onDone(
      [
        t('park.release.done', { code: allocation.unitCode, month: month(effective) }),
        next ? t('park.release.next', { name: next.startupName, kind: enumText(next.kind) }) : t('park.release.nobodyNext'),
      ].join(' '),
    );
  };
  return (
    <section class="notice" aria-labelledby="release-heading">
      <h2 id="release-heading" ref={heading} tabIndex={-1}>
        {t('park.release.title', { code: allocation.unitCode, name: allocation.startupName })}
      </h2>
      <dl class="facts">
        <dt>{t('park.startup')}</dt>
        <dd>{allocation.startupName}</dd>
        <dt>{t('park.period')}</dt>
        <dd>
          {month(allocation.fromMonth)} – {month(allocation.lastMonth)}
        </dd>
        <dt>{t('park.unit.status')}</dt>
        <dd>
          <span class="status">{enumText(allocation.status)}</span>
        </dd>
      </dl>
      <ProblemMessage problem={problem} />
      {options.length === 0 ? (
        <p>{t('park.release.nothing')}</p>
      ) : (
        <form onSubmit={submit}>
          <Field
            id="field-body-effectiveMonth"
            label={t('park.release.from')}
            hint={t('park.release.fromHint')}
            error={fieldError(problem, 'body.effectiveMonth')}
          >
            {(p) => (
              <select {...p} value={effective} onChange={(e) => setEffective(e.currentTarget.value)}>
                {options.map((m) => (
                  <option key={m} value={m}>
                    {month(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="field-body-reason" label={t('park.release.reason')} error={fieldError(problem, 'body.reason')}>
            {(p) => <textarea {...p} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required maxLength={500} rows={2} />}
          </Field>
          <div class="actions">
            <button type="submit" disabled={busy}>
              {t('park.release.submit', { code: allocation.unitCode })}
            </button>
            <button type="button" class="secondary" onClick={onCancel}>
              {t('park.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

const cellStyle = { minWidth: '5rem', padding: '0.25rem', whiteSpace: 'nowrap' as const, fontSize: '0.9rem' };
const cellButton = { width: '100%', padding: '0.25rem 0.4rem', fontSize: '0.9rem', textAlign: 'left' as const, whiteSpace: 'normal' as const };

/**
 * The unit × month grid of a community: a row per unit, a column per month from this Beijing month
 * on; each cell names the startup holding it or says it is free. A free cell opens the allocation
 * form for that unit and month, a held one the allocation with its release form.
 */
export default function Grid() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const from = thisMonth();
  const months = monthsFrom(from, MONTHS);
  const to = months[months.length - 1]!;
  const community = useLoad(() => api.GET('/v1/communities/{id}', { params: { path: { id } } }), [id]);
  const units = useLoad(() => loadUnits(id), [id]);
  const allocations = useLoad(
    () => api.GET('/v1/communities/{id}/allocations', { params: { path: { id }, query: { fromMonth: from, toMonth: to } } }),
    [id, from],
  );
  const waiting = useLoad(() => api.GET('/v1/communities/{id}/waiting-startups', { params: { path: { id } } }), [id]);
  const [selected, setSelected] = useState<Selected | null>(null);
  const [message, setMessage] = useState('');
  const holder = (unitId: string, m: string) => allocations.data?.items.find((a) => a.unitId === unitId && holdsIn(a, m));
  const done = (text: string) => {
    setSelected(null);
    setMessage(text);
    allocations.reload();
    waiting.reload();
  };
  const problem = community.problem ?? units.problem ?? allocations.problem ?? waiting.problem;
  const title = community.data ? t('park.grid.title', { name: community.data.name }) : t('park.grid.heading');
  return (
    <Page title={title}>
      <p>
        <a href={`/park/communities/${id}`}>{t('park.grid.back')}</a>
      </p>
      {(units.loading || allocations.loading) && <Loading />}
      <ProblemMessage problem={problem} />
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      {selected?.kind === 'free' && (
        <AllocateForm
          key={`${selected.unit.id}-${selected.month}`}
          takenFrom={
            (allocations.data?.items ?? [])
              .filter((a) => a.unitId === selected.unit.id && heldMonths(a).length > 0 && a.fromMonth > selected.month)
              .map((a) => a.fromMonth)
              .sort()[0]
          }
          unit={selected.unit}
          from={selected.month}
          waiting={waiting.data?.items ?? []}
          onDone={done}
          onCancel={() => setSelected(null)}
        />
      )}
      {selected?.kind === 'held' && (
        <ReleaseForm
          key={`${selected.allocation.id}-${selected.month}`}
          allocation={selected.allocation}
          clicked={selected.month}
          onDone={done}
          onCancel={() => setSelected(null)}
        />
      )}
      {units.data && units.data.length === 0 && (
        <p>
          {t('park.noUnits')} <a href={`/park/communities/${id}`}>{t('park.unit.add')}</a>
        </p>
      )}
      {units.data && units.data.length > 0 && allocations.data && (
        <div class="table-wrap wide-page">
          <table>
            <caption style={{ textAlign: 'left' }}>{t('park.grid.caption', { from: month(from), to: month(to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('park.grid.unit')}</th>
                {months.map((m) => (
                  <th scope="col" key={m} style={cellStyle}>
                    {month(m)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.data.map((unit) => (
                <tr key={unit.id}>
                  <th scope="row" style={{ whiteSpace: 'nowrap' }}>
                    {unit.code}
                    <br />
                    <span class="muted">
                      {enumText(unit.kind)}
                      {unit.kind === 'office' && (
                        <>
                          <br />
                          {t('park.seatsN', { n: unit.seats })}
                        </>
                      )}
                    </span>
                  </th>
                  {months.map((m) => {
                    const held = holder(unit.id, m);
                    const label = `${unit.code} ${month(m)}`;
                    if (held) {
                      return (
                        <td key={m} style={cellStyle}>
                          <button
                            type="button"
                            class="secondary"
                            style={cellButton}
                            aria-label={t('park.grid.heldCell', { name: held.startupName, where: label })}
                            onClick={() => setSelected({ kind: 'held', allocation: held, month: m })}
                          >
                            {held.startupName}
                          </button>
                        </td>
                      );
                    }
                    if (unit.status !== 'active') {
                      return (
                        <td key={m} style={cellStyle}>
                          {t('park.unit.inMaintenance')}
                        </td>
                      );
                    }
                    return (
                      <td key={m} style={cellStyle}>
                        <button
                          type="button"
                          style={{ ...cellButton, background: '#fff', color: '#15602c', borderColor: '#15602c', borderStyle: 'dashed' }}
                          aria-label={t('park.grid.freeCell', { where: label })}
                          onClick={() => setSelected({ kind: 'free', unit, month: m })}
                        >
                          {t('park.grid.free')}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
