import { auditRecord, commit } from '../audit';
import type { Ctx } from '../context';
import { hasRole } from '../context';
import { retryOnConflict, TransactionConflictError } from '../db/transact';
import { ConflictError, ForbiddenError, NotEligibleError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { hasMentored } from '../mentors';
import { refuseOwnRecord } from '../duties';
import { findStartup as getStartup } from '../startups';
import { peopleOf } from '../startups';
import { ACTIVE_STARTUP_STATUSES } from '../startups';
import { getEvent, eventCondition, saveEventWrite } from './repository';
import type { PageQuery } from '../db/pagination';
import { getStaffMember } from '../staff';
import { assertInStaffDirectory } from '../staff';
import {
  allEntriesScoredCheck,
  getEntry,
  getJudge,
  listEntryTallies,
  listJudgeItems,
  newEntryWrites,
  newJudgeWrite,
  newScoreWrites,
  removeJudgeWrite,
} from './judging-repository';
import { rankEntries } from './ranking';
import { CRITERIA, JUDGED_KINDS, type CreateEntry, type Entry, type Judge, type ProgrammeEvent, type Ranking, type Score, type SubmitScore } from './schema';
import { loadEvent } from './service';

function assertJudged(event: ProgrammeEvent): void {
  if (!JUDGED_KINDS.includes(event.kind)) {
    throw new UnprocessableError(`A ${event.kind} has no entries or judging; only competitions and roadshows do.`, 'NOT_JUDGED');
  }
}

const resultsPublished = () => new ConflictError('The results of this event are already published.', 'RESULTS_PUBLISHED');

/** Entries and scores are taken while the event is published or closed and its results are not out. */
function assertJudgingOpen(event: ProgrammeEvent): void {
  assertJudged(event);
  if (event.resultsPublishedAt) throw resultsPublished();
  if (event.status !== 'published' && event.status !== 'closed') {
    throw new ConflictError(`A ${event.status} event takes no entries or scores.`, 'EVENT_NOT_OPEN', { currentStatus: event.status });
  }
}

/** Judges score, and results are published, only once the event has started (the roadshow day). */
function assertStarted(ctx: Ctx, event: ProgrammeEvent, what: string): void {
  if (ctx.now.getTime() < new Date(event.startsAt).getTime()) {
    throw new ConflictError(`${what} once the event has started, at ${event.startsAt}.`, 'JUDGING_NOT_STARTED', { startsAt: event.startsAt });
  }
}

const judgingOpenCondition = (eventId: string) =>
  eventCondition(
    eventId,
    '#status IN (:published, :closed) AND attribute_not_exists(#resultsPublishedAt)',
    { ':published': 'published', ':closed': 'closed' },
    resultsPublished,
  );

/** Enters a startup that is approved or incubating: its founder, or an officer on its behalf; once per event. */
export async function createEntry(ctx: Ctx, eventId: string, input: CreateEntry): Promise<Entry> {
  const event = await loadEvent(ctx, eventId);
  assertJudgingOpen(event);
  const startup = await getStartup(input.startupId);
  if (!startup || (!hasRole(ctx, 'officer') && startup.founderUserId !== ctx.actor.sub)) throw new NotFoundError('startup');
  if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
    throw new NotEligibleError('startupActive', `Only approved or incubating startups can enter; this one is ${startup.status}.`);
  }
  const entry: Entry = {
    id: newId('ent'),
    eventId,
    startupId: startup.id,
    startupName: startup.name,
    pitchTitle: input.pitchTitle,
    summary: input.summary,
    enteredBy: ctx.actor.sub,
    createdAt: ctx.now.toISOString(),
  };
  await retryOnConflict(() =>
    commit(ctx, [
      ...newEntryWrites(entry),
      judgingOpenCondition(eventId),
      auditRecord(ctx, { action: 'eventEntry.created', entityType: 'eventEntry', entityId: entry.id, after: entry }),
    ]),
  );
  return entry;
}

