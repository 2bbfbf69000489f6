import { auditRecord, commit } from '../audit';
import { getApplicantIdOfUser, getApplicantItem } from '../applicants';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError, NotEligibleError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { countWrites } from '../reports';
import { certificatesOf } from '../training';
import { getLoanPolicy, versionOn } from './policy';
import type { BankDecision, Guarantee, IssueLoan, LoanApplication, LoanApplicationStatus, LoanRepayment, SubmitLoanApplication } from './schema';

/**
 * The guaranteed-loan desk (创业担保贷款) for individual borrowers: submitted → certified (officer,
 * eligibility and caps) → bank_approved | bank_declined (the bank's decision, recorded by an
 * officer) → guaranteed → issued (caps checked again against the policy of the issue date, the
 * person's loan count taken in the same transaction) → closed when the principal is repaid.
 */
export const loanDeskKeys = {
  application: (id: string) => ({ pk: `LOAN_APPLICATION#${id}`, sk: 'APPLICATION' }),
  repayment: (id: string, paidOn: string, repaymentId: string) => ({ pk: `LOAN_APPLICATION#${id}`, sk: `REPAYMENT#${paidOn}#${repaymentId}` }),
  /** The loans a person has been issued, over time: the count the per-person limit is kept on. */
  borrower: (applicantId: string) => ({ pk: `LOAN_BORROWER#${applicantId}`, sk: 'COUNT' }),
  ofApplicant: (applicantId: string) => `LOAN_APPLICATIONS#${applicantId}`,
  ofStatus: (status: LoanApplicationStatus) => `LOAN_APPLICATIONS_STATUS#${status}`,
};

const applicationSortKey = (a: LoanApplication) => `${a.createdAt}#${a.id}`;

export const LoanApplicationEntity = defineEntity<LoanApplication, { id: string }>({
  name: 'loanApplication',
  module: 'loan-desk',
  prefix: 'LOAN_APPLICATION#',
  key: (a) => loanDeskKeys.application(a.id),
  serves: 'one loan application by id; the partition also holds its repayments',
  indexes: {
    gsi1: { pk: (a) => loanDeskKeys.ofApplicant(a.applicantId), sk: applicationSortKey, serves: "a person's loan applications" },
    gsi2: { pk: (a) => loanDeskKeys.ofStatus(a.status), sk: applicationSortKey, serves: 'loan applications of one status' },
  },
});

export const LoanApplicationRepaymentEntity = defineEntity<
  LoanRepayment & { applicationId: string; recordedBy: string },
  { id: string; paidOn: string; repaymentId: string }
>({
  name: 'loanApplicationRepayment',
  module: 'loan-desk',
  prefix: 'LOAN_APPLICATION#',
  skPrefix: 'REPAYMENT#',
  key: (r) => loanDeskKeys.repayment(r.id, r.paidOn, r.repaymentId),
  serves: "an issued loan's repayments",
});

/** The loans a person has been issued, over time: the count the per-person limit is kept on. */
export const LoanBorrowerEntity = defineEntity<{ loansIssued: number }, { applicantId: string }>({
  name: 'loanBorrower',
  module: 'loan-desk',
  prefix: 'LOAN_BORROWER#',
  key: (borrower) => loanDeskKeys.borrower(borrower.applicantId),
  serves: "a person's count of loans issued, capped by the policy",
});

const toItem = LoanApplicationEntity.toItem;
const fromItem = LoanApplicationEntity.fromItem;

async function ownApplicantId(ctx: Ctx): Promise<string> {
  const own = await getApplicantIdOfUser(ctx.actor.sub);
  if (!own) throw new UnprocessableError('Register as an applicant first.', 'APPLICANT_PROFILE_REQUIRED');
  return own;
}

/** An application the caller may see: staff any, an applicant only their own (others 404). */
export async function getApplication(ctx: Ctx, id: string): Promise<LoanApplication> {
  const item = await getItem<Record<string, unknown>>(loanDeskKeys.application(id));
  if (!item) throw new NotFoundError('loan application');
  const application = fromItem(item);
  if (ctx.role === 'applicant' && application.applicantId !== (await getApplicantIdOfUser(ctx.actor.sub))) throw new NotFoundError('loan application');
  return application;
}

async function loansIssuedTo(applicantId: string): Promise<number> {
  return (await getItem<{ loansIssued?: number }>(loanDeskKeys.borrower(applicantId)))?.loansIssued ?? 0;
}

