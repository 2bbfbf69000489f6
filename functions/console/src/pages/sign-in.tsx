import { beginSignIn } from '../auth/pkce';
import { authConfig } from '../auth/state';
import { Page } from '../components/page';
import { t, type MessageKey } from '../i18n';

/** The demo users of `npm start`, one per role (infra/local/identity.ts names them demo-<role>). */
export const DEMO_ROLES = ['applicant', 'officer', 'mentor', 'park_manager', 'finance', 'auditor'] as const;

export default function SignIn() {
  const config = authConfig.value;
  return (
    <Page title={t('signIn.title')}>
      {config.auth === 'cognito' ? (
        <p>
          <button type="button" onClick={() => void beginSignIn(config)}>
            {t('signIn.cognito')}
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
          </ul>
        </>
      )}
    </Page>
  );
}
