import { auditRecord, commit } from '../audit';
import { getApplicantIdOfUser, getApplicantItem } from '../applicants';
import { monthOf } from '../clock';
import type { Ctx } from '../context';
import { withLimitedConcurrency } from '../db/hot-item';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { countWrites, type CounterName } from '../reports';
import type {
  Certificate,
  CompleteTraining,
  Course,
  CourseType,
  CreateClass,
  CreateCourse,
  CreateInstitution,
  Enrolment,
  Institution,
  TrainingClass,
} from './schema';

/**
 * Keys of entrepreneurship training. A class item carries its `enrolled` counter: an enrolment adds
 * one under the condition `enrolled < capacity`, in the same transaction as the enrolment item, so
 * a class is never over-filled however many enrol at once. A certificate is kept per person
 * (`TRAINEE#<applicantId>`), which is what eligibility reads; its number is unique.
 */
export const trainingKeys = {
  institution: (id: string) => ({ pk: `TRAINING_INSTITUTION#${id}`, sk: 'INSTITUTION' }),
  course: (id: string) => ({ pk: `TRAINING_COURSE#${id}`, sk: 'COURSE' }),
  klass: (id: string) => ({ pk: `TRAINING_CLASS#${id}`, sk: 'CLASS' }),
  enrolment: (classId: string, applicantId: string) => ({ pk: `TRAINING_CLASS#${classId}`, sk: `ENROLMENT#${applicantId}` }),
  certificate: (applicantId: string, courseType: string, classId: string) => ({ pk: `TRAINEE#${applicantId}`, sk: `CERTIFICATE#${courseType}#${classId}` }),
  certificateNumber: (number: string) => ({ pk: `TRAINING_CERTIFICATE_NUMBER#${number.toUpperCase()}`, sk: 'NUMBER' }),
  institutions: 'TRAINING_INSTITUTIONS',
  courses: 'TRAINING_COURSES',
  classesOfCourse: (courseId: string) => `TRAINING_CLASSES#${courseId}`,
  enrolmentsOf: (applicantId: string) => `TRAINEE_ENROLMENTS#${applicantId}`,
  trainee: (applicantId: string) => `TRAINEE#${applicantId}`,
};

export const TrainingInstitutionEntity = defineEntity<Institution, { id: string }>({
  name: 'trainingInstitution',
  module: 'training',
  prefix: 'TRAINING_INSTITUTION#',
  key: (institution) => trainingKeys.institution(institution.id),
  serves: 'one training institution by id',
  indexes: { gsi1: { pk: () => trainingKeys.institutions, sk: (institution) => institution.name, serves: 'every institution by name' } },
});

export const TrainingCourseEntity = defineEntity<Course, { id: string }>({
  name: 'trainingCourse',
  module: 'training',
  prefix: 'TRAINING_COURSE#',
  key: (course) => trainingKeys.course(course.id),
  serves: 'one course by id',
  indexes: {
    gsi1: { pk: () => trainingKeys.courses, sk: (course) => `${course.type}#${course.id}`, serves: 'every course, or those of one type (begins_with)' },
  },
});

/** A class carries its `enrolled` counter, raised under `enrolled < capacity`. */
export const TrainingClassEntity = defineEntity<TrainingClass, { id: string }>({
  name: 'trainingClass',
  module: 'training',
  prefix: 'TRAINING_CLASS#',
  key: (klass) => trainingKeys.klass(klass.id),
  serves: 'one class by id and its seat counter; the partition also holds its enrolments',
  indexes: {
    gsi1: {
      pk: (klass) => trainingKeys.classesOfCourse(klass.courseId),
      sk: (klass) => `${klass.startsOn}#${klass.id}`,
      serves: 'the classes of one course by start',
    },
  },
});

export const TrainingEnrolmentEntity = defineEntity<Enrolment, { classId: string; applicantId: string }>({
  name: 'trainingEnrolment',
  module: 'training',
  prefix: 'TRAINING_CLASS#',
  skPrefix: 'ENROLMENT#',
  key: (enrolment) => trainingKeys.enrolment(enrolment.classId, enrolment.applicantId),
  serves: "once per person: a class's enrolments (begins_with ENROLMENT#)",
  indexes: {
    gsi1: { pk: (enrolment) => trainingKeys.enrolmentsOf(enrolment.applicantId), sk: (enrolment) => enrolment.enrolledAt, serves: "a person's enrolments" },
  },
});

export const TrainingCertificateEntity = defineEntity<Certificate, { applicantId: string; courseType: string; classId: string }>({
  name: 'trainingCertificate',
  module: 'training',
  prefix: 'TRAINEE#',
  skPrefix: 'CERTIFICATE#',
  key: (certificate) => trainingKeys.certificate(certificate.applicantId, certificate.courseType, certificate.classId),
  serves: 'the certificates a person holds, which eligibility reads (begins_with CERTIFICATE#)',
});