/** The rules of eligibility and the caps of the policy that applies on `day`; the first failing rule is named. */
async function checkRules(application: LoanApplication, day: string, amountFen: number, termMonths: number): Promise<number> {
  const policy = versionOn(await getLoanPolicy(), day);
  if (!policy) throw new NotEligibleError('policy', `No loan policy applies on ${day}.`);
  const applicant = await getApplicantItem(application.applicantId);
  if (!applicant) throw new NotFoundError('applicant');
  if (!policy.priorityGroups.includes(application.priorityGroup)) {
    throw new NotEligibleError('priorityGroup', `The policy of ${policy.appliesFrom} lends to: ${policy.priorityGroups.join(', ')}.`);
  }
  if (applicant.category !== application.priorityGroup) {
    throw new NotEligibleError('priorityGroup', `The borrower is registered as ${applicant.category}, not ${application.priorityGroup}.`);
  }
  if (amountFen > policy.individualCapFen) {
    throw new NotEligibleError(
      'individualCap',
      `An individual borrows at most ${policy.individualCapFen} fen under the policy applying from ${policy.appliesFrom}.`,
    );
  }
  if (termMonths > policy.individualMaxTermMonths) {
    throw new NotEligibleError(
      'individualTerm',
      `An individual loan runs at most ${policy.individualMaxTermMonths} months under the policy applying from ${policy.appliesFrom}.`,
    );
  }
  if ((await loansIssuedTo(application.applicantId)) >= policy.maxLoansPerPerson) {
    throw new NotEligibleError('maxLoansPerPerson', `A person may have at most ${policy.maxLoansPerPerson} guaranteed loans over time.`);
  }
  if (policy.requiresTrainingCertificate && (await certificatesOf(application.applicantId)).length === 0) {
    throw new NotEligibleError('requiresTrainingCertificate', 'The borrower must hold an entrepreneurship-training certificate.');
  }
  return policy.maxLoansPerPerson;
}

export async function submitApplication(ctx: Ctx, input: SubmitLoanApplication): Promise<LoanApplication> {
  let applicantId: string;
  if (ctx.role === 'applicant') {
    applicantId = await ownApplicantId(ctx);
    if (input.applicantId && input.applicantId !== applicantId) throw new ForbiddenError('Applicants apply for themselves only.');
  } else {
    if (!input.applicantId) throw new ValidationError('Name the borrower.', [{ field: 'body.applicantId', message: 'required' }]);
    if (!(await getApplicantItem(input.applicantId))) throw new NotFoundError('applicant');
    applicantId = input.applicantId;
  }
  const at = ctx.now.toISOString();
  const { applicantId: _ignored, ...rest } = input;
  const application: LoanApplication = {
    id: newId('lap'),
    borrowerType: 'individual',
    applicantId,
    ...rest,
    status: 'submitted',
    repaidPrincipalFen: 0,
    interestPaidFen: 0,
    submittedBy: ctx.actor.sub,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await commit(ctx, [
    putNew(toItem(application), () => new ConflictError('Id collision; retry.')),
    auditRecord(ctx, { action: 'loanApplication.submitted', entityType: 'loanApplication', entityId: application.id, after: application }),
  ]);
  return application;
}

/** One step of the flow: from the state it needs, to the next, with its audit record. */
async function step(
  ctx: Ctx,
  id: string,
  from: LoanApplicationStatus,
  action: string,
  decide: (before: LoanApplication) => Promise<{ after: Omit<LoanApplication, 'version' | 'updatedAt'>; extra?: TxItem[] }>,
): Promise<LoanApplication> {
  return retryOnConflict(async () => {
    const before = await getApplication(ctx, id);
    if (before.status !== from) {
      throw new ConflictError(`The application is ${before.status}; this step needs it ${from}.`, 'LOAN_APPLICATION_STATE', { status: before.status });
    }
    const decided = await decide(before);
    const after: LoanApplication = { ...decided.after, updatedAt: ctx.now.toISOString(), version: before.version + 1 };
    await commit(ctx, [
      putVersioned(toItem(after), before.version, () => new TransactionConflictError()),
      ...(decided.extra ?? []),
      auditRecord(ctx, { action: `loanApplication.${action}`, entityType: 'loanApplication', entityId: id, before, after }),
    ]);
    return after;
  });
}

export function certify(ctx: Ctx, id: string): Promise<LoanApplication> {
  return step(ctx, id, 'submitted', 'certified', async (before) => {
    await checkRules(before, dayOf(ctx.now), before.amountFen, before.termMonths);
    return { after: { ...before, status: 'certified', certifiedBy: ctx.actor.sub, certifiedAt: ctx.now.toISOString() } };
  });
}

export function recordBankDecision(ctx: Ctx, id: string, input: BankDecision): Promise<LoanApplication> {
  return step(ctx, id, 'certified', input.approved ? 'bank_approved' : 'bank_declined', async (before) => ({
    after: { ...before, status: input.approved ? 'bank_approved' : 'bank_declined', bankDecision: input },
  }));
}

export function recordGuarantee(ctx: Ctx, id: string, input: Guarantee): Promise<LoanApplication> {
  return step(ctx, id, 'bank_approved', 'guaranteed', async (before) => ({ after: { ...before, status: 'guaranteed', guarantee: input } }));
}

/** `YYYY-MM-DD` plus whole months (the day clamped to the month's last). */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The person's loan count, taken in the issue's transaction: never above the policy's limit, however many issue at once. */
function takeLoanWrite(applicantId: string, max: number): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: loanDeskKeys.borrower(applicantId),
      UpdateExpression: 'SET entity = :entity ADD loansIssued :one',
      ConditionExpression: 'attribute_not_exists(loansIssued) OR loansIssued < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':entity': LoanBorrowerEntity.name },
    },
    onConditionFailed: () => new NotEligibleError('maxLoansPerPerson', `A person may have at most ${max} guaranteed loans over time.`),
  };
}

