import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

export const workspace: Workspace = {
  role: 'mentor',
  nav: [
    { href: '/mentor/startups', key: 'mentor.nav.startups' },
    { href: '/mentor/tasks', key: 'mentor.nav.tasks' },
    { href: '/mentor/report', key: 'mentor.nav.report' },
  ],
  routes: [
    { path: '/mentor/startups', component: lazy(() => import('./startups')) },
    { path: '/mentor/startups/:id', component: lazy(() => import('./startup')) },
    { path: '/mentor/tasks', component: lazy(() => import('./tasks')) },
    { path: '/mentor/report', component: lazy(() => import('./report')) },
  ],
  dashboard: lazy(() => import('./dashboard')),
  words: () => import('../../i18n/workspaces/mentor').then((m) => ({ zh: m.MENTOR_ZH, en: m.MENTOR_EN })),
};
