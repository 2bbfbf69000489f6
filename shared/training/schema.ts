import * as z from 'zod';
import { Id } from '../ids';
import { Day } from '../clock';

/** Course types of entrepreneurship training (创业培训): SYB, GYB, IYB, awareness, online. */
export const COURSE_TYPES = ['syb', 'gyb', 'iyb', 'awareness', 'online'] as const;
export const CourseType = z.enum(COURSE_TYPES);
export type CourseType = z.infer<typeof CourseType>;

export const MAX_CLASS_CAPACITY = 200;

export const CreateInstitution = z
  .strictObject({
    name: z.string().trim().min(2).max(100),
    /** The labour department's listing (认定) of the institution. */
    listingReference: z.string().trim().min(2).max(60),
  })
  .meta({ id: 'CreateTrainingInstitution' });
export type CreateInstitution = z.infer<typeof CreateInstitution>;

export const Institution = z
  .object({ id: z.string(), name: z.string(), listingReference: z.string(), createdBy: z.string(), createdAt: z.string(), version: z.number().int() })
  .meta({ id: 'TrainingInstitution' });
export type Institution = z.infer<typeof Institution>;

export const CreateCourse = z
  .strictObject({ type: CourseType, title: z.string().trim().min(2).max(100), hours: z.number().int().min(1).max(500) })
  .meta({ id: 'CreateTrainingCourse' });
export type CreateCourse = z.infer<typeof CreateCourse>;

export const Course = z
  .object({
    id: z.string(),
    type: CourseType,
    title: z.string(),
    hours: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingCourse' });
export type Course = z.infer<typeof Course>;

export const CreateClass = z
  .strictObject({
    courseId: Id('trc'),
    institutionId: Id('tri'),
    startsOn: Day,
    endsOn: Day,
    venue: z.string().trim().min(2).max(200),
    capacity: z.number().int().min(1).max(MAX_CLASS_CAPACITY),
    /** The department's approval of the institution's class plan (开班审批). */
    approvalReference: z.string().trim().min(2).max(60),
  })
  .refine((c) => c.startsOn <= c.endsOn, { path: ['endsOn'], message: 'endsOn is before startsOn' })
  .meta({ id: 'CreateTrainingClass' });
export type CreateClass = z.infer<typeof CreateClass>;

export const TrainingClass = z
  .object({
    id: z.string(),
    courseId: z.string(),
    courseType: CourseType,
    institutionId: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    venue: z.string(),
    capacity: z.number().int(),
    enrolled: z.number().int(),
    approvalReference: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'TrainingClass' });
export type TrainingClass = z.infer<typeof TrainingClass>;

export const Enrol = z
  .strictObject({
    /** Officers enrol a person by their applicant id; an applicant enrols themselves and leaves it out. */
    applicantId: Id('apl').optional(),
  })
  .meta({ id: 'EnrolInTrainingClass' });

export const EnrolmentStatus = z.enum(['enrolled', 'completed']);

export const Enrolment = z
  .object({
    classId: z.string(),
    applicantId: z.string(),
    courseType: CourseType,
    status: EnrolmentStatus,
    enrolledAt: z.string(),
    certificateNumber: z.string().optional(),
    certifiedOn: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingEnrolment' });
export type Enrolment = z.infer<typeof Enrolment>;

export const CompleteTraining = z
  .strictObject({
    certificateNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{4,40}$/),
    certifiedOn: Day,
  })
  .meta({ id: 'CompleteTraining' });
export type CompleteTraining = z.infer<typeof CompleteTraining>;

export const Certificate = z
  .object({
    applicantId: z.string(),
    classId: z.string(),
    courseType: CourseType,
    certificateNumber: z.string(),
    certifiedOn: z.string(),
  })
  .meta({ id: 'TrainingCertificate' });
export type Certificate = z.infer<typeof Certificate>;

export const ClassEnrolmentParams = z.strictObject({
  id: Id('tcl').meta({ param: { name: 'id', in: 'path' }, example: 'tcl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
  applicantId: Id('apl').meta({ param: { name: 'applicantId', in: 'path' }, example: 'apl_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
});
