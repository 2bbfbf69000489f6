import * as z from 'zod';
import { RISK_RULES } from './rule-names';

export { RISK_RULES };
export const RiskRule = z.enum(RISK_RULES);
export type RiskRule = z.infer<typeof RiskRule>;

export const RiskStatus = z.enum(['open', 'resolved']);
export const RiskOutcome = z.enum(['legitimate', 'fraud', 'data_error']);

export const RiskAlert = z
  .object({
    id: z.string(),
    rule: RiskRule,
    status: RiskStatus,
    subjectType: z.string(),
    subjectId: z.string(),
    /** What was seen, in words, with masked identifiers only. */
    summary: z.string(),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    /** The claims the alert concerns: none of them can be batched while it is open. */
    claimIds: z.array(z.string()).optional(),
    raisedAt: z.string(),
    resolution: z
      .object({
        outcome: RiskOutcome,
        notes: z.string(),
        by: z.string(),
        at: z.string(),
        /** Fraud: the claims rejected (and taken out of their batches), and those already paid (to be reversed). */
        rejectedClaimIds: z.array(z.string()).optional(),
        paidClaimIds: z.array(z.string()).optional(),
      })
      .optional(),
    version: z.number().int(),
  })
  .meta({ id: 'RiskAlert' });
export type RiskAlert = z.infer<typeof RiskAlert>;

export const RiskAlertQuery = z.strictObject({ status: RiskStatus.default('open'), rule: RiskRule.optional() });

export const ResolveRiskAlert = z.strictObject({ outcome: RiskOutcome, notes: z.string().trim().min(1).max(2000) }).meta({ id: 'ResolveRiskAlert' });
export type ResolveRiskAlert = z.infer<typeof ResolveRiskAlert>;
