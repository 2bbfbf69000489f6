import lazy from 'preact-iso/lazy';
import type { Workspace } from '../workspace';

export const workspace: Workspace = {
  role: 'officer',
  nav: [],
  routes: [],
  dashboard: lazy(() => import('./dashboard')),
};
