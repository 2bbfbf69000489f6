import type { Ctx } from '../context';
import { getItems } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { hasMentored } from '../mentors';
import { EventJudgeEntity, listEntryTallies } from './judging-repository';
import { eventKeys, getEvent } from './repository';
import type { JudgingTask } from './schema';

/**
 * The events the caller judges, newest assignment first, each with its entries and whether the
 * caller has scored them: one Query of the caller's judge items (gsi1), then per event its item,
 * its entries (one Query, capped per event) and the caller's score items by key.
 */
export async function myJudgingTasks(ctx: Ctx, page: PageQuery): Promise<{ items: JudgingTask[]; nextCursor: string | null }> {
  const me = ctx.actor.sub;
  const judges = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: eventKeys.judgingOf(me), newestFirst: true, page });
  const items: JudgingTask[] = [];
  for (const judge of judges.items.map(EventJudgeEntity.fromItem)) {
    const event = await getEvent(judge.eventId);
    if (!event) continue;
    const entries = await listEntryTallies(event.id);
    const scores = entries.length ? await getItems(entries.map((entry) => eventKeys.score(event.id, entry.id, me))) : [];
    const open = (event.status === 'published' || event.status === 'closed') && !event.resultsPublishedAt && event.startsAt <= ctx.now.toISOString();
    const rows = await Promise.all(
      entries.map(async (entry, i) => ({
        id: entry.id,
        startupId: entry.startupId,
        startupName: entry.startupName,
        pitchTitle: entry.pitchTitle,
        scoredByMe: scores[i] !== undefined,
        conflictOfInterest: await hasMentored(me, entry.startupId),
      })),
    );
    items.push({
      event: {
        id: event.id,
        kind: event.kind,
        title: event.title,
        startsAt: event.startsAt,
        status: event.status,
        ...(event.resultsPublishedAt ? { resultsPublishedAt: event.resultsPublishedAt } : {}),
      },
      assignedAt: judge.assignedAt,
      open,
      entries: rows,
      toScore: open ? rows.filter((r) => !r.scoredByMe && !r.conflictOfInterest).length : 0,
    });
  }
  return { items, nextCursor: judges.nextCursor };
}
