import * as z from 'zod';
import { Id } from '../ids';
import { Day } from '../clock';

export const RecordLoan = z
  .strictObject({
    startupId: Id('stp'),
    bank: z.string().trim().min(2).max(60),
    guarantor: z.string().trim().min(2).max(100),
    principalFen: z.number().int().min(1).max(100_000_000_00),
    /** Annual interest rate in basis points (435 = 4.35 %). */
    annualRateBp: z.number().int().min(0).max(5000),
    termMonths: z.number().int().min(1).max(120),
    startDate: Day,
  })
  .meta({ id: 'RecordLoan' });
export type RecordLoan = z.infer<typeof RecordLoan>;

export const RecordRepayment = z
  .strictObject({
    paidOn: Day,
    principalFen: z.number().int().min(0),
    interestFen: z.number().int().min(0),
  })
  .refine((r) => r.principalFen + r.interestFen > 0, 'a repayment repays something')
  .meta({ id: 'RecordRepayment' });
export type RecordRepayment = z.infer<typeof RecordRepayment>;

export const LoanStatus = z.enum(['active', 'repaid', 'defaulted']);

export const Loan = z
  .object({
    id: z.string().meta({ example: 'lon_01JD3Z7K8M9N0P1Q2R3S4T5V6W' }),
    startupId: z.string(),
    bank: z.string(),
    guarantor: z.string(),
    principalFen: z.number().int(),
    annualRateBp: z.number().int(),
    termMonths: z.number().int(),
    startDate: z.string(),
    status: LoanStatus,
    repaidPrincipalFen: z.number().int(),
    /** Interest the borrower has paid, as recorded: what interest subsidies are computed from. */
    interestPaidFen: z.number().int(),
    recordedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Loan' });
export type Loan = z.infer<typeof Loan>;

export const LoanQuery = z.strictObject({ startupId: Id('stp') });
