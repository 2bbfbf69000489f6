import { auditRecord, commit, commitBookkeeping } from '../audit';
import { workingDaysAfter } from '../calendar';
import { yearOf } from '../clock';
import type { Ctx } from '../context';
import { doneWrite, dueBy } from '../db/due';
import { withLimitedConcurrency } from '../db/hot-item';
import { getItems } from '../db/items';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import type { JobSummary } from '../jobs';
import {
  createNoticeWrite,
  getNotice,
  getSequence,
  listNotices,
  nextNumberWrite,
  noticeCloseDue,
  noticeCloseDueWrite,
  saveNoticeWrite,
} from './notice-repository';
import type { DisclosureNotice, PublicNotice, PublishNotice } from './notice-schema';
import { requireProgramme } from '../programmes';
import { beneficiariesOf, saveClaimWrite, claimKeys, type ClaimItem } from './repository';

/**
 * Publishes verified claims of one programme as a disclosure notice (公示公告) numbered `YYYY-NNN`.
 * Its window is the programme's working days, starting the working day after publication and ending
 * at 24:00 Beijing time of the last one (the calendar decides which days are worked). Each claim is
 * stamped with the notice and its window in the same transaction: a claim is on one notice only.
 */
export async function publishNotice(ctx: Ctx, input: PublishNotice): Promise<DisclosureNotice> {
  const programme = await requireProgramme(input.programmeId);
  // Every notice of a year takes the next number from one counter: queue them in this process.
  return withLimitedConcurrency('notice-number', 1, () =>
    retryOnConflict(async () => {
      const claims = await getItems<ClaimItem>(input.claimIds.map((id) => claimKeys.claim(id)));
      for (const [i, claim] of claims.entries()) {
        const claimId = input.claimIds[i]!;
        if (!claim || claim.programmeId !== programme.id) {
          throw new UnprocessableError(`Claim ${claimId} is not a claim of this programme.`, 'CLAIM_NOT_IN_PROGRAMME', { claimId });
        }
        if (claim.noticeId) throw new ConflictError(`Claim ${claimId} is already on notice ${claim.noticeNumber}.`, 'CLAIM_ALREADY_PUBLISHED', { claimId });
        if (claim.status !== 'verified') {
          throw new ConflictError(`Claim ${claimId} is ${claim.status}: only verified claims are published.`, 'CLAIM_NOT_VERIFIED', { claimId });
        }
        refuseOwnRecord(ctx, beneficiariesOf(claim), 'a claim');
      }
      const verified = claims as ClaimItem[];
      const window = await workingDaysAfter(ctx.now, programme.disclosureWorkingDays);
      const year = yearOf(ctx.now);
      const last = await getSequence(year);
      const at = ctx.now.toISOString();
      const notice: DisclosureNotice = {
        id: newId('dsn'),
        number: `${year}-${String(last + 1).padStart(3, '0')}`,
        programmeId: programme.id,
        programmeName: programme.name,
        programmeKind: programme.kind,
        policy: programme.policy,
        status: 'open',
        publishedAt: at,
        publishedBy: ctx.actor.sub,
        workingDays: programme.disclosureWorkingDays,
        firstDay: window.firstDay,
        lastDay: window.lastDay,
        closesAt: window.endsAt,
        ...(window.weekendsOnlyYears.length > 0
          ? {
              calendarNote: `No holiday calendar is on record for ${window.weekendsOnlyYears.join(', ')}: only Saturdays and Sundays were counted as non-working days.`,
            }
          : {}),
        lines: verified.map((claim) => ({
          claimId: claim.id,
          name: claim.applicantNameMasked,
          idNumberMasked: claim.idNumberMasked,
          ...(claim.startupName ? { startupName: claim.startupName } : {}),
          amountFen: claim.amountFen,
        })),
        claimCount: verified.length,
        totalFen: verified.reduce((sum, claim) => sum + claim.amountFen, 0),
        version: 1,
      };
      await commit(ctx, [
        nextNumberWrite(year, last),
        createNoticeWrite(notice),
        noticeCloseDueWrite(notice),
        ...verified.map((claim) =>
          saveClaimWrite(
            { ...claim, noticeId: notice.id, noticeNumber: notice.number, disclosureStartsAt: at, disclosureEndsAt: notice.closesAt, updatedAt: at },
            claim.version,
          ),
        ),
        auditRecord(ctx, {
          action: 'disclosureNotice.published',
          entityType: 'disclosureNotice',
          entityId: notice.id,
          after: notice,
          event: {
            type: 'DisclosureNoticePublished',
            data: { noticeId: notice.id, number: notice.number, programmeId: programme.id, claimCount: notice.claimCount, closesAt: notice.closesAt },
          },
        }),
      ]);
      return notice;
    }),
  );
}

export async function requireNotice(id: string): Promise<DisclosureNotice> {
  const notice = await getNotice(id);
  if (!notice) throw new NotFoundError('disclosure notice');
  return notice;
}

function publicView(notice: DisclosureNotice, now: Date): PublicNotice {
  const { publishedBy: _by, version: _v, ...rest } = notice;
  return { ...rest, open: now.toISOString() < notice.closesAt };
}

/** Published notices, newest first, names and identity numbers masked (no login). */
export async function listPublicNotices(ctx: Ctx, page: PageQuery) {
  const result = await listNotices(page);
  return { items: result.items.map((notice) => publicView(notice, ctx.now)), nextCursor: result.nextCursor };
}

/**
 * Scheduled: closes each notice whose window has ended (`DisclosureNoticeClosed`). Whether a claim
 * is payable is still decided from its own window when a batch is prepared; this makes the end a
 * recorded fact. Reads the notices due (marked when published) up to now; safe to run twice.
 */
export async function closeNotices(ctx: Ctx): Promise<JobSummary> {
  let closed = 0;
  for await (const due of dueBy('notice-close', ctx.now)) {
    const done = await retryOnConflict(async () => {
      const notice = await getNotice(due.ref);
      if (!notice || notice.status !== 'open' || notice.closesAt !== due.dueAt) {
        await commitBookkeeping([doneWrite(due)], { bookkeeping: 'the due mark of a notice already closed or moved' });
        return false;
      }
      const at = ctx.now.toISOString();
      const after: DisclosureNotice = { ...notice, status: 'closed', closedAt: at, version: notice.version + 1 };
      await commit(ctx, [
        saveNoticeWrite(after, notice.version),
        doneWrite(noticeCloseDue(notice)),
        auditRecord(ctx, {
          action: 'disclosureNotice.closed',
          entityType: 'disclosureNotice',
          entityId: notice.id,
          before: notice,
          after,
          event: {
            type: 'DisclosureNoticeClosed',
            data: { noticeId: notice.id, number: notice.number, programmeId: notice.programmeId, claimCount: notice.claimCount },
          },
        }),
      ]);
      return true;
    });
    if (done) closed += 1;
  }
  return { closed };
}
