import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { inFlight } from './api/client';
import type { AuthConfig } from './auth/config';
import { claims, hasRole, signOut } from './auth/session';
import { lang, setLang, t, type MessageKey } from './i18n';
import { authConfig } from './auth/state';

const Home = lazy(() => import('./pages/home'));
const Events = lazy(() => import('./pages/events'));
const Notices = lazy(() => import('./pages/notices'));
const SignIn = lazy(() => import('./pages/sign-in'));
const SignedIn = lazy(() => import('./pages/signed-in'));
const Profile = lazy(() => import('./pages/profile'));
const Application = lazy(() => import('./pages/application'));
const Startup = lazy(() => import('./pages/startup'));
const Claims = lazy(() => import('./pages/claims'));
const NotFound = lazy(() => import('./pages/not-found'));

interface NavItem {
  href: string;
  key: MessageKey;
  role?: string;
}

const NAV: NavItem[] = [
  { href: '/', key: 'nav.home' },
  { href: '/events', key: 'nav.events' },
  { href: '/notices', key: 'nav.notices' },
  { href: '/profile', key: 'nav.profile', role: 'applicant' },
  { href: '/application', key: 'nav.application', role: 'applicant' },
  { href: '/startup', key: 'nav.startup', role: 'applicant' },
  { href: '/claims', key: 'nav.claims', role: 'applicant' },
];

function Header() {
  const { path, route } = useLocation();
  const roles = claims.value?.roles ?? [];
  return (
    <header class="header">
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <div class="bar">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <button type="button" class="link" lang={lang.value === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}>
          {lang.value === 'en' ? '中文' : 'English'}
        </button>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((item) => !item.role || hasRole(item.role)).map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                {t(item.key)}
              </a>
            </li>
          ))}
          <li>
            {claims.value ? (
              <button
                type="button"
                class="link"
                onClick={() => {
                  signOut();
                  route('/');
                }}
              >
                {t('nav.signOut', { roles: roles.map((role) => t(`role.${role}` as MessageKey)).join('、') })}
              </button>
            ) : (
              <a href="/sign-in" aria-current={path === '/sign-in' ? 'page' : undefined}>
                {t('nav.signIn')}
              </a>
            )}
          </li>
        </ul>
      </nav>
      <div class="progress" role="status" aria-live="polite">
        {inFlight.value > 0 ? t('common.working') : ''}
      </div>
    </header>
  );
}

/** The console: a header, the routed page in <main>, each page a lazily loaded chunk. */
export function App({ config }: { config: AuthConfig }) {
  authConfig.value = config;
  return (
    // /local/login is the server's, not a page of the app: links to it are full navigations.
    <LocationProvider scope={/^\/(?!local\/)/}>
      <Header />
      <main id="main">
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/events" component={Events} />
            <Route path="/notices" component={Notices} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/signed-in" component={SignedIn} />
            <Route path="/profile" component={Profile} />
            <Route path="/application" component={Application} />
            <Route path="/startup" component={Startup} />
            <Route path="/claims" component={Claims} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <footer class="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </LocationProvider>
  );
}
