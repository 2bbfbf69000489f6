import { beginSignIn } from '../auth/pkce';
import { authConfig } from '../auth/state';
import { Page } from '../components/page';
import { t, type MessageKey } from '../i18n';

/** The demo users of `npm start`, one per role (infra/local/identity.ts names them demo-<role>). */
export const DEMO_ROLES = ['applicant', 'officer', 'mentor', 'park_manager', 'finance', 'auditor'] as const;

/** Two more demo people: a second finance user (batches need a second approver) and an officer who is also a founder. */
const MORE = [
  { query: 'as=applicant&person=new', key: 'signIn.newFounder', sub: 'local-applicant-…' },
  { query: 'as=finance&person=2', key: 'signIn.secondFinance', sub: 'demo-finance-2' },
  { query: 'as=officer,applicant', key: 'signIn.officerFounder', sub: 'demo-officer+demo-applicant' },
] as const;

export default function SignIn() {
  const config = authConfig.value;
  return (
    <Page title={t('signIn.title')}>
      {config.auth === 'cognito' ? (
        <p class="actions">
          <button type="button" onClick={() => void beginSignIn(config)}>
            {t('signIn.cognito')}
          </button>
          <button type="button" class="secondary" onClick={() => void beginSignIn(config, undefined, 'signUp')}>
            {t('signIn.signUp')}
          </button>
        </p>
      ) : (
        <>
          <p>{t('signIn.localIntro')}</p>
          <ul class="cards">
            {DEMO_ROLES.map((role) => (
              <li class="card" key={role}>
                <h2>{t(`role.${role}` as MessageKey)}</h2>
                <p class="muted">{t(`roleHint.${role}` as MessageKey)}</p>
                <p>
                  <a class="button" href={`/local/login?as=${role}`}>
                    {t('signIn.as', { role: t(`role.${role}` as MessageKey) })}
                  </a>
                </p>
                <p class="muted">demo-{role.replace('_', '-')}</p>
              </li>
            ))}
            {MORE.map((more) => (
              <li class="card" key={more.query}>
                <h2>{t(more.key)}</h2>
                <p>
                  <a class="button" href={`/local/login?${more.query}`}>
                    {t('signIn.as', { role: t(more.key) })}
                  </a>
                </p>
                <p class="muted">{more.sub}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
