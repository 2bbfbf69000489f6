import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { inFlight } from './api/client';
import type { AuthConfig } from './auth/config';
import { activeRole, claims, hasRole, setActiveRole, signOut } from './auth/session';
import { useEffect, useState } from 'preact/hooks';
import { addWords, hasWords, lang, setLang, t, type MessageKey } from './i18n';
import { authConfig } from './auth/state';
import { WORKSPACES, workspaceOf } from './workspaces';
import type { NavItem, Workspace } from './workspaces/workspace';
import type { ComponentType } from 'preact';

const Home = lazy(() => import('./pages/home'));
const Events = lazy(() => import('./pages/events'));
const Notices = lazy(() => import('./pages/notices'));
const Rankings = lazy(() => import('./pages/rankings'));
const SignIn = lazy(() => import('./pages/sign-in'));
const SignedIn = lazy(() => import('./pages/signed-in'));
const Profile = lazy(() => import('./pages/profile'));
const Application = lazy(() => import('./pages/application'));
const Startup = lazy(() => import('./pages/startup'));
const Claims = lazy(() => import('./pages/claims'));
const NotFound = lazy(() => import('./pages/not-found'));

const PUBLIC_NAV: NavItem[] = [
  { href: '/events', key: 'nav.events' },
  { href: '/rankings', key: 'nav.rankings' },
  { href: '/notices', key: 'nav.notices' },
];

const FOUNDER_NAV: NavItem[] = [
  { href: '/profile', key: 'nav.profile' },
  { href: '/application', key: 'nav.application' },
  { href: '/startup', key: 'nav.startup' },
  { href: '/claims', key: 'nav.claims' },
];

/** The menu of the role the screens act under: home, that role's pages, then the public pages. */
function navItems(): NavItem[] {
  const workspace = workspaceOf(activeRole.value);
  const own = workspace ? workspace.nav : hasRole('applicant') ? FOUNDER_NAV : [];
  return [{ href: '/', key: 'nav.home' }, ...own, ...PUBLIC_NAV];
}

/** For a person with several roles: which one the screens act under (one at a time). */
function RoleSwitch() {
  const { route } = useLocation();
  const roles = claims.value?.roles ?? [];
  if (roles.length < 2) return null;
  return (
    <div class="role-switch">
      <label for="role-switch">{t('nav.actingAs')}</label>
      <select
        id="role-switch"
        value={activeRole.value ?? ''}
        onChange={(e) => {
          setActiveRole(e.currentTarget.value);
          route('/');
        }}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}` as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  );
}

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
        <RoleSwitch />
        <button type="button" class="link" lang={lang.value === 'en' ? 'zh-CN' : 'en'} onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}>
          {lang.value === 'en' ? '中文' : 'English'}
        </button>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {navItems().map((item) => (
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

/** Whether a workspace's words have arrived (fetched once, on first need). */
function useWords(workspace: Workspace | undefined): 'ready' | 'loading' | 'failed' {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (workspace) addWords(workspace.role, workspace.words).catch(() => setFailed(true));
  }, [workspace]);
  if (!workspace || hasWords(workspace.role)) return 'ready';
  return failed ? 'failed' : 'loading';
}

function WordsPending({ state }: { state: 'loading' | 'failed' }) {
  return state === 'failed' ? (
    <p role="alert">{t('common.wordsFailed')}</p>
  ) : (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * A workspace's page waits for that workspace's words: anyone may open it (and is shown the API's
 * refusal in their own language), whichever role their screens act under.
 */
function withWords(workspace: Workspace, Page: ComponentType<Record<string, unknown>>): ComponentType<Record<string, unknown>> {
  return function WorkspacePage(props: Record<string, unknown>) {
    const state = useWords(workspace);
    return state === 'ready' ? <Page {...props} /> : <WordsPending state={state} />;
  };
}

const WORKSPACE_ROUTES = WORKSPACES.flatMap((workspace) => workspace.routes.map((r) => ({ path: r.path, component: withWords(workspace, r.component) })));

/** The console: a header, the routed page in <main>, each page a lazily loaded chunk. */
export function App({ config }: { config: AuthConfig }) {
  authConfig.value = config;
  const workspace = workspaceOf(activeRole.value);
  // A staff role's screens (its menu, its dashboard) wait for its words; a founder's never download them.
  const words = useWords(workspace);
  if (words !== 'ready') {
    return (
      <main id="main" class="wide">
        <WordsPending state={words} />
      </main>
    );
  }
  return (
    // /local/login is the server's, not a page of the app: links to it are full navigations.
    <LocationProvider scope={/^\/(?!local\/)/}>
      <Header />
      <main id="main" class={workspaceOf(activeRole.value) ? 'wide' : undefined}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/events" component={Events} />
            <Route path="/rankings" component={Rankings} />
            <Route path="/notices" component={Notices} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/signed-in" component={SignedIn} />
            <Route path="/profile" component={Profile} />
            <Route path="/application" component={Application} />
            <Route path="/startup" component={Startup} />
            <Route path="/claims" component={Claims} />
            {WORKSPACE_ROUTES.map((r) => (
              <Route key={r.path} path={r.path} component={r.component} />
            ))}
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
