import { auditRecord, commit } from '../audit';
import { hasRole, type Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { refuseOwnRecord } from '../duties';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { maskIdNumber } from '../privacy';
import type { ChangeRequest, ChangeRequestStatus, CreateChangeRequest, DecideChangeRequest } from './change-request-schema';
import { birthDateOf, idNumberFingerprint } from './identity';
import {
  createChangeRequestWrites,
  decideChangeRequestWrites,
  fromChangeRequestItem,
  fromItem,
  getApplicantItem,
  getChangeRequestItem,
  listChangeRequestsByStatus,
  listChangeRequestsOf,
  moveIdNumberWrites,
  updateWrite,
  type ChangeRequestItem,
} from './repository';
import { categoryFactsProblem, type Applicant } from './schema';
import { myApplicantItem } from './service';

const FIELDS = ['name', 'category', 'graduation', 'veteranDischargedOn'] as const;

/** The applicant asks to change facts that decide money, or their identity; nothing changes until an officer approves. */
export async function requestChange(ctx: Ctx, input: CreateChangeRequest): Promise<ChangeRequest> {
  const item = await myApplicantItem(ctx);
  const current = fromItem(item);
  const proposed: Partial<Applicant> = {};
  const changes: ChangeRequest['changes'] = {};
  for (const field of FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const after = value === null ? undefined : value;
    if (JSON.stringify(current[field]) === JSON.stringify(after)) continue;
    (proposed as Record<string, unknown>)[field] = value;
    changes[field] = { before: current[field], after };
  }
  let idNumberHash: string | undefined;
  if (input.idNumber) {
    idNumberHash = await idNumberFingerprint(input.idNumber);
    if (idNumberHash !== item.idNumberHash) {
      proposed.idNumberMasked = maskIdNumber(input.idNumber);
      proposed.birthDate = birthDateOf(input.idNumber)!;
      changes.idNumber = { before: current.idNumberMasked, after: proposed.idNumberMasked };
    } else idNumberHash = undefined;
  }
  if (Object.keys(changes).length === 0) throw new UnprocessableError('Nothing in the request differs from your profile.', 'NOTHING_TO_CHANGE');
  const merged = { ...current, ...withoutNulls(proposed) };
  const problem = categoryFactsProblem(merged);
  if (problem) throw new ValidationError(problem.message, [{ field: `body.${problem.field}`, message: problem.message }]);
  const request: ChangeRequestItem = {
    id: newId('chg'),
    applicantId: current.id,
    applicantUserId: current.userId,
    status: 'pending',
    changes,
    reason: input.reason,
    evidence: input.evidence,
    submittedAt: ctx.now.toISOString(),
    version: 1,
    proposed,
    ...(idNumberHash ? { idNumberHash } : {}),
  };
  const view = fromChangeRequestItem(request as unknown as Record<string, unknown>);
  await commit(ctx, [
    ...createChangeRequestWrites(request),
    auditRecord(ctx, { action: 'applicant.change_requested', entityType: 'applicant', entityId: current.id, after: view }),
  ]);
  return view;
}

function withoutNulls(fields: Partial<Applicant>): Partial<Applicant> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as Partial<Applicant>;
}

/**
 * An officer (never the applicant themself) approves or rejects a pending request. Approval changes
 * the profile in the same transaction, audited before and after; a new identity number moves the
 * one-profile-per-person constraint with it.
 */
export async function decideChange(ctx: Ctx, id: string, input: DecideChangeRequest): Promise<ChangeRequest> {
  return retryOnConflict(async () => {
    const request = await getChangeRequestItem(id);
    if (!request) throw new NotFoundError('change request');
    refuseOwnRecord(ctx, [request.applicantUserId], 'a change request');
    if (request.status !== 'pending') throw new ConflictError(`The request was already ${request.status}.`, 'CHANGE_REQUEST_DECIDED');
    const at = ctx.now.toISOString();
    const decided: ChangeRequestItem = {
      ...request,
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: ctx.actor.sub,
      decidedAt: at,
      decisionReason: input.reason,
      version: request.version + 1,
    };
    const view = fromChangeRequestItem(decided as unknown as Record<string, unknown>);
    const writes = [
      ...decideChangeRequestWrites(decided, request.version),
      auditRecord(ctx, {
        action: `applicant.change_${decided.status}`,
        entityType: 'changeRequest',
        entityId: id,
        before: fromChangeRequestItem(request as never),
        after: view,
      }),
    ];
    if (input.decision === 'approve') {
      const item = await getApplicantItem(request.applicantId);
      if (!item) throw new NotFoundError('applicant');
      const before = fromItem(item);
      const after: Applicant = { ...before, ...withoutNulls(request.proposed), updatedAt: at, version: item.version + 1 };
      for (const [field, value] of Object.entries(request.proposed)) if (value === null) delete (after as Record<string, unknown>)[field];
      const hash = request.idNumberHash ?? item.idNumberHash;
      writes.push(
        updateWrite(after, hash, item.version),
        ...(request.idNumberHash ? moveIdNumberWrites(item.id, item.idNumberHash, request.idNumberHash) : []),
        auditRecord(ctx, { action: 'applicant.changed_by_request', entityType: 'applicant', entityId: item.id, before, after }),
      );
    }
    await commit(ctx, writes);
    return view;
  });
}

const isStaff = (ctx: Ctx) => hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');

/** A change request, to officers, auditors and the applicant who made it (to anyone else it does not exist). */
export async function getChange(ctx: Ctx, id: string): Promise<ChangeRequest> {
  const request = await getChangeRequestItem(id);
  if (!request || (!isStaff(ctx) && request.applicantUserId !== ctx.actor.sub)) throw new NotFoundError('change request');
  return fromChangeRequestItem(request as never);
}

/** The caller's own change requests, newest first. */
export async function listMyChanges(ctx: Ctx, page: PageQuery) {
  const item = await myApplicantItem(ctx);
  return listChangeRequestsOf(item.id, page);
}

/** Officers' queue: change requests by status, oldest first. */
export function listChanges(status: ChangeRequestStatus, page: PageQuery) {
  return listChangeRequestsByStatus(status, page);
}
