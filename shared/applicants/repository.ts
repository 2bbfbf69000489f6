import { getItem, putNew, putVersioned } from '../db/items';
import { tableName } from '../db/table';
import { TransactionConflictError } from '../db/transact';
import { queryPage, type PageQuery } from '../db/pagination';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import { LEGACY_CATEGORIES, type Applicant, type ApplicantCategory } from './schema';
import type { ChangeRequest, ChangeRequestStatus } from './change-request-schema';

/** Every key of the applicant aggregate is built here and nowhere else. */
export const applicantKeys = {
  profile: (id: string) => ({ pk: `APPLICANT#${id}`, sk: 'PROFILE' }),
  /** One profile per login. */
  login: (sub: string) => ({ pk: `USER#${sub}`, sk: 'APPLICANT' }),
  /** One profile per person: the identity-number fingerprint as a uniqueness constraint. */
  idNumber: (fingerprint: string) => ({ pk: `IDNUMBER#${fingerprint}`, sk: 'APPLICANT' }),
  all: () => 'APPLICANTS',
  byCategory: (category: ApplicantCategory) => `APPLICANTS#${category}`,
  changeRequest: (id: string) => ({ pk: `CHANGE_REQUEST#${id}`, sk: 'CHANGE_REQUEST' }),
  /** At most one pending change request per applicant. */
  pendingChange: (applicantId: string) => ({ pk: `APPLICANT#${applicantId}`, sk: 'PENDING_CHANGE' }),
  changeRequestsOf: (applicantId: string) => `CHANGE_REQUESTS_OF#${applicantId}`,
  changeRequestsByStatus: (status: ChangeRequestStatus) => `CHANGE_REQUESTS#${status}`,
  /** Registration attempts of one login on one (Beijing) day: the ceiling on guessing numbers. */
  registrationAttempts: (sub: string, day: string) => ({ pk: `REGISTRATION_ATTEMPTS#${sub}`, sk: day }),
  /** The applicant's one active application (taken on submission by applications, freed by rejection, withdrawal or leaving incubation). */
  activeApplication: (applicantId: string) => ({ pk: `ACTIVE_APPLICATION#${applicantId}`, sk: 'ACTIVE_APPLICATION' }),
};

/** Frees the applicant's active slot (rejection, withdrawal, or the startup leaving incubation). */
export function releaseActiveSlotWrite(applicantId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: applicantKeys.activeApplication(applicantId) } };
}

/**
 * The one answer to a registration that cannot be taken, whatever the reason: a login that has a
 * profile, or an identity number that another profile holds. Telling the two apart would tell a
 * stranger whose number is registered here.
 */
export const registrationRefused = () =>
  new ConflictError(
    'This registration cannot be taken: you may already have a profile, or this identity number may be registered. If the number is yours and you have no profile, ask the centre to check your documents.',
    'REGISTRATION_REFUSED',
  );

export interface ApplicantItem extends Applicant {
  pk: string;
  sk: string;
  entity: 'applicant';
  idNumberHash: string;
}

function toItem(applicant: Applicant, idNumberHash: string): ApplicantItem {
  const sortKey = `${applicant.createdAt}#${applicant.id}`;
  return {
    ...applicantKeys.profile(applicant.id),
    entity: 'applicant',
    ...applicant,
    idNumberHash,
    gsi1pk: applicantKeys.all(),
    gsi1sk: sortKey,
    gsi2pk: applicantKeys.byCategory(applicant.category),
    gsi2sk: sortKey,
  } as ApplicantItem;
}

export function fromItem(item: ApplicantItem | Record<string, unknown>): Applicant {
  const {
    pk: _pk,
    sk: _sk,
    entity: _e,
    idNumberHash: _h,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    ...applicant
  } = item as ApplicantItem & Record<string, unknown>;
  return readLegacy(applicant as unknown as Applicant & { graduation?: { school: string; leftOn?: string; year?: number } });
}

/**
 * Records written by earlier versions, read as today's: the old category code, and a graduation
 * year without a day (taken as 30 June of that year, the end of the Chinese academic year).
 */
function readLegacy(applicant: Applicant & { graduation?: { school: string; leftOn?: string; year?: number } }): Applicant {
  const category = LEGACY_CATEGORIES[applicant.category] ?? applicant.category;
  const graduation =
    applicant.graduation && !applicant.graduation.leftOn && applicant.graduation.year
      ? { school: applicant.graduation.school, leftOn: `${applicant.graduation.year}-06-30` }
      : applicant.graduation;
  return { ...applicant, category, ...(graduation ? { graduation: graduation as Applicant['graduation'] } : {}) };
}

/** The three writes of a registration; each condition names the rule a duplicate breaks. */
export function registrationWrites(applicant: Applicant, idNumberHash: string): TxItem[] {
  return [
    putNew(toItem(applicant, idNumberHash), () => new ConflictError('Applicant id collision; retry.')),
    putNew({ ...applicantKeys.login(applicant.userId), entity: 'applicantLogin', applicantId: applicant.id }, registrationRefused),
    putNew({ ...applicantKeys.idNumber(idNumberHash), entity: 'applicantIdNumber', applicantId: applicant.id }, registrationRefused),
  ];
}

