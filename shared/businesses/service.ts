import { idNumberFingerprint } from '../applicants';
import { getApplicantItem } from '../applicants';
import { auditRecord, commit } from '../audit';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import { tableName } from '../db/table';
import { retryOnConflict, TransactionConflictError, type TxItem } from '../db/transact';
import { evidenceDocuments } from '../documents';
import { refuseOwnRecord } from '../duties';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { maskIdNumber } from '../privacy';
import { occupiedMonthsOf } from '../spaces';
import { peopleOf } from '../startups';
import { findStartup as readStartupRecord, listStartupsOfFounder, saveStartupWrite, startupKeys } from '../startups';
import { ACTIVE_STARTUP_STATUSES, type Startup } from '../startups';
import { getStartup } from '../startups';
import {
  businessKeys,
  claimCreditCodeWrite,
  firstBusinessOf,
  firstBusinessWrite,
  getBusiness as readBusiness,
  releaseCreditCodeWrite,
  saveBusinessWrite,
  submitBusinessWrite,
} from './repository';
import type { Business, DeregisterBusiness, RejectBusiness, SubmitBusiness, VerifyBusiness } from './schema';

/** The district the centre serves (`FUHUA_DISTRICT`): a business registered elsewhere is not the centre's. */
export function centreDistrict(): string {
  return process.env.FUHUA_DISTRICT?.trim() || '天府新区';
}

function audit(ctx: Ctx, action: string, before: Business | undefined, after: Business) {
  return auditRecord(ctx, { action: `business.${action}`, entityType: 'startup', entityId: after.startupId, before, after });
}

/** The communities a startup belongs to: the one it asked for and every one it holds or held space in. */
async function communitiesOf(startup: Startup): Promise<Set<string>> {
  const ids = new Set((await occupiedMonthsOf(startup.id)).map((month) => month.communityId));
  if (startup.preferredCommunityId) ids.add(startup.preferredCommunityId);
  return ids;
}

/** A credit-code item is absent or this startup's own; otherwise the code is taken (`message`). */
function codeFreeCheck(key: Record<string, string>, startupId: string, message: string): TxItem {
  return {
    ConditionCheck: {
      TableName: tableName(),
      Key: key,
      ConditionExpression: 'attribute_not_exists(pk) OR startupId = :startupId',
      ExpressionAttributeValues: { ':startupId': startupId },
    },
    onConditionFailed: () => new ConflictError(message, 'CREDIT_CODE_TAKEN'),
  };
}

/** The graduation credit code (startups module) must not belong to another startup either. */
function graduationCodeFreeCheck(code: string, startupId: string): TxItem {
  return codeFreeCheck(startupKeys.creditCode(code), startupId, 'Another startup has graduated with this credit code.');
}

/**
 * For graduation (startups module): the code is not the registered business of another startup,
 * submitted or active (a rejected submission has freed it).
 */
export function businessCodeFreeCheck(code: string, startupId: string): TxItem {
  return codeFreeCheck(businessKeys.creditCode(code), startupId, 'Another startup has registered a business with this credit code.');
}

/**
 * The founder submits the startup's registered business, at any point while it is in the programme.
 * The legal representative must be the founder (same identity number), the address in the centre's
 * district or the startup's community, and the credit code unused in Fuhua (claimed in the same transaction).
 */
export async function submitBusiness(ctx: Ctx, startupId: string, input: SubmitBusiness): Promise<Business> {
  const startup = await getStartup(ctx, startupId);
  if (startup.founderUserId !== ctx.actor.sub) throw new ForbiddenError("Only the founder submits the startup's business.", 'NOT_THE_FOUNDER');
  if (!ACTIVE_STARTUP_STATUSES.includes(startup.status)) {
    throw new ConflictError(`A business is registered while in the programme; this startup is ${startup.status}.`, 'STARTUP_NOT_ACTIVE');
  }
  const today = dayOf(ctx.now);
  if (input.registeredOn > today) throw new UnprocessableError(`${input.registeredOn} is after today (${today}).`, 'REGISTRATION_IN_FUTURE');
  const founder = await getApplicantItem(startup.founderApplicantId);
  if (!founder || (await idNumberFingerprint(input.legalRepresentative.idNumber)) !== founder.idNumberHash) {
    throw new UnprocessableError('The legal representative must be the founder (the identity number differs).', 'LEGAL_REPRESENTATIVE_NOT_FOUNDER');
  }
  const address = input.registeredAddress;
  if (address.district !== centreDistrict() && !(address.communityId && (await communitiesOf(startup)).has(address.communityId))) {
    throw new UnprocessableError(`The registered address must be in ${centreDistrict()} or in the startup's community.`, 'ADDRESS_OUTSIDE_DISTRICT', {
      district: centreDistrict(),
    });
  }
  if (input.licenceDocumentId) await evidenceDocuments([input.licenceDocumentId], { applicantId: startup.founderApplicantId, startupId });
  return retryOnConflict(async () => {
    const previous = await readBusiness(startupId);
    if (previous && previous.status !== 'rejected') throw new ConflictError(`The startup's business is ${previous.status}.`, 'BUSINESS_EXISTS');
    const at = ctx.now.toISOString();
    const { legalRepresentative, ...rest } = input;
    const business: Business = {
      ...rest,
      startupId,
      legalRepresentative: { name: legalRepresentative.name, idNumberMasked: maskIdNumber(legalRepresentative.idNumber), applicantId: founder.id },
      status: 'submitted',
      submittedBy: ctx.actor.sub,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
      version: (previous?.version ?? 0) + 1,
    };
    const codeWrites = input.creditCode ? [claimCreditCodeWrite(input.creditCode, startupId), graduationCodeFreeCheck(input.creditCode, startupId)] : [];
    await commit(ctx, [submitBusinessWrite(business, previous), ...codeWrites, audit(ctx, 'submitted', previous, business)]);
    return business;
  });
}

