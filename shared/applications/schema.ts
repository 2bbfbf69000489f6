import * as z from 'zod';
import { ApplicantCategory } from '../applicants';
import { Sector } from '../sectors';
import { SpaceRequest } from '../startups';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'withdrawn'] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** Statuses an officer's review queue can be filtered by (drafts are the applicant's own business). */
export const QueueStatus = z.enum(['submitted', 'under_review', 'approved', 'rejected', 'withdrawn']);
export type QueueStatus = z.infer<typeof QueueStatus>;

export const TeamMember = z.strictObject({
  name: z.string().trim().min(1).max(50),
  role: z.string().trim().min(1).max(50),
  isCollegeGraduate: z.boolean(),
});

/** Everything an applicant fills in. A draft may leave any of it out; submission needs it all. */
const draftFields = {
  projectName: z.string().trim().min(1).max(100),
  summary: z.string().trim().min(1).max(2000),
  sector: Sector,
  team: z.array(TeamMember).min(1).max(10),
  plannedJobs: z.number().int().min(0).max(500),
  space: SpaceRequest,
  preferredCommunityId: z.string().trim().min(1).max(64),
  businessPlan: z.string().trim().min(1).max(10_000),
};

/** The fields submission requires (`preferredCommunityId` stays optional). */
export const REQUIRED_FOR_SUBMISSION = ['projectName', 'summary', 'sector', 'team', 'plannedJobs', 'space', 'businessPlan'] as const;

export const CreateApplication = z.strictObject(draftFields).partial().required({ projectName: true }).meta({ id: 'CreateApplication' });
export type CreateApplication = z.infer<typeof CreateApplication>;

/** `null` clears an optional field of the draft. */
export const UpdateApplication = z
  .strictObject({ ...draftFields, preferredCommunityId: draftFields.preferredCommunityId.nullable() })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'at least one field to change')
  .meta({ id: 'UpdateApplication' });
export type UpdateApplication = z.infer<typeof UpdateApplication>;

export const Decision = z.enum(['approve', 'reject']);

export const DecideApplication = z.strictObject({ decision: Decision, reason: z.string().trim().min(1).max(1000) }).meta({ id: 'DecideApplication' });
export type DecideApplication = z.infer<typeof DecideApplication>;

export const AssignReviewer = z
  .strictObject({ reviewerId: z.string().trim().min(1).max(128).meta({ description: 'The login `sub` of the reviewer (an officer or mentor).' }) })
  .meta({ id: 'AssignReviewer' });

const Mark = z.number().int().min(0).max(10);
export const SCORE_CRITERIA = ['innovation', 'feasibility', 'team', 'jobCreation', 'socialValue'] as const;

export const ScoreInput = z
  .strictObject({ innovation: Mark, feasibility: Mark, team: Mark, jobCreation: Mark, socialValue: Mark, comment: z.string().trim().min(1).max(2000) })
  .meta({ id: 'ScoreInput' });
export type ScoreInput = z.infer<typeof ScoreInput>;

export const Score = ScoreInput.extend({
  applicationId: z.string(),
  reviewerId: z.string(),
  /** The sum of the five marks, 0–50. */
  total: z.number().int(),
  scoredAt: z.string(),
}).meta({ id: 'Score' });
export type Score = z.infer<typeof Score>;

export const ApplicationRecord = z.object({
  id: z.string().meta({ example: 'app_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
  applicantId: z.string(),
  applicantUserId: z.string(),
  /** The applicant's category when the application was created (refreshed on submission). */
  applicantCategory: ApplicantCategory,
  status: ApplicationStatus,
  projectName: z.string(),
  summary: z.string().optional(),
  sector: Sector.optional(),
  team: z.array(TeamMember).optional(),
  plannedJobs: z.number().int().optional(),
  space: SpaceRequest.optional(),
  preferredCommunityId: z.string().optional(),
  businessPlan: z.string().optional(),
  reviewers: z.array(z.string()),
  scoreCount: z.number().int(),
  /** Sum of the reviewers' totals; the average is recorded at the decision. */
  scoreTotal: z.number().int(),
  averageScore: z.number().optional(),
  decision: Decision.optional(),
  decisionReason: z.string().optional(),
  decidedBy: z.string().optional(),
  startupId: z.string().optional(),
  submittedAt: z.string().optional(),
  decidedAt: z.string().optional(),
  withdrawnAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
/** An application as stored (the view below is what a caller is answered). */
export type Application = z.infer<typeof ApplicationRecord>;

/**
 * An application as answered to a caller. The applicant does not see who reviews or decided it,
 * the running score totals or the average, so nobody can lobby a reviewer or game the queue;
 * staff and reviewers do.
 */
export const ApplicationView = ApplicationRecord.partial({ reviewers: true, scoreCount: true, scoreTotal: true }).meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof ApplicationView>;

/** One step of an application's timeline. Staff see who and what changed; others see what happened when. */
export const TimelineEntry = z
  .object({
    at: z.string(),
    action: z.string(),
    role: z.string(),
    actorId: z.string().optional(),
    changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })).optional(),
  })
  .meta({ id: 'ApplicationTimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ReviewAssignment = z
  .object({ applicationId: z.string(), projectName: z.string(), assignedAt: z.string(), assignedBy: z.string() })
  .meta({ id: 'ReviewAssignment' });
export type ReviewAssignment = z.infer<typeof ReviewAssignment>;

/** A review assignment as its reviewer lists it: where the application stands and whether they have scored it. */
export const MyReviewAssignment = ReviewAssignment.extend({
  applicationStatus: z.string(),
  /** When the caller scored it; absent while it is still theirs to score. */
  scoredAt: z.string().optional(),
}).meta({ id: 'MyReviewAssignment' });
export type MyReviewAssignment = z.infer<typeof MyReviewAssignment>;
