import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

/** The auditor reads everything and acts on nothing: no page here has an action button. */
export const workspace: Workspace = {
  role: 'auditor',
  nav: [
    { href: '/audit/trail', key: 'audit.nav.trail' },
    { href: '/audit/reports', key: 'audit.nav.reports' },
    { href: '/audit/risk-alerts', key: 'audit.nav.risk' },
  ],
  routes: [
    { path: '/audit/trail', component: lazy(() => import('./trail')) },
    { path: '/audit/reports', component: lazy(() => import('./reports')) },
    { path: '/audit/risk-alerts', component: lazy(() => import('./risk-alerts')) },
  ],
  dashboard: lazy(() => import('./dashboard')),
  words: () => import('../../i18n/workspaces/audit').then((m) => ({ zh: m.AUDIT_ZH, en: m.AUDIT_EN })),
};
