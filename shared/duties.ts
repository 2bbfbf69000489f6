import type { Ctx } from './context';
import { ForbiddenError } from './errors';

/**
 * Separation of duties: nobody acts as staff on their own record, whatever roles they hold. An
 * officer who is also an applicant cannot verify their own claim or decide their own application; a
 * finance user cannot batch or approve money that pays them; a reviewer or judge cannot score their
 * own application or entry. `people` are the logins the record belongs to (claimant, founders …).
 */
export function refuseOwnRecord(ctx: Ctx, people: ReadonlyArray<string | undefined>, what: string): void {
  if (ctx.actor.kind === 'user' && people.includes(ctx.actor.sub)) {
    throw new ForbiddenError(`You may not act as staff on ${what} that is your own.`, 'OWN_RECORD');
  }
}
