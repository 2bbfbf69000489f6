import type { Ctx } from '../context';
import type { Startup } from './schema';

/**
 * Who besides staff and the founder may read a startup. Modules that relate people to startups
 * (the park manager of its community, its mentors) register a rule here; any rule saying yes is enough.
 */
export type StartupViewerRule = (ctx: Ctx, startup: Startup) => Promise<boolean>;

const rules: StartupViewerRule[] = [];

export function addStartupViewerRule(rule: StartupViewerRule): void {
  rules.push(rule);
}

/** Whether a registered rule lets the caller read this startup. */
export async function isStartupViewer(ctx: Ctx, startup: Startup): Promise<boolean> {
  for (const rule of rules) if (await rule(ctx, startup)) return true;
  return false;
}