export function issueLoan(ctx: Ctx, id: string, input: IssueLoan): Promise<LoanApplication> {
  return step(ctx, id, 'guaranteed', 'issued', async (before) => {
    if (input.principalFen > before.amountFen) throw new UnprocessableError('The principal is more than the amount certified.', 'PRINCIPAL_ABOVE_CERTIFIED');
    const max = await checkRules(before, input.startDate, input.principalFen, input.termMonths);
    return {
      after: { ...before, status: 'issued', loan: { ...input, endDate: addMonths(input.startDate, input.termMonths) } },
      extra: [
        takeLoanWrite(before.applicantId, max),
        ...countWrites(input.startDate.slice(0, 7), { loans_issued: 1, loans_principal_fen: input.principalFen }),
      ],
    };
  });
}

export function recordRepayment(ctx: Ctx, id: string, input: LoanRepayment): Promise<LoanApplication> {
  return step(ctx, id, 'issued', 'repayment_recorded', async (before) => {
    const principal = before.loan!.principalFen;
    const repaid = before.repaidPrincipalFen + input.principalFen;
    if (repaid > principal) throw new UnprocessableError('The repayment is more than the principal still owed.', 'REPAYMENT_EXCEEDS_PRINCIPAL');
    if (input.paidOn < before.loan!.startDate) throw new UnprocessableError('A repayment is paid on or after the loan starts.', 'REPAYMENT_BEFORE_START');
    return {
      after: {
        ...before,
        repaidPrincipalFen: repaid,
        interestPaidFen: before.interestPaidFen + input.interestFen,
        status: repaid === principal ? 'closed' : 'issued',
      },
      extra: [
        putNew(
          {
            ...LoanApplicationRepaymentEntity.key({ id, paidOn: input.paidOn, repaymentId: newId('rpy') }),
            entity: LoanApplicationRepaymentEntity.name,
            applicationId: id,
            ...input,
            recordedBy: ctx.actor.sub,
          },
          () => new ConflictError('Id collision; retry.'),
        ),
      ],
    };
  });
}

export async function listApplications(ctx: Ctx, filter: { applicantId?: string; status?: LoanApplicationStatus }, page: PageQuery) {
  let applicantId = filter.applicantId;
  if (ctx.role === 'applicant') {
    const own = await ownApplicantId(ctx);
    if (applicantId && applicantId !== own) throw new ForbiddenError('Applicants see their own applications only.');
    applicantId = own;
  }
  if (!applicantId && !filter.status) throw new ValidationError('Filter by applicantId or status.', [{ field: 'query', message: 'applicantId or status' }]);
  const result = applicantId
    ? await queryPage<Record<string, unknown>>({
        index: 'gsi1',
        partition: loanDeskKeys.ofApplicant(applicantId),
        page,
        ...(filter.status
          ? {
              filter: {
                FilterExpression: '#status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': filter.status },
              },
            }
          : {}),
      })
    : await queryPage<Record<string, unknown>>({ index: 'gsi2', partition: loanDeskKeys.ofStatus(filter.status!), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}
