import { defineEntity } from '../db/entity';
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

/** At most one active application per applicant: taken by the applications module on submission. */
export const ActiveApplicationEntity = defineEntity<{ applicantId: string; applicationId: string }, { applicantId: string }>({
  name: 'activeApplication',
  module: 'applicants',
  prefix: 'ACTIVE_APPLICATION#',
  key: (slot) => applicantKeys.activeApplication(slot.applicantId),
  serves: "once at a time: an applicant's active application",
});

/** Frees the applicant's active slot (rejection, withdrawal, or the startup leaving incubation). */
export function releaseActiveSlotWrite(applicantId: string): TxItem {
  return { Delete: { TableName: tableName(), Key: ActiveApplicationEntity.key({ applicantId }) } };
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

const applicantSortKey = (applicant: Applicant) => `${applicant.createdAt}#${applicant.id}`;

/** A profile, stored with its identity number's fingerprint (never read back). */
export const ApplicantEntity = defineEntity<Applicant & { idNumberHash: string }, { id: string }>({
  name: 'applicant',
  module: 'applicants',
  prefix: 'APPLICANT#',
  key: (applicant) => applicantKeys.profile(applicant.id),
  serves: "one profile by id; the partition also holds the applicant's pending change marker",
  indexes: {
    gsi1: { pk: () => applicantKeys.all(), sk: applicantSortKey, serves: 'every applicant, oldest first' },
    gsi2: { pk: (applicant) => applicantKeys.byCategory(applicant.category), sk: applicantSortKey, serves: 'the applicants of one category' },
  },
  hidden: ['idNumberHash'],
});

/** One profile per login. */
export const ApplicantLoginEntity = defineEntity<{ applicantId: string }, { sub: string }>({
  name: 'applicantLogin',
  module: 'applicants',
  prefix: 'USER#',
  key: (login) => applicantKeys.login(login.sub),
  serves: 'once-only: the profile of a login',
});

/** One profile per person: the identity-number fingerprint as a uniqueness constraint. */
export const ApplicantIdNumberEntity = defineEntity<{ applicantId: string }, { fingerprint: string }>({
  name: 'applicantIdNumber',
  module: 'applicants',
  prefix: 'IDNUMBER#',
  key: (number) => applicantKeys.idNumber(number.fingerprint),
  serves: 'once-only: the profile that holds an identity number',
});

/** At most one pending change request per applicant. */
export const PendingChangeEntity = defineEntity<{ changeRequestId: string }, { applicantId: string }>({
  name: 'pendingChange',
  module: 'applicants',
  prefix: 'APPLICANT#',
  skPrefix: 'PENDING_CHANGE',
  key: (marker) => applicantKeys.pendingChange(marker.applicantId),
  serves: "once at a time: an applicant's pending change request",
});

/** Registration attempts of one login on one (Beijing) day: a slot counter (shared/db/slots.ts). */
export const RegistrationAttemptsEntity = defineEntity<{ count: number }, { sub: string; day: string }>({
  name: 'registrationAttempts',
  module: 'applicants',
  prefix: 'REGISTRATION_ATTEMPTS#',
  key: (slot) => applicantKeys.registrationAttempts(slot.sub, slot.day),
  serves: 'the ceiling on registration attempts of a login per day',
});

function toItem(applicant: Applicant, idNumberHash: string): ApplicantItem {
  return ApplicantEntity.toItem({ ...applicant, idNumberHash }) as ApplicantItem;
}

export function fromItem(item: ApplicantItem | Record<string, unknown>): Applicant {
  const applicant = ApplicantEntity.fromItem(item as Record<string, unknown>);
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
    putNew({ ...applicantKeys.login(applicant.userId), entity: ApplicantLoginEntity.name, applicantId: applicant.id }, registrationRefused),
    putNew({ ...applicantKeys.idNumber(idNumberHash), entity: ApplicantIdNumberEntity.name, applicantId: applicant.id }, registrationRefused),
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
      { ...applicantKeys.idNumber(newHash), entity: ApplicantIdNumberEntity.name, applicantId },
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

const changeRequestSortKey = (request: ChangeRequestItem) => `${request.submittedAt}#${request.id}`;

/** A change request, stored with the proposed fields and identity fingerprint (never returned). */
export const ChangeRequestEntity = defineEntity<ChangeRequestItem, { id: string }>({
  name: 'changeRequest',
  module: 'applicants',
  prefix: 'CHANGE_REQUEST#',
  key: (request) => applicantKeys.changeRequest(request.id),
  serves: 'one change request by id',
  indexes: {
    gsi1: {
      pk: (request) => applicantKeys.changeRequestsOf(request.applicantId),
      sk: changeRequestSortKey,
      serves: "an applicant's change requests, newest first",
    },
    gsi2: { pk: (request) => applicantKeys.changeRequestsByStatus(request.status), sk: changeRequestSortKey, serves: 'change requests of one status' },
  },
  hidden: ['proposed', 'idNumberHash'],
});

const changeRequestItem = ChangeRequestEntity.toItem;

export function fromChangeRequestItem(item: Record<string, unknown>): ChangeRequest {
  return ChangeRequestEntity.fromItem(item);
}

export function createChangeRequestWrites(request: ChangeRequestItem): TxItem[] {
  return [
    putNew(
      { ...PendingChangeEntity.key(request), entity: PendingChangeEntity.name, changeRequestId: request.id },
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