/** Judges are the officers and mentors of the staff directory (those are the roles that may score). */
const JUDGE_ROLES = ['officer', 'mentor'] as const;

function assertJudgesChangeable(event: ProgrammeEvent, verb: string): void {
  if (event.resultsPublishedAt || event.status === 'completed' || event.status === 'cancelled') {
    throw new ConflictError(
      `Judges cannot be ${verb} a ${event.status} event${event.resultsPublishedAt ? ' whose results are published' : ''}.`,
      'EVENT_NOT_OPEN',
      {
        currentStatus: event.status,
      },
    );
  }
}

/** Makes a mentor or officer of the staff directory a judge of a competition or roadshow. */
export async function assignJudge(ctx: Ctx, eventId: string, userId: string): Promise<Judge> {
  const event = await loadEvent(ctx, eventId);
  assertJudged(event);
  assertJudgesChangeable(event, 'added to');
  await assertInStaffDirectory(userId, JUDGE_ROLES, 'userId');
  const judge: Judge = { eventId, userId, assignedBy: ctx.actor.sub, assignedAt: ctx.now.toISOString() };
  await commit(ctx, [newJudgeWrite(judge), auditRecord(ctx, { action: 'eventJudge.assigned', entityType: 'event', entityId: eventId, after: judge })]);
  return judge;
}

/** Takes a judge off an event, as long as they have not scored any of its entries (409 JUDGE_HAS_SCORED). */
export async function removeJudge(ctx: Ctx, eventId: string, userId: string): Promise<Judge> {
  const event = await loadEvent(ctx, eventId);
  assertJudged(event);
  const judge = await getJudge(eventId, userId);
  if (!judge) throw new NotFoundError('judge of this event');
  assertJudgesChangeable(event, 'removed from');
  await commit(ctx, [
    removeJudgeWrite(eventId, userId),
    auditRecord(ctx, { action: 'eventJudge.removed', entityType: 'event', entityId: eventId, before: judge }),
  ]);
  return judge;
}

/** The judges of an event with their directory names and how many entries each has scored (officers, auditors). */
export async function listJudges(ctx: Ctx, eventId: string, page: PageQuery): Promise<{ items: Judge[]; nextCursor: string | null }> {
  const event = await loadEvent(ctx, eventId);
  assertJudged(event);
  const found = await listJudgeItems(eventId, page);
  const items = await Promise.all(
    found.items.map(async (judge) => {
      const member = await getStaffMember(judge.userId);
      return { ...judge, scoreCount: judge.scoreCount ?? 0, ...(member ? { displayName: member.displayName } : {}) };
    }),
  );
  return { items, nextCursor: found.nextCursor };
}

