import { workspace as auditor } from './audit';
import { workspace as finance } from './finance';
import { workspace as mentor } from './mentor';
import { workspace as officer } from './officer';
import { workspace as park } from './park';
import type { Workspace } from './workspace';

/** Every staff workspace, in the order of the sign-in page's roles. */
export const WORKSPACES: Workspace[] = [officer, mentor, park, finance, auditor];

export function workspaceOf(role: string | null): Workspace | undefined {
  return WORKSPACES.find((w) => w.role === role);
}
