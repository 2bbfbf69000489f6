import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

export const workspace: Workspace = {
  role: 'park_manager',
  nav: [{ href: '/park/communities', key: 'park.nav.communities' }],
  routes: [
    { path: '/park/communities', component: lazy(() => import('./communities')) },
    { path: '/park/communities/:id', component: lazy(() => import('./community')) },
    { path: '/park/communities/:id/grid', component: lazy(() => import('./grid')) },
    { path: '/park/communities/:id/waitlist', component: lazy(() => import('./waitlist')) },
    { path: '/park/communities/:id/occupancy', component: lazy(() => import('./occupancy')) },
  ],
  dashboard: lazy(() => import('./dashboard')),
  words: () => import('../../i18n/workspaces/park').then((m) => ({ zh: m.PARK_ZH, en: m.PARK_EN })),
};
