import { useState } from 'preact/hooks';
import { api, asProblem, type Problem, type Schemas } from '../api/client';
import { useLoad } from '../api/use-load';
import { Field } from '../components/field';
import { Loading, Page } from '../components/page';
import { fieldError, ProblemMessage } from '../components/problem';
import { day, yuan } from '../format';
import { enumText, t } from '../i18n';

function ObjectionForm({ line }: { line: Schemas['NoticeLine'] }) {
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [filed, setFiled] = useState(false);
  const id = `objection-${line.claimId}`;
  if (filed)
    return (
      <p class="ok" role="status">
        {t('notices.filed')}
      </p>
    );
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const { error } = await api.POST('/v1/public/disclosures/{claimId}/objections', {
          params: { path: { claimId: line.claimId } },
          body: contact ? { reason, contact } : { reason },
        });
        if (error) setProblem(asProblem(error));
        else setFiled(true);
      }}
    >
      <Field id={`${id}-reason`} label={t('notices.reason')} hint={t('notices.reasonHint')} error={fieldError(problem, 'body.reason')}>
        {(props) => <textarea {...props} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required rows={3} />}
      </Field>
      <Field id={`${id}-contact`} label={t('notices.contact')} error={fieldError(problem, 'body.contact')}>
        {(props) => <input {...props} value={contact} onInput={(e) => setContact(e.currentTarget.value)} />}
      </Field>
      <ProblemMessage problem={problem} />
      <button type="submit">{t('notices.file')}</button>
    </form>
  );
}

/** The disclosure notices (公示): who is to be paid how much, and a form to object while open. */
export default function Notices() {
  const notices = useLoad(() => api.GET('/v1/public/disclosure-notices', { params: { query: { limit: 20 } } }));
  const [objecting, setObjecting] = useState<string | null>(null);
  return (
    <Page title={t('notices.title')}>
      <p>{t('notices.intro')}</p>
      {notices.loading && <Loading />}
      <ProblemMessage problem={notices.problem} />
      {notices.data && notices.data.items.length === 0 && <p>{t('notices.none')}</p>}
      {notices.data?.items.map((notice) => (
        <section key={notice.id} class="card" aria-labelledby={`notice-${notice.id}`}>
          <h2 id={`notice-${notice.id}`}>
            {notice.number} {notice.programmeName}
          </h2>
          <p>
            <span class="status">{notice.open ? t('notices.open') : t('notices.closed')}</span> {enumText(notice.programmeKind)} ·{' '}
            {t('notices.period', { from: day(notice.firstDay), to: day(notice.lastDay) })}
          </p>
          <div class="table-wrap">
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('notices.name')}</th>
                  <th scope="col">{t('notices.idNumber')}</th>
                  <th scope="col">{t('notices.startup')}</th>
                  <th scope="col" class="num">
                    {t('notices.amount')}
                  </th>
                  {notice.open && <th scope="col">{t('notices.object')}</th>}
                </tr>
              </thead>
              <tbody>
                {notice.lines.map((line) => (
                  <tr key={line.claimId}>
                    <td data-label={t('notices.name')}>{line.name}</td>
                    <td data-label={t('notices.idNumber')}>{line.idNumberMasked}</td>
                    <td data-label={t('notices.startup')}>{line.startupName ?? ''}</td>
                    <td data-label={t('notices.amount')} class="num">
                      {yuan(line.amountFen)}
                    </td>
                    {notice.open && (
                      <td data-label={t('notices.object')}>
                        {objecting === line.claimId ? (
                          <ObjectionForm line={line} />
                        ) : (
                          <button type="button" class="link" onClick={() => setObjecting(line.claimId)}>
                            {t('notices.objectTo', { name: line.name })}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('notices.total', { count: notice.claimCount, total: yuan(notice.totalFen) })}</p>
        </section>
      ))}
    </Page>
  );
}
