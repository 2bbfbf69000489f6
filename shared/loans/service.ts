import { auditRecord, commit } from '../audit';

import type { Ctx } from '../context';
import type { PageQuery } from '../db/pagination';
import { retryOnConflict } from '../db/transact';
import { ConflictError, NotEligibleError, NotFoundError, UnprocessableError } from '../errors';
import { newId } from '../ids';
import { getLoanPolicy, interestPaidForStartup, versionOn } from '../loan-desk';
import { findStartup as getStartup } from '../startups';
import { createLoanWrite, getLoan, listLoansOfStartup, listRepayments, repaymentWrite, saveLoanWrite } from './repository';
import type { Loan, RecordLoan, RecordRepayment } from './schema';

/**
 * Records a small guaranteed loan a bank granted to a startup, as typed in before the loan desk
 * existed. It is held to the desk's policy of its start date (the individual cap and term) and is
 * not counted in the report's loan counters: a loan issued through the desk is their one source,
 * so a loan entered in both places is never counted twice.
 */
export async function recordLoan(ctx: Ctx, input: RecordLoan): Promise<Loan> {
  if (!(await getStartup(input.startupId))) throw new NotFoundError('startup');
  const policy = versionOn(await getLoanPolicy(), input.startDate);
  if (!policy) throw new NotEligibleError('policy', `No loan policy applies on ${input.startDate}.`);
  if (input.principalFen > policy.individualCapFen) {
    throw new NotEligibleError(
      'individualCap',
      `A guaranteed loan is at most ${policy.individualCapFen} fen under the policy applying from ${policy.appliesFrom}.`,
    );
  }
  if (input.termMonths > policy.individualMaxTermMonths) {
    throw new NotEligibleError(
      'individualTerm',
      `A guaranteed loan runs at most ${policy.individualMaxTermMonths} months under the policy applying from ${policy.appliesFrom}.`,
    );
  }
  const at = ctx.now.toISOString();
  const loan: Loan = {
    id: newId('lon'),
    ...input,
    status: 'active',
    repaidPrincipalFen: 0,
    interestPaidFen: 0,
    recordedBy: ctx.actor.sub,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commit(ctx, [createLoanWrite(loan), auditRecord(ctx, { action: 'loan.recorded', entityType: 'loan', entityId: loan.id, after: loan })]);
  return loan;
}

/** Records a repayment; the loan is repaid when its whole principal is. Principal never over-repaid. */
export async function recordRepayment(ctx: Ctx, loanId: string, input: RecordRepayment): Promise<Loan> {
  return retryOnConflict(async () => {
    const loan = await getLoan(loanId);
    if (!loan) throw new NotFoundError('loan');
    if (loan.status !== 'active') throw new ConflictError(`A ${loan.status} loan takes no repayments.`, 'LOAN_NOT_ACTIVE');
    const repaid = loan.repaidPrincipalFen + input.principalFen;
    if (repaid > loan.principalFen) throw new UnprocessableError('The repayment is more than the principal still owed.', 'REPAYMENT_EXCEEDS_PRINCIPAL');
    const after: Loan = {
      ...loan,
      repaidPrincipalFen: repaid,
      interestPaidFen: loan.interestPaidFen + input.interestFen,
      status: repaid === loan.principalFen ? 'repaid' : 'active',
      updatedAt: ctx.now.toISOString(),
      version: loan.version + 1,
    };
    await commit(ctx, [
      saveLoanWrite(after, loan.version),
      repaymentWrite(loan.id, { id: newId('rpy'), ...input, recordedBy: ctx.actor.sub, at: after.updatedAt }),
      auditRecord(ctx, { action: 'loan.repayment_recorded', entityType: 'loan', entityId: loan.id, before: loan, after }),
    ]);
    return after;
  });
}

/** Marks an active loan defaulted (the guarantor steps in); final. */
export async function markLoanDefaulted(ctx: Ctx, loanId: string): Promise<Loan> {
  return retryOnConflict(async () => {
    const loan = await getLoan(loanId);
    if (!loan) throw new NotFoundError('loan');
    if (loan.status !== 'active') throw new ConflictError(`A ${loan.status} loan cannot default.`, 'LOAN_NOT_ACTIVE');
    const after: Loan = { ...loan, status: 'defaulted', updatedAt: ctx.now.toISOString(), version: loan.version + 1 };
    await commit(ctx, [
      saveLoanWrite(after, loan.version),
      auditRecord(ctx, { action: 'loan.defaulted', entityType: 'loan', entityId: loan.id, before: loan, after }),
    ]);
    return after;
  });
}

export async function getLoanById(id: string): Promise<Loan> {
  const loan = await getLoan(id);
  if (!loan) throw new NotFoundError('loan');
  return loan;
}

export function listLoans(startupId: string, page: PageQuery) {
  return listLoansOfStartup(startupId, page);
}

/** Every loan of a startup (bounded: a startup holds a handful), for interest-subsidy amounts. */
export async function allLoansOf(startupId: string): Promise<Loan[]> {
  const loans: Loan[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = await listLoansOfStartup(startupId, { limit: 100, cursor });
    loans.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return loans;
}

/**
 * Interest a startup paid, per loan and calendar month of payment: the interest periods subsidies
 * pay for. Loans typed in here and the loan desk's loans that finance the startup, each by its own id.
 */
export async function interestPeriodsOf(startupId: string): Promise<Array<{ loanId: string; month: string; interestFen: number }>> {
  const periods = new Map<string, { loanId: string; month: string; interestFen: number }>();
  for (const loan of await allLoansOf(startupId)) {
    for (const repayment of await listRepayments(loan.id)) {
      if (repayment.interestFen <= 0) continue;
      const month = repayment.paidOn.slice(0, 7);
      const key = `${loan.id}#${month}`;
      const found = periods.get(key) ?? { loanId: loan.id, month, interestFen: 0 };
      periods.set(key, { ...found, interestFen: found.interestFen + repayment.interestFen });
    }
  }
  const startup = await getStartup(startupId);
  const desk = startup ? await interestPaidForStartup(startup) : [];
  return [...periods.values(), ...desk].sort((a, b) => a.month.localeCompare(b.month) || a.loanId.localeCompare(b.loanId));
}

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getLoan } from './repository';
