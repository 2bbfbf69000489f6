import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { completeSignIn } from '../auth/pkce';
import { signIn } from '../auth/session';
import { authConfig } from '../auth/state';
import { Page } from '../components/page';
import { t } from '../i18n';

/** Where sign-in comes back: a local token in the fragment, or Cognito's code in the query. */
export default function SignedIn() {
  const { route } = useLocation();
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const local = fragment.get('token');
    const config = authConfig.value;
    if (local && config.auth === 'local') {
      signIn(local);
      history.replaceState(null, '', '/signed-in');
      route('/', true);
      return;
    }
    if (config.auth === 'cognito' && location.search.includes('code=')) {
      completeSignIn(config, location.search)
        .then((access) => {
          signIn(access);
          route('/', true);
        })
        .catch((error: Error) => setFailed(error.message));
      return;
    }
    setFailed(t('signIn.failed'));
  }, []);
  return (
    <Page title={t('signIn.title')}>
      {failed ? (
        <p class="error" role="alert">
          {failed} <a href="/sign-in">{t('signIn.again')}</a>
        </p>
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </Page>
  );
}
