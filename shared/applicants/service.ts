import type { Ctx } from '../context';
import { hasRole } from '../context';
import { newId } from '../ids';
import { maskIdNumber } from '../privacy';
import { AppError, ForbiddenError, NotFoundError, PreconditionFailedError, TooManyRequestsError } from '../errors';
import { addDays, dayOf, startOfDay } from '../clock';
import { slotWrite, takeSlot } from '../db/slots';
import { auditRecord, commit } from '../audit';
import type { PageQuery } from '../db/pagination';
import { birthDateOf, idNumberFingerprint } from './identity';
import {
  applicantKeys,
  RegistrationAttemptsEntity,
  fromItem,
  getApplicantIdOfUser,
  getApplicantItem,
  listApplicantItems,
  registrationWrites,
  releaseIdNumberWrites,
  updateWrite,
  type ApplicantItem,
} from './repository';
import type { Applicant, ApplicantCategory, RegisterApplicant, ReleaseIdentity, UpdateApplicant } from './schema';

/** Registration attempts a login may make in a (Beijing) day: enough for typing mistakes, too few to guess numbers. */
export function registrationAttemptsPerDay(): number {
  return Number(process.env.FUHUA_REGISTRATION_ATTEMPTS_PER_DAY ?? 5);
}

/**
 * Registers the caller's own profile: one per login and one per identity number. A refusal never
 * says which (see `registrationRefused`), and each login has a daily ceiling of attempts.
 */
export async function registerApplicant(ctx: Ctx, input: RegisterApplicant): Promise<Applicant> {
  const { idNumber, ...profile } = input;
  const at = ctx.now.toISOString();
  const applicant: Applicant = {
    id: newId('apl'),
    userId: ctx.actor.sub,
    ...profile,
    idNumberMasked: maskIdNumber(idNumber),
    birthDate: birthDateOf(idNumber)!,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const fingerprint = await idNumberFingerprint(idNumber);
  // The attempt takes its slot of the day inside the registration's own transaction; a refused
  // registration rolls that back, so it is counted again on its own before the refusal is answered.
  const today = dayOf(ctx.now);
  const tomorrow = startOfDay(addDays(today, 1));
  const slotKey = applicantKeys.registrationAttempts(ctx.actor.sub, today);
  const slot = { entity: RegistrationAttemptsEntity.name, max: registrationAttemptsPerDay(), expiresAt: new Date(tomorrow.getTime() + 86_400_000) };
  const full = () =>
    new TooManyRequestsError(
      `At most ${slot.max} registration attempts a day are taken from one login; try again tomorrow, or ask the centre.`,
      Math.max(1, Math.ceil((tomorrow.getTime() - ctx.now.getTime()) / 1000)),
      'TOO_MANY_REGISTRATION_ATTEMPTS',
    );
  try {
    await commit(ctx, [
      slotWrite(slotKey, slot, full),
      ...registrationWrites(applicant, fingerprint),
      auditRecord(ctx, { action: 'applicant.registered', entityType: 'applicant', entityId: applicant.id, after: applicant }),
    ]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'REGISTRATION_REFUSED' && !(await takeSlot(slotKey, slot))) throw full();
    throw error;
  }
  return applicant;
}

export async function myApplicantItem(ctx: Ctx): Promise<ApplicantItem> {
  const id = await getApplicantIdOfUser(ctx.actor.sub);
  const item = id ? await getApplicantItem(id) : undefined;
  if (!item) throw new NotFoundError('applicant profile; register one with POST /v1/applicants');
  return item;
}

/** The applicant profile of the signed-in user (404 until they register). */
export async function getMyApplicant(ctx: Ctx): Promise<Applicant> {
  return fromItem(await myApplicantItem(ctx));
}

/** The profile of the signed-in user, or undefined: for modules that need the applicant behind a login. */
export async function findApplicantOfUser(sub: string): Promise<Applicant | undefined> {
  const id = await getApplicantIdOfUser(sub);
  const item = id ? await getApplicantItem(id) : undefined;
  return item ? fromItem(item) : undefined;
}

/**
 * The profile with this id if it is the signed-in user's own: one read where the caller's record
 * already names the applicant (an application, a claim), instead of two through the login.
 */
export async function findOwnApplicant(sub: string, applicantId: string): Promise<Applicant | undefined> {
  const item = await getApplicantItem(applicantId);
  return item && item.userId === sub ? fromItem(item) : undefined;
}

/** Changes the caller's contact details; facts that decide money change only through a change request. */
export async function updateMyApplicant(ctx: Ctx, patch: UpdateApplicant, expectedVersion: number): Promise<Applicant> {
  const item = await myApplicantItem(ctx);
  const before = fromItem(item);
  const after: Applicant = { ...before, ...patch, updatedAt: ctx.now.toISOString(), version: expectedVersion + 1 };
  await commit(ctx, [
    updateWrite(after, item.idNumberHash, expectedVersion),
    auditRecord(ctx, { action: 'applicant.updated', entityType: 'applicant', entityId: before.id, before, after }),
  ]);
  return after;
}

/** Officers and auditors read any profile; an applicant only their own (others look like 404). */
export async function getApplicant(ctx: Ctx, id: string): Promise<Applicant> {
  const item = await getApplicantItem(id);
  const staff = hasRole(ctx, 'officer') || hasRole(ctx, 'auditor');
  if (!item || (!staff && item.userId !== ctx.actor.sub)) throw new NotFoundError('applicant');
  return fromItem(item);
}

export async function listApplicants(ctx: Ctx, category: ApplicantCategory | undefined, page: PageQuery) {
  if (!hasRole(ctx, 'officer') && !hasRole(ctx, 'auditor')) throw new ForbiddenError();
  const result = await listApplicantItems(category, page);
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

/**
 * An officer frees the identity number a profile holds, after checking the documents of the
 * person it belongs to (someone registered it who should not have): the owner can then register.
 * The profile stays, marked, for the centre to follow up; the release is audited.
 */
export async function releaseIdentity(ctx: Ctx, id: string, input: ReleaseIdentity, expectedVersion: number): Promise<Applicant> {
  const item = await getApplicantItem(id);
  if (!item) throw new NotFoundError('applicant');
  if (item.version !== expectedVersion) throw new PreconditionFailedError();
  const before = fromItem(item);
  const at = ctx.now.toISOString();
  const after: Applicant = { ...before, identityReleased: { at, by: ctx.actor.sub, reason: input.reason }, updatedAt: at, version: before.version + 1 };
  await commit(ctx, [
    ...releaseIdNumberWrites(item, after),
    auditRecord(ctx, { action: 'applicant.identity_released', entityType: 'applicant', entityId: id, before, after }),
  ]);
  return after;
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export {
  ActiveApplicationEntity,
  applicantKeys,
  fromItem as applicantFromItem,
  getApplicantIdOfUser,
  getApplicantItem,
  releaseActiveSlotWrite,
} from './repository';