export const TrainingCertificateNumberEntity = defineEntity<{ applicantId: string; classId: string }, { certificateNumber: string }>({
  name: 'trainingCertificateNumber',
  module: 'training',
  prefix: 'TRAINING_CERTIFICATE_NUMBER#',
  key: (number) => trainingKeys.certificateNumber(number.certificateNumber),
  serves: 'once-only: a certificate number',
});

export async function createInstitution(ctx: Ctx, input: CreateInstitution): Promise<Institution> {
  const institution: Institution = { id: newId('tri'), ...input, createdBy: ctx.actor.sub, createdAt: ctx.now.toISOString(), version: 1 };
  await commit(ctx, [
    putNew(TrainingInstitutionEntity.toItem(institution), () => new ConflictError('Id collision; retry.')),
    auditRecord(ctx, { action: 'training.institution_listed', entityType: 'trainingInstitution', entityId: institution.id, after: institution }),
  ]);
  return institution;
}

export async function listInstitutions(page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: trainingKeys.institutions, page });
  return { items: result.items.map(TrainingInstitutionEntity.fromItem), nextCursor: result.nextCursor };
}

export async function createCourse(ctx: Ctx, input: CreateCourse): Promise<Course> {
  const course: Course = { id: newId('trc'), ...input, createdBy: ctx.actor.sub, createdAt: ctx.now.toISOString(), version: 1 };
  await commit(ctx, [
    putNew(TrainingCourseEntity.toItem(course), () => new ConflictError('Id collision; retry.')),
    auditRecord(ctx, { action: 'training.course_created', entityType: 'trainingCourse', entityId: course.id, after: course }),
  ]);
  return course;
}

export async function listCourses(type: CourseType | undefined, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: trainingKeys.courses, beginsWith: type ? `${type}#` : undefined, page });
  return { items: result.items.map(TrainingCourseEntity.fromItem), nextCursor: result.nextCursor };
}

export async function createClass(ctx: Ctx, input: CreateClass): Promise<TrainingClass> {
  const course = await getItem<Record<string, unknown>>(trainingKeys.course(input.courseId));
  if (!course) throw new NotFoundError('training course');
  if (!(await getItem(trainingKeys.institution(input.institutionId)))) throw new NotFoundError('training institution');
  const klass: TrainingClass = {
    id: newId('tcl'),
    ...input,
    courseType: course.type as CourseType,
    enrolled: 0,
    createdBy: ctx.actor.sub,
    createdAt: ctx.now.toISOString(),
  };
  await commit(ctx, [
    putNew(TrainingClassEntity.toItem(klass), () => new ConflictError('Id collision; retry.')),
    auditRecord(ctx, { action: 'training.class_created', entityType: 'trainingClass', entityId: klass.id, after: klass }),
  ]);
  return klass;
}

export async function getClass(id: string): Promise<TrainingClass> {
  const item = await getItem<Record<string, unknown>>(trainingKeys.klass(id));
  if (!item) throw new NotFoundError('training class');
  return TrainingClassEntity.fromItem(item);
}

export async function listClasses(courseId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: trainingKeys.classesOfCourse(courseId), page });
  return { items: result.items.map(TrainingClassEntity.fromItem), nextCursor: result.nextCursor };
}

/** The applicant an enrolment is for: an applicant enrols themselves, an officer names them. */
async function traineeOf(ctx: Ctx, applicantId: string | undefined): Promise<string> {
  if (ctx.role === 'applicant') {
    const own = await getApplicantIdOfUser(ctx.actor.sub);
    if (!own) throw new UnprocessableError('Register as an applicant before enrolling.', 'APPLICANT_PROFILE_REQUIRED');
    if (applicantId && applicantId !== own) throw new ForbiddenError('Applicants enrol themselves only.');
    return own;
  }
  if (!applicantId) throw new ValidationError('Name the applicant to enrol.', [{ field: 'body.applicantId', message: 'required' }]);
  if (!(await getApplicantItem(applicantId))) throw new NotFoundError('applicant');
  return applicantId;
}

/** A seat in the class, if one is free: the condition in the transaction makes the capacity exact. */
function takeSeatWrite(classId: string): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: trainingKeys.klass(classId),
      UpdateExpression: 'ADD #enrolled :one',
      ConditionExpression: '#enrolled < #capacity',
      ExpressionAttributeNames: { '#enrolled': 'enrolled', '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':one': 1 },
    },
    onConditionFailed: () => new ConflictError('The class is full.', 'CLASS_FULL'),
  };
}

/** One person-time (人次) of training: counted in total, by course type and by course type and the trainee's group. */
function trainingCounts(counter: 'training_enrolments' | 'training_completions', courseType: string, group: string | undefined) {
  return {
    [counter]: 1,
    [`${counter}__${courseType}`]: 1,
    ...(group ? { [`${counter}__${courseType}__${group}`]: 1 } : {}),
  } as Partial<Record<CounterName, number>>;
}

