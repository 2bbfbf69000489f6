import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

export const workspace: Workspace = {
  role: 'finance',
  nav: [
    { href: '/finance/programmes', key: 'finance.nav.programmes' },
    { href: '/finance/batches/new', key: 'finance.nav.prepare' },
    { href: '/finance/batches', key: 'finance.nav.batches' },
    { href: '/finance/reviews', key: 'finance.nav.reviews' },
    { href: '/finance/ledger', key: 'finance.nav.ledger' },
  ],
  // `new` before `:id`: the router takes the first route that matches.
  routes: [
    { path: '/finance/programmes', component: lazy(() => import('./programmes')) },
    { path: '/finance/batches/new', component: lazy(() => import('./batch-new')) },
    { path: '/finance/batches', component: lazy(() => import('./batches')) },
    { path: '/finance/batches/:id', component: lazy(() => import('./batch')) },
    { path: '/finance/reviews', component: lazy(() => import('./reviews')) },
    { path: '/finance/ledger', component: lazy(() => import('./ledger')) },
  ],
  dashboard: lazy(() => import('./dashboard')),
  words: () => import('../../i18n/workspaces/finance').then((m) => ({ zh: m.FINANCE_ZH, en: m.FINANCE_EN })),
};