/** The entries of a competition or roadshow, in entry order: to officers, auditors and the event's judges (others 404). */
export async function listEntries(ctx: Ctx, eventId: string): Promise<{ items: Entry[]; nextCursor: null }> {
  const event = await loadEvent(ctx, eventId);
  if (!JUDGED_KINDS.includes(event.kind)) throw new NotFoundError('entries');
  if (!hasRole(ctx, 'officer') && !hasRole(ctx, 'auditor') && !(await getJudge(eventId, ctx.actor.sub))) throw new NotFoundError('entries');
  const tallies = await listEntryTallies(eventId);
  const items = tallies
    .map(({ id, eventId: ofEvent, startupId, startupName, pitchTitle, summary, enteredBy, createdAt }) => ({
      id,
      eventId: ofEvent,
      startupId,
      startupName,
      pitchTitle,
      summary,
      enteredBy,
      createdAt,
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { items, nextCursor: null };
}

/**
 * Records one judge's score of one entry, once. A mentor who is or was assigned to the startup
 * cannot judge it (conflict of interest).
 */
export async function submitScore(ctx: Ctx, eventId: string, entryId: string, input: SubmitScore): Promise<Score> {
  const event = await loadEvent(ctx, eventId);
  assertJudgingOpen(event);
  if (!(await getJudge(eventId, ctx.actor.sub))) throw new ForbiddenError('You are not a judge of this event.', 'NOT_A_JUDGE');
  const entry = await getEntry(eventId, entryId);
  if (!entry) throw new NotFoundError('entry');
  const startup = await getStartup(entry.startupId);
  if (startup) refuseOwnRecord(ctx, peopleOf(startup), 'an entry');
  if (await hasMentored(ctx.actor.sub, entry.startupId)) {
    throw new ConflictError('You mentor (or mentored) this startup and cannot score its entry.', 'CONFLICT_OF_INTEREST');
  }
  assertStarted(ctx, event, 'Entries are scored');
  const score: Score = {
    ...input,
    eventId,
    entryId,
    judgeUserId: ctx.actor.sub,
    total: CRITERIA.reduce((sum, criterion) => sum + input[criterion], 0),
    createdAt: ctx.now.toISOString(),
  };
  await retryOnConflict(async () => {
    const tally = await getEntry(eventId, entryId);
    await commit(ctx, [
      ...newScoreWrites(score, tally!.scoreCount),
      judgingOpenCondition(eventId),
      auditRecord(ctx, { action: 'eventScore.submitted', entityType: 'eventEntry', entityId: entryId, after: score }),
    ]);
  });
  return score;
}

/**
 * The ranking: to officers and the event's judges at any time, to everyone once the results are
 * published (anonymous callers come through the public route, where credentials are not read).
 */
export async function getRanking(ctx: Ctx, eventId: string): Promise<Ranking> {
  const event = await getEvent(eventId);
  if (!event || !JUDGED_KINDS.includes(event.kind)) throw new NotFoundError('ranking');
  const published = Boolean(event.resultsPublishedAt);
  if (!published) {
    const judge = (hasRole(ctx, 'mentor') || hasRole(ctx, 'officer')) && (await getJudge(eventId, ctx.actor.sub));
    if (!hasRole(ctx, 'officer') && !judge) throw new NotFoundError('published ranking');
  }
  const items = rankEntries(await listEntryTallies(eventId));
  return { eventId, published, ...(event.resultsPublishedAt ? { resultsPublishedAt: event.resultsPublishedAt } : {}), items };
}

const scoresMissing = (entryIds: string[] = []) =>
  new ConflictError('Every entry needs at least two scores before the results are published.', 'SCORES_MISSING', { entryIds });

/** Publishes the ranking, once, when every entry has at least two scores. */
export async function publishResults(ctx: Ctx, eventId: string): Promise<ProgrammeEvent> {
  return retryOnConflict(async () => {
    const before = await loadEvent(ctx, eventId);
    assertJudged(before);
    if (before.resultsPublishedAt) throw resultsPublished();
    if (before.status === 'draft' || before.status === 'cancelled') {
      throw new ConflictError(`A ${before.status} event has no results to publish.`, 'EVENT_NOT_OPEN', { currentStatus: before.status });
    }
    assertStarted(ctx, before, 'Results are published');
    const entries = await listEntryTallies(eventId);
    if (entries.length === 0) throw new UnprocessableError('The event has no entries.', 'NO_ENTRIES');
    const missing = entries.filter((entry) => entry.scoreCount < 2).map((entry) => entry.id);
    if (missing.length > 0) throw scoresMissing(missing);
    const at = ctx.now.toISOString();
    const after: ProgrammeEvent = { ...before, resultsPublishedAt: at, updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      saveEventWrite(after, before.version, () => new TransactionConflictError()),
      // The counter, not the entries read above, is what the transaction can hold still.
      allEntriesScoredCheck(eventId, () => scoresMissing()),
      auditRecord(ctx, {
        action: 'event.resultsPublished',
        entityType: 'event',
        entityId: eventId,
        before,
        after,
        event: { type: 'EventResultsPublished', data: { eventId, entries: entries.length } },
      }),
    ]);
    return after;
  });
}