export async function enrol(ctx: Ctx, classId: string, applicantId: string | undefined): Promise<Enrolment> {
  const trainee = await traineeOf(ctx, applicantId);
  const group = (await getApplicantItem(trainee))?.category;
  const klass = await getClass(classId);
  if (klass.enrolled >= klass.capacity) throw new ConflictError('The class is full.', 'CLASS_FULL');
  const enrolment: Enrolment = {
    classId,
    applicantId: trainee,
    courseType: klass.courseType,
    status: 'enrolled',
    enrolledAt: ctx.now.toISOString(),
    version: 1,
  };
  // Every enrolment writes the class's counter: few at once per process, many attempts (as event seats).
  return withLimitedConcurrency(`training-seats:${classId}`, 4, () =>
    retryOnConflict(async () => {
      await commit(ctx, [
        putNew(TrainingEnrolmentEntity.toItem(enrolment), () => new ConflictError('This person is enrolled in the class already.', 'ALREADY_ENROLLED')),
        takeSeatWrite(classId),
        ...countWrites(monthOf(ctx.now), trainingCounts('training_enrolments', klass.courseType, group)),
        auditRecord(ctx, { action: 'training.enrolled', entityType: 'trainingClass', entityId: classId, after: enrolment }),
      ]);
      return enrolment;
    }, 80),
  );
}

export async function listEnrolments(classId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ partition: trainingKeys.klass(classId).pk, beginsWith: 'ENROLMENT#', page });
  return { items: result.items.map(TrainingEnrolmentEntity.fromItem), nextCursor: result.nextCursor };
}

/** Completion: the enrolment is completed and the person holds a certificate with a unique number. */
export async function complete(ctx: Ctx, classId: string, applicantId: string, input: CompleteTraining): Promise<Enrolment> {
  const klass = await getClass(classId);
  const item = await getItem<Record<string, unknown>>(trainingKeys.enrolment(classId, applicantId));
  if (!item) throw new NotFoundError('enrolment');
  const before = TrainingEnrolmentEntity.fromItem(item);
  if (before.status === 'completed') throw new ConflictError('The training is completed already.', 'ALREADY_COMPLETED');
  if (input.certifiedOn < klass.endsOn)
    throw new UnprocessableError(`A certificate is dated on or after the class ends (${klass.endsOn}).`, 'CERTIFIED_BEFORE_END');
  const after: Enrolment = { ...before, status: 'completed', ...input, version: before.version + 1 };
  const certificate: Certificate = { applicantId, classId, courseType: klass.courseType, ...input };
  const group = (await getApplicantItem(applicantId))?.category;
  // The month's report counters are shared with every other change of that month: a collision is retried.
  await retryOnConflict(() =>
    commit(ctx, [
      putVersioned({ ...item, ...after, ...trainingKeys.enrolment(classId, applicantId) } as never, before.version, () => new TransactionConflictError()),
      putNew(TrainingCertificateEntity.toItem(certificate), () => new ConflictError('A certificate for this class exists already.', 'ALREADY_COMPLETED')),
      putNew(
        { ...TrainingCertificateNumberEntity.key(input), entity: TrainingCertificateNumberEntity.name, applicantId, classId },
        () => new ConflictError('That certificate number is on another certificate.', 'CERTIFICATE_NUMBER_TAKEN'),
      ),
      ...countWrites(input.certifiedOn.slice(0, 7), trainingCounts('training_completions', klass.courseType, group)),
      auditRecord(ctx, { action: 'training.completed', entityType: 'trainingClass', entityId: classId, before, after }),
    ]),
  );
  return after;
}

/** The training certificates a person holds (a handful at most). */
export async function certificatesOf(applicantId: string): Promise<Certificate[]> {
  const result = await queryPage<Record<string, unknown>>({ partition: trainingKeys.trainee(applicantId), beginsWith: 'CERTIFICATE#', page: { limit: 100 } });
  return result.items.map(TrainingCertificateEntity.fromItem);
}

/** Certificates of a caller: applicants see their own, staff name the applicant. */
export async function listCertificates(ctx: Ctx, applicantId: string | undefined): Promise<Certificate[]> {
  if (ctx.role === 'applicant') {
    const own = await getApplicantIdOfUser(ctx.actor.sub);
    if (!own || (applicantId && applicantId !== own)) throw new ForbiddenError('Applicants see their own certificates only.');
    return certificatesOf(own);
  }
  if (!applicantId) throw new ValidationError('Name the applicant.', [{ field: 'query.applicantId', message: 'required' }]);
  return certificatesOf(applicantId);
}

/** One institution by id (the payee of an institution's training-subsidy claim). */
export async function findInstitution(id: string): Promise<Institution | undefined> {
  const item = await getItem<Record<string, unknown>>(trainingKeys.institution(id));
  return item ? TrainingInstitutionEntity.fromItem(item) : undefined;
}
