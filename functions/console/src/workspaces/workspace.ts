import type { ComponentType } from 'preact';
import type { MessageKey, Words } from '../i18n';

export interface NavItem {
  href: string;
  key: MessageKey;
}

/**
 * A staff role's workspace: its menu, its pages (each a lazily loaded chunk) and the to-do
 * dashboard that is its home. Pages live in `workspaces/<role>/`, their words in
 * `i18n/workspaces/<role>.ts`; `app.tsx` only lists the workspaces.
 */
export interface Workspace {
  role: 'officer' | 'mentor' | 'park_manager' | 'finance' | 'auditor';
  nav: NavItem[];
  routes: { path: string; component: ComponentType<Record<string, unknown>> }[];
  dashboard: ComponentType<Record<string, unknown>>;
  /** The workspace's words, fetched when someone first acts in this role. */
  words: () => Promise<Words>;
}