/**
 * An officer frees an identity number held by a profile, after checking the documents of the
 * person it belongs to: the number's lock goes (only if that profile still holds it) and the profile
 * records the release, so its owner can register.
 */
export function releaseIdNumberWrites(item: ApplicantItem, released: Applicant): TxItem[] {
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: applicantKeys.idNumber(item.idNumberHash),
        ConditionExpression: 'applicantId = :id',
        ExpressionAttributeValues: { ':id': item.id },
      },
      onConditionFailed: () => new ConflictError('This profile no longer holds its identity number.', 'IDENTITY_ALREADY_RELEASED'),
    },
    putVersioned(toItem(released, item.idNumberHash), item.version),
  ];
}

export function updateWrite(applicant: Applicant, idNumberHash: string, expectedVersion: number): TxItem {
  return putVersioned(toItem(applicant, idNumberHash), expectedVersion);
}

export async function getApplicantItem(id: string): Promise<ApplicantItem | undefined> {
  return getItem<ApplicantItem>(applicantKeys.profile(id));
}

export async function getApplicantIdOfUser(sub: string): Promise<string | undefined> {
  const link = await getItem<{ applicantId: string }>(applicantKeys.login(sub));
  return link?.applicantId;
}

export async function listApplicantItems(category: ApplicantCategory | undefined, page: PageQuery) {
  return category
    ? queryPage<ApplicantItem>({ index: 'gsi2', partition: applicantKeys.byCategory(category), page })
    : queryPage<ApplicantItem>({ index: 'gsi1', partition: applicantKeys.all(), page });
}

/** A new identity number moves the one-profile-per-person constraint: the old one is freed, the new one claimed. */
export function moveIdNumberWrites(applicantId: string, oldHash: string, newHash: string): TxItem[] {
  return [
    {
      Delete: {
        TableName: tableName(),
        Key: applicantKeys.idNumber(oldHash),
        ConditionExpression: 'applicantId = :id',
        ExpressionAttributeValues: { ':id': applicantId },
      },
      onConditionFailed: () => new TransactionConflictError(),
    },
    putNew(
      { ...applicantKeys.idNumber(newHash), entity: 'applicantIdNumber', applicantId },
      () => new ConflictError('A profile with this identity number already exists.', 'ID_NUMBER_TAKEN'),
    ),
  ];
}

// ---- change requests ----

/** The stored request: the view, the proposed profile fields and the proposed identity's fingerprint (never returned). */
export interface ChangeRequestItem extends ChangeRequest {
  proposed: Partial<Applicant>;
  idNumberHash?: string;
}

function changeRequestItem(request: ChangeRequestItem) {
  const sortKey = `${request.submittedAt}#${request.id}`;
  return {
    ...applicantKeys.changeRequest(request.id),
    entity: 'changeRequest',
    ...request,
    gsi1pk: applicantKeys.changeRequestsOf(request.applicantId),
    gsi1sk: sortKey,
    gsi2pk: applicantKeys.changeRequestsByStatus(request.status),
    gsi2sk: sortKey,
  };
}

export function fromChangeRequestItem(item: Record<string, unknown>): ChangeRequest {
  const { pk: _p, sk: _s, entity: _e, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, proposed: _x, idNumberHash: _h, ...request } = item;
  return request as unknown as ChangeRequest;
}

export function createChangeRequestWrites(request: ChangeRequestItem): TxItem[] {
  return [
    putNew(
      { ...applicantKeys.pendingChange(request.applicantId), entity: 'pendingChange', changeRequestId: request.id },
      () => new ConflictError('You have a change request waiting for a decision; wait for it (or ask the centre) first.', 'CHANGE_REQUEST_PENDING'),
    ),
    putNew(changeRequestItem(request), () => new ConflictError('Change request id collision; retry.')),
  ];
}

export function decideChangeRequestWrites(request: ChangeRequestItem, expectedVersion: number): TxItem[] {
  return [
    putVersioned(changeRequestItem(request), expectedVersion, () => new ConflictError('The request was decided at the same time.', 'CHANGE_REQUEST_DECIDED')),
    {
      Delete: {
        TableName: tableName(),
        Key: applicantKeys.pendingChange(request.applicantId),
        ConditionExpression: 'changeRequestId = :id',
        ExpressionAttributeValues: { ':id': request.id },
      },
      onConditionFailed: () => new ConflictError('The request was decided at the same time.', 'CHANGE_REQUEST_DECIDED'),
    },
  ];
}

export async function getChangeRequestItem(id: string): Promise<ChangeRequestItem | undefined> {
  return getItem<ChangeRequestItem>(applicantKeys.changeRequest(id));
}

export async function listChangeRequestsOf(applicantId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: applicantKeys.changeRequestsOf(applicantId), newestFirst: true, page });
  return { items: result.items.map(fromChangeRequestItem), nextCursor: result.nextCursor };
}

export async function listChangeRequestsByStatus(status: ChangeRequestStatus, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: applicantKeys.changeRequestsByStatus(status), page });
  return { items: result.items.map(fromChangeRequestItem), nextCursor: result.nextCursor };
}
