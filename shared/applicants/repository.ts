import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import type { TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { Applicant, ApplicantCategory } from './schema';

/** Every key of the applicant aggregate is built here and nowhere else. */
export const applicantKeys = {
  profile: (id: string) => ({ pk: `APPLICANT#${id}`, sk: 'PROFILE' }),
  /** One profile per login. */
  login: (sub: string) => ({ pk: `USER#${sub}`, sk: 'APPLICANT' }),
  /** One profile per person: the identity-number fingerprint as a uniqueness constraint. */
  idNumber: (fingerprint: string) => ({ pk: `IDNUMBER#${fingerprint}`, sk: 'APPLICANT' }),
  all: () => 'APPLICANTS',
  byCategory: (category: ApplicantCategory) => `APPLICANTS#${category}`,
};

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
  return applicant as Applicant;
}

/** The three writes of a registration; each condition names the rule a duplicate breaks. */
export function registrationWrites(applicant: Applicant, idNumberHash: string): TxItem[] {
  return [
    putNew(toItem(applicant, idNumberHash), () => new ConflictError('Applicant id collision; retry.')),
    putNew(
      { ...applicantKeys.login(applicant.userId), entity: 'applicantLogin', applicantId: applicant.id },
      () => new ConflictError('You already have an applicant profile.', 'PROFILE_EXISTS'),
    ),
    putNew(
      { ...applicantKeys.idNumber(idNumberHash), entity: 'applicantIdNumber', applicantId: applicant.id },
      () => new ConflictError('A profile with this identity number already exists.', 'ID_NUMBER_TAKEN'),
    ),
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
