import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

export const workspace: Workspace = {
  role: 'officer',
  nav: [
    { href: '/officer/applications', key: 'officer.nav.applications' },
    { href: '/officer/startups', key: 'officer.nav.startups' },
    { href: '/officer/events', key: 'officer.nav.events' },
    { href: '/officer/claims', key: 'officer.nav.claims' },
    { href: '/officer/risk-alerts', key: 'officer.nav.alerts' },
    { href: '/officer/change-requests', key: 'officer.nav.changes' },
    { href: '/officer/notices', key: 'officer.nav.notices' },
  ],
  routes: [
    { path: '/officer/applications', component: lazy(() => import('./applications')) },
    { path: '/officer/applications/:id', component: lazy(() => import('./application')) },
    { path: '/officer/startups', component: lazy(() => import('./startups')) },
    { path: '/officer/startups/:id', component: lazy(() => import('./startup')) },
    { path: '/officer/events', component: lazy(() => import('./events')) },
    { path: '/officer/events/:id', component: lazy(() => import('./event')) },
    { path: '/officer/claims', component: lazy(() => import('./claims')) },
    { path: '/officer/risk-alerts', component: lazy(() => import('./risk-alerts')) },
    { path: '/officer/change-requests', component: lazy(() => import('./change-requests')) },
    { path: '/officer/notices', component: lazy(() => import('./notices')) },
  ],
  dashboard: lazy(() => import('./dashboard')),
  words: () => import('../../i18n/workspaces/officer').then((m) => ({ zh: m.OFFICER_ZH, en: m.OFFICER_EN })),
};
