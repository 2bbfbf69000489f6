import * as z from 'zod';

/** An agreement runs 24 months unless extended; with its one extension it never exceeds 36. */
export const MAX_INCUBATION_MONTHS = 36;

export const ExtendIncubation = z
  .strictObject({ months: z.number().int().min(1).max(12), reason: z.string().trim().min(4).max(1000) })
  .meta({ id: 'ExtendIncubation' });
export type ExtendIncubation = z.infer<typeof ExtendIncubation>;

export const OperatingStatus = z.enum(['normal', 'suspended', 'closed']);
export const RevenueBand = z.enum(['none', 'under_100k', '100k_500k', '500k_1m', '1m_5m', 'over_5m']).meta({ description: 'Yearly revenue in yuan' });

export const RecordReview = z
  .strictObject({
    operatingStatus: OperatingStatus,
    jobs: z.number().int().min(0).max(100_000),
    revenueBand: RevenueBand,
    socialInsuranceEmployees: z.number().int().min(0).max(100_000),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'RecordReview' });
export type RecordReview = z.infer<typeof RecordReview>;

export const Review = z
  .object({
    id: z.string(),
    startupId: z.string(),
    reviewedOn: z.string(),
    reviewedBy: z.string(),
    operatingStatus: OperatingStatus,
    jobs: z.number().int(),
    revenueBand: RevenueBand,
    socialInsuranceEmployees: z.number().int(),
    note: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'AnnualReview' });
export type Review = z.infer<typeof Review>;

/**
 * Success as the policy defines it: operating normally at least a year after leaving (an on-site
 * inspection or a review says so), or graduation with an active registered business.
 */
export const SuccessBasis = z.enum(['operating_one_year_after_leaving', 'graduated_with_active_business']);
export const RecordSuccess = z.strictObject({ basis: SuccessBasis, evidenceReference: z.string().trim().min(4).max(200) }).meta({ id: 'RecordSuccess' });
export type RecordSuccess = z.infer<typeof RecordSuccess>;