/** The startup's business, to whoever may read the startup. */
export async function getBusiness(ctx: Ctx, startupId: string): Promise<Business> {
  await getStartup(ctx, startupId);
  const business = await readBusiness(startupId);
  if (!business) throw new NotFoundError('business');
  return business;
}

async function staffAction(ctx: Ctx, startupId: string, expected: Business['status']): Promise<Business> {
  const startup = await getStartup(ctx, startupId);
  refuseOwnRecord(ctx, peopleOf(startup), 'a business');
  const business = await readBusiness(startupId);
  if (!business) throw new NotFoundError('business');
  if (business.status !== expected) {
    throw new ConflictError(`The business is ${business.status}, not ${expected}.`, 'INVALID_TRANSITION', { from: business.status });
  }
  return business;
}

/** Whether the founder registered a business in Fuhua before this one (a graduation or a verified business). */
async function hadEarlierBusiness(applicantId: string, founderUserId: string, startupId: string): Promise<{ earlier: boolean; marked: boolean }> {
  const first = await firstBusinessOf(applicantId);
  if (first && first.startupId !== startupId) return { earlier: true, marked: true };
  const startups = await listStartupsOfFounder(founderUserId, { limit: 100 });
  const graduated = startups.items.some((other) => other.id !== startupId && other.creditCode !== undefined);
  return { earlier: graduated, marked: first !== undefined };
}

/**
 * Officer: the business is checked against the licence (or shop) and becomes active. The first
 * business of a person is marked here, so a later one is never a first-time founder's. The startup
 * takes the business's credit code and registered name in the same transaction, so the rules that
 * read them (entity subsidies, once per credit code) see the business from the day it is verified.
 */
export async function verifyBusiness(ctx: Ctx, startupId: string, input: VerifyBusiness): Promise<Business> {
  return retryOnConflict(async () => {
    const before = await staffAction(ctx, startupId, 'submitted');
    const applicantId = before.legalRepresentative.applicantId;
    const startup = await getStartup(ctx, startupId);
    const { earlier, marked } = await hadEarlierBusiness(applicantId, startup.founderUserId, startupId);
    const at = ctx.now.toISOString();
    const after: Business = {
      ...before,
      status: 'active',
      firstTimeFounder: before.firstBusinessDeclared && !earlier,
      verifiedBy: ctx.actor.sub,
      verifiedAt: at,
      evidenceReference: input.evidenceReference,
      updatedAt: at,
      version: before.version + 1,
    };
    const record = await readStartupRecord(startupId);
    if (!record) throw new NotFoundError('startup');
    const registered: Startup = {
      ...record,
      ...(after.creditCode ? { creditCode: after.creditCode } : {}),
      businessName: after.name,
      updatedAt: at,
    };
    await commit(ctx, [
      saveBusinessWrite(after, before.version),
      saveStartupWrite(registered, record.version, () => new TransactionConflictError()),
      ...(marked ? [] : [firstBusinessWrite(applicantId, startupId, at)]),
      audit(ctx, 'verified', before, after),
    ]);
    return after;
  });
}

/** Officer: the submission does not match the licence; its credit code is freed and the founder may submit again. */
export async function rejectBusiness(ctx: Ctx, startupId: string, input: RejectBusiness): Promise<Business> {
  return retryOnConflict(async () => {
    const before = await staffAction(ctx, startupId, 'submitted');
    const at = ctx.now.toISOString();
    const after: Business = { ...before, status: 'rejected', rejectedReason: input.reason, updatedAt: at, version: before.version + 1 };
    await commit(ctx, [
      saveBusinessWrite(after, before.version),
      ...(before.creditCode ? [releaseCreditCodeWrite(before.creditCode, startupId)] : []),
      audit(ctx, 'rejected', before, after),
    ]);
    return after;
  });
}

/** Officer: the business was deregistered (注销) on a day; its credit code stays used. */
export async function deregisterBusiness(ctx: Ctx, startupId: string, input: DeregisterBusiness): Promise<Business> {
  return retryOnConflict(async () => {
    const before = await staffAction(ctx, startupId, 'active');
    const today = dayOf(ctx.now);
    if (input.deregisteredOn > today || input.deregisteredOn < before.registeredOn) {
      throw new UnprocessableError(`The deregistration day must lie between ${before.registeredOn} and today (${today}).`, 'DEREGISTRATION_DAY_OUT_OF_RANGE');
    }
    const at = ctx.now.toISOString();
    const after: Business = { ...before, status: 'deregistered', deregisteredOn: input.deregisteredOn, updatedAt: at, version: before.version + 1 };
    await commit(ctx, [saveBusinessWrite(after, before.version), audit(ctx, 'deregistered', before, after)]);
    return after;
  });
}

/** Whole months from `from` to `day` (both `YYYY-MM-DD`, Beijing days): 2026-01-31 → 2026-07-30 is 5, → 07-31 is 6. */
export function monthsBetween(from: string, day: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = day.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm);
  const lastOfTarget = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  // The anniversary day of a month that is shorter (31 Jan → 28 Feb) is its last day.
  return Math.max(0, td >= Math.min(fd, lastOfTarget) ? months : months - 1);
}

/** Months an active business has operated on `day`; 0 when it has none or is not active. */
export async function operatingMonthsOf(startupId: string, day: string): Promise<{ business?: Business; months: number }> {
  const business = await readBusiness(startupId);
  if (!business || business.status !== 'active') return { business, months: 0 };
  return { business, months: monthsBetween(business.registeredOn, day) };
}
