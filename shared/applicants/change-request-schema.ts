import * as z from 'zod';
import { Day } from '../clock';
import { ApplicantCategory, Graduation, IdNumber, PersonName } from './schema';

/**
 * A request to change a fact that decides money (category, graduation, discharge day) or the
 * identity (name, identity number) after registration. An officer approves or rejects it; the
 * profile changes only on approval, audited with before and after.
 */
export const CreateChangeRequest = z
  .strictObject({
    name: PersonName.optional(),
    idNumber: IdNumber.optional(),
    category: ApplicantCategory.optional(),
    graduation: Graduation.nullable().optional(),
    veteranDischargedOn: Day.nullable().optional(),
    /** Why the facts changed (e.g. "registered as unemployed on 2026-03-02"). */
    reason: z.string().trim().min(5).max(1000),
    /** References of supporting documents (discharge certificate, graduation certificate …). */
    evidence: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  })
  .refine(
    (value) => ['name', 'idNumber', 'category', 'graduation', 'veteranDischargedOn'].some((field) => value[field as keyof typeof value] !== undefined),
    'name at least one of name, idNumber, category, graduation, veteranDischargedOn',
  )
  .meta({ id: 'CreateChangeRequest' });
export type CreateChangeRequest = z.infer<typeof CreateChangeRequest>;

export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ChangeRequestStatus = z.enum(CHANGE_REQUEST_STATUSES);
export type ChangeRequestStatus = z.infer<typeof ChangeRequestStatus>;

export const FieldChange = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });

export const ChangeRequest = z
  .object({
    id: z.string().meta({ example: 'chg_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    applicantId: z.string(),
    applicantUserId: z.string(),
    status: ChangeRequestStatus,
    /** Each requested field, before and after (identity numbers masked). */
    changes: z.record(z.string(), FieldChange),
    reason: z.string(),
    evidence: z.array(z.string()),
    submittedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionReason: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'ChangeRequest' });
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const DecideChangeRequest = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().min(2).max(1000) })
  .meta({ id: 'DecideChangeRequest' });
export type DecideChangeRequest = z.infer<typeof DecideChangeRequest>;
