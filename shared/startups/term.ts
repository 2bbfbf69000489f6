import { auditRecord, commit } from '../audit';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import { defineEntity } from '../db/entity';
import { putNew } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { peopleOf } from './founders';
import { getStartup as readStartup, saveStartupWrite } from './repository';
import { ACTIVE_STARTUP_STATUSES, type Startup } from './schema';
import { addMonths, getStartup } from './service';
import { MAX_INCUBATION_MONTHS, type ExtendIncubation, type RecordReview, type Review } from './term-schema';

/** A startup not reviewed for this many months is overdue for its annual review. */
export const REVIEW_INTERVAL_MONTHS = 12;

const reviewKeys = {
  review: (startupId: string, day: string, id: string) => ({ pk: `STARTUP#${startupId}`, sk: `REVIEW#${day}#${id}` }),
  prefix: 'REVIEW#',
};

/** One annual review, in the startup's partition. */
export const ReviewEntity = defineEntity<Review, { startupId: string; reviewedOn: string; id: string }>({
  name: 'review',
  module: 'startups',
  prefix: 'STARTUP#',
  skPrefix: reviewKeys.prefix,
  key: (review) => reviewKeys.review(review.startupId, review.reviewedOn, review.id),
  serves: "one startup's reviews, newest first (begins_with REVIEW#)",
});

async function staffStartup(ctx: Ctx, id: string): Promise<Startup> {
  const startup = await readStartup(id);
  if (!startup) throw new NotFoundError('startup');
  refuseOwnRecord(ctx, peopleOf(startup), 'a startup');
  return startup;
}

/**
 * Officer: extends the term once, with a reason; the whole term from the start never exceeds 36
 * months. `incubationEnd` is the term's last day.
 */
export async function extendIncubation(ctx: Ctx, id: string, input: ExtendIncubation): Promise<Startup> {
  return retryOnConflict(async () => {
    const startup = await staffStartup(ctx, id);
    if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
      throw new ConflictError(`A ${startup.status} startup has no term to extend.`, 'STARTUP_NOT_ACTIVE');
    }
    if (startup.extension) throw new ConflictError('The term has been extended once already.', 'ALREADY_EXTENDED');
    const end = addMonths(startup.incubationEnd, input.months);
    const most = addMonths(startup.incubationStart, MAX_INCUBATION_MONTHS);
    if (end > most) {
      throw new UnprocessableError(`The term may run to ${most} at most (${MAX_INCUBATION_MONTHS} months from the start).`, 'TERM_TOO_LONG', { most });
    }
    const at = ctx.now.toISOString();
    const after: Startup = {
      ...startup,
      incubationEnd: end,
      extension: { months: input.months, reason: input.reason, previousEnd: startup.incubationEnd, by: ctx.actor.sub, at },
      updatedAt: at,
      version: startup.version + 1,
    };
    await commit(ctx, [
      saveStartupWrite(after, startup.version, () => new TransactionConflictError()),
      auditRecord(ctx, { action: 'startup.term_extended', entityType: 'startup', entityId: id, before: startup, after }),
    ]);
    return after;
  });
}

/** Officer: the annual review of an incubating startup, recorded with the startup's `lastReviewedOn`. */
export async function recordReview(ctx: Ctx, id: string, input: RecordReview): Promise<Review> {
  return retryOnConflict(async () => {
    const startup = await staffStartup(ctx, id);
    if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
      throw new ConflictError(`Reviews are of startups in the programme; this one is ${startup.status}.`, 'STARTUP_NOT_ACTIVE');
    }
    const at = ctx.now.toISOString();
    const review: Review = { id: newId('rvw'), startupId: id, reviewedOn: dayOf(ctx.now), reviewedBy: ctx.actor.sub, ...input, createdAt: at };
    const after: Startup = { ...startup, lastReviewedOn: review.reviewedOn, updatedAt: at, version: startup.version + 1 };
    await commit(ctx, [
      putNew(ReviewEntity.toItem(review), () => new ConflictError('Review id collision; retry.')),
      saveStartupWrite(after, startup.version, () => new TransactionConflictError()),
      auditRecord(ctx, { action: 'startup.reviewed', entityType: 'startup', entityId: id, before: undefined, after: review }),
    ]);
    return review;
  });
}

/** A startup's reviews, newest first, to whoever may read the startup. */
export async function listReviews(ctx: Ctx, id: string, page: PageQuery) {
  await getStartup(ctx, id);
  const result = await queryPage<Record<string, unknown>>({
    partition: reviewKeys.review(id, '', '').pk,
    beginsWith: reviewKeys.prefix,
    newestFirst: true,
    page,
  });
  return { items: result.items.map(ReviewEntity.fromItem), nextCursor: result.nextCursor };
}

/** Whether the startup's annual review is overdue on `day` (12 months since the last review, or since the start). */
export function isReviewOverdue(startup: Pick<Startup, 'lastReviewedOn' | 'incubationStart'>, day: string): boolean {
  return addMonths(startup.lastReviewedOn ?? startup.incubationStart, REVIEW_INTERVAL_MONTHS) < day;
}
