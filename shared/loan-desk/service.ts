import { auditRecord, commit } from '../audit';
import { getApplicantIdOfUser, getApplicantItem } from '../applicants';
import { addDays, dayOf } from '../clock';
import type { Ctx } from '../context';
import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { tableName } from '../db/table';
import { TransactionConflictError, retryOnConflict, type TxItem } from '../db/transact';
import { ConflictError, ForbiddenError, NotEligibleError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { JobSummary } from '../jobs';
import { countWrites } from '../reports';
import { findStartup as getStartup, isFounderOf, latestVerifiedJobReport, peopleOf, type Startup } from '../startups';
import { certificatesOf } from '../training';
import { compensationWrites as fundCompensation, guaranteeWrites, onTimeWrite, recoveryWrites as fundRecovery, releaseWrite } from './fund';
import { getLoanPolicy, versionOn } from './policy';
import type {
  BankDecision,
  Guarantee,
  IssueLoan,
  LoanApplication,
  LoanApplicationStatus,
  LoanDefault,
  LoanExtension,
  LoanPolicyVersion,
  LoanRecovery,
  LoanRepayment,
  SubmitLoanApplication,
} from './schema';

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
  /** Issued loans by the last day of grace of their next instalment (a sparse index the overdue job reads). */
  dueBy: () => 'LOAN_APPLICATIONS_DUE',
  recovery: (id: string, recoveredOn: string, recoveryId: string) => ({ pk: `LOAN_APPLICATION#${id}`, sk: `RECOVERY#${recoveredOn}#${recoveryId}` }),
};

const applicationSortKey = (a: LoanApplication) => `${a.createdAt}#${a.id}`;

export const LoanApplicationEntity = defineEntity<LoanApplication, { id: string }>({
  name: 'loanApplication',
  module: 'loan-desk',
  prefix: 'LOAN_APPLICATION#',
  key: (a) => loanDeskKeys.application(a.id),
  serves: 'one loan application by id; the partition also holds its repayments and recoveries',
  indexes: {
    gsi1: { pk: (a) => loanDeskKeys.ofApplicant(a.applicantId), sk: applicationSortKey, serves: "a person's loan applications" },
    gsi2: { pk: (a) => loanDeskKeys.ofStatus(a.status), sk: applicationSortKey, serves: 'loan applications of one status' },
    // Only a loan being repaid on time waits for the overdue job, keyed by its last day of grace.
    gsi3: {
      pk: () => loanDeskKeys.dueBy(),
      sk: (a) => `${a.graceEndsOn}#${a.id}`,
      when: (a) => a.status === 'issued' && a.graceEndsOn !== undefined,
      serves: 'issued loans by the last day of grace of their next instalment, for the overdue job',
    },
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

export const LoanRecoveryEntity = defineEntity<
  LoanRecovery & { applicationId: string; recordedBy: string },
  { id: string; recoveredOn: string; recoveryId: string }
>({
  name: 'loanRecovery',
  module: 'loan-desk',
  prefix: 'LOAN_APPLICATION#',
  skPrefix: 'RECOVERY#',
  key: (r) => loanDeskKeys.recovery(r.id, r.recoveredOn, r.recoveryId),
  serves: "a defaulted loan's recoveries against the compensation",
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

/**
 * The cap and term of a borrower under a policy version: an individual's; a partnership's, the sum of
 * its partners' individual caps plus the policy's uplift (10 %); a small enterprise's, once its
 * registered business is verified and it has hired people of the priority groups for the policy's
 * share of its staff (the latest verified job report).
 */
/**
 * How the desk reads a startup's registered business: passed in by the caller (the API's routes use
 * the businesses module), since the businesses module sits above the loan desk.
 */
export type BusinessLookup = (startupId: string) => Promise<{ status: string; entityType: string } | undefined>;

const NO_BUSINESSES: BusinessLookup = async () => undefined;

async function capsFor(
  application: LoanApplication,
  policy: LoanPolicyVersion,
  businessOf: BusinessLookup,
): Promise<{ capFen: number; termMonths: number; capRule: string; termRule: string; who: string }> {
  if (application.borrowerType === 'individual') {
    return {
      capFen: policy.individualCapFen,
      termMonths: policy.individualMaxTermMonths,
      capRule: 'individualCap',
      termRule: 'individualTerm',
      who: 'An individual',
    };
  }
  const startup = application.startupId ? await getStartup(application.startupId) : undefined;
  if (!startup) throw new NotEligibleError('loanStartup', 'A partnership or a small enterprise borrows for its startup.');
  if (application.borrowerType === 'partnership') {
    const partners = peopleOf(startup).length;
    if (partners < 2) throw new NotEligibleError('partnership', 'A partnership has two or more partners (the founder and co-founders).');
    return {
      capFen: Math.floor((policy.individualCapFen * partners * (10_000 + policy.partnershipUpliftBp)) / 10_000),
      termMonths: policy.individualMaxTermMonths,
      capRule: 'partnershipCap',
      termRule: 'individualTerm',
      who: `A partnership of ${partners}`,
    };
  }
  const business = await businessOf(startup.id);
  if (!business || business.status !== 'active' || business.entityType !== 'enterprise') {
    throw new NotEligibleError('verifiedEnterprise', 'A small enterprise borrows once its registered enterprise is verified and active.');
  }
  const report = await latestVerifiedJobReport(startup.id);
  const staff = report?.employees ?? 0;
  const priority = report ? (report.priorityGroupEmployed ?? report.collegeGraduatesEmployed) : 0;
  const needBp = staff > policy.smallEnterpriseLargeStaff ? policy.smallEnterpriseLargeMinPriorityShareBp : policy.smallEnterpriseMinPriorityShareBp;
  if (staff === 0 || priority * 10_000 < needBp * staff) {
    throw new NotEligibleError(
      'priorityHires',
      `A small enterprise has hired people of the priority groups for at least ${needBp / 100} % of its staff (verified: ${priority} of ${staff}).`,
    );
  }
  return {
    capFen: policy.smallEnterpriseCapFen,
    termMonths: policy.smallEnterpriseMaxTermMonths,
    capRule: 'smallEnterpriseCap',
    termRule: 'smallEnterpriseTerm',
    who: 'A small enterprise',
  };
}

/** The rules of eligibility and the caps of the policy that applies on `day`; the first failing rule is named. */
async function checkRules(
  application: LoanApplication,
  day: string,
  amountFen: number,
  termMonths: number,
  businessOf: BusinessLookup,
): Promise<number | undefined> {
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
  const caps = await capsFor(application, policy, businessOf);
  if (amountFen > caps.capFen)
    throw new NotEligibleError(caps.capRule, `${caps.who} borrows at most ${caps.capFen} fen under the policy applying from ${policy.appliesFrom}.`);
  if (termMonths > caps.termMonths) {
    throw new NotEligibleError(
      caps.termRule,
      `${caps.who}'s loan runs at most ${caps.termMonths} months under the policy applying from ${policy.appliesFrom}.`,
    );
  }
  // A small enterprise's loan is the business's: the person's count of loans is not taken.
  if (application.borrowerType === 'small_enterprise') return undefined;
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
  const borrowerType = input.borrowerType ?? 'individual';
  if (borrowerType !== 'individual' && !input.startupId) {
    throw new ValidationError('A partnership or a small enterprise names its startup.', [{ field: 'body.startupId', message: 'required' }]);
  }
  if (input.startupId) {
    const startup = await getStartup(input.startupId);
    const applicant = await getApplicantItem(applicantId);
    // A startup the borrower did not found looks like none at all.
    if (!startup || !applicant || !isFounderOf(startup, applicant.userId)) throw new NotFoundError('startup');
  }
  const at = ctx.now.toISOString();
  const { applicantId: _ignored, ...rest } = input;
  const application: LoanApplication = {
    id: newId('lap'),
    applicantId,
    ...rest,
    borrowerType,
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
  from: LoanApplicationStatus | LoanApplicationStatus[],
  action: string,
  decide: (before: LoanApplication) => Promise<{ after: Omit<LoanApplication, 'version' | 'updatedAt'>; extra?: TxItem[] }>,
): Promise<LoanApplication> {
  return retryOnConflict(async () => {
    const before = await getApplication(ctx, id);
    const allowed = Array.isArray(from) ? from : [from];
    if (!allowed.includes(before.status)) {
      throw new ConflictError(`The application is ${before.status}; this step needs it ${allowed.join(' or ')}.`, 'LOAN_APPLICATION_STATE', {
        status: before.status,
      });
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

export function certify(ctx: Ctx, id: string, businessOf: BusinessLookup = NO_BUSINESSES): Promise<LoanApplication> {
  return step(ctx, id, 'submitted', 'certified', async (before) => {
    await checkRules(before, dayOf(ctx.now), before.amountFen, before.termMonths, businessOf);
    return { after: { ...before, status: 'certified', certifiedBy: ctx.actor.sub, certifiedAt: ctx.now.toISOString() } };
  });
}

export function recordBankDecision(ctx: Ctx, id: string, input: BankDecision): Promise<LoanApplication> {
  return step(ctx, id, 'certified', input.approved ? 'bank_approved' : 'bank_declined', async (before) => ({
    after: { ...before, status: input.approved ? 'bank_approved' : 'bank_declined', bankDecision: input },
  }));
}

/** The guarantee: a guarantee fund's takes the amount certified from the fund's headroom in the same transaction. */
export function recordGuarantee(ctx: Ctx, id: string, input: Guarantee): Promise<LoanApplication> {
  if (input.guarantorType === 'guarantee_fund' && !input.fundId) {
    throw new ValidationError('Name the guarantee fund.', [{ field: 'body.fundId', message: 'required with guarantee_fund' }]);
  }
  if (input.guarantorType !== 'guarantee_fund' && input.fundId) {
    throw new ValidationError('Only a guarantee fund is named by fundId.', [{ field: 'body.fundId', message: 'only with guarantee_fund' }]);
  }
  return step(ctx, id, 'bank_approved', 'guaranteed', async (before) => ({
    after: { ...before, status: 'guaranteed', guarantee: input },
    extra: input.fundId
      ? await guaranteeWrites(input.fundId, {
          applicationId: id,
          applicantId: before.applicantId,
          guaranteedFen: before.amountFen,
          guaranteedOn: input.guaranteedOn,
        })
      : [],
  }));
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

export function issueLoan(ctx: Ctx, id: string, input: IssueLoan, businessOf: BusinessLookup = NO_BUSINESSES): Promise<LoanApplication> {
  return step(ctx, id, 'guaranteed', 'issued', async (before) => {
    if (input.principalFen > before.amountFen) throw new UnprocessableError('The principal is more than the amount certified.', 'PRINCIPAL_ABOVE_CERTIFIED');
    const max = await checkRules(before, input.startDate, input.principalFen, input.termMonths, businessOf);
    const loan = { ...input, endDate: addMonths(input.startDate, input.termMonths) };
    return {
      after: { ...before, status: 'issued', loan, instalmentsSettled: 0, overduePeriods: [], ...(await dueDates(loan, 0)) },
      extra: [
        ...(max === undefined ? [] : [takeLoanWrite(before.applicantId, max)]),
        ...(before.guarantee?.fundId ? releaseWrite(before.guarantee.fundId, before.amountFen - input.principalFen) : []),
        ...countWrites(input.startDate.slice(0, 7), { loans_issued: 1, loans_principal_fen: input.principalFen }),
      ],
    };
  });
}

/** The policy version a loan was issued under (its start date): grace days and extension limits come from it. */
async function policyOfLoan(loan: { startDate: string }): Promise<LoanPolicyVersion> {
  const policy = versionOn(await getLoanPolicy(), loan.startDate);
  if (!policy) throw new NotEligibleError('policy', `No loan policy applies on ${loan.startDate}.`);
  return policy;
}

/** The next instalment after `settled` have been: due a month after the start and monthly to the end; its last day of grace. */
async function dueDates(loan: { startDate: string; endDate: string }, settled: number): Promise<{ nextDueDate: string; graceEndsOn: string }> {
  const monthly = addMonths(loan.startDate, settled + 1);
  // Days compare as strings: the monthly date, or the end if that comes first.
  const nextDueDate = [monthly, loan.endDate].sort()[0]!;
  return { nextDueDate, graceEndsOn: addDays(nextDueDate, (await policyOfLoan(loan)).graceDays) };
}

/**
 * A repayment settles the next instalment. A loan that was overdue is back to issued once the next
 * instalment's grace has not yet ended (the overdue period closes on the day paid); the whole
 * principal repaid closes it.
 */
export function recordRepayment(ctx: Ctx, id: string, input: LoanRepayment): Promise<LoanApplication> {
  return step(ctx, id, ['issued', 'overdue'], 'repayment_recorded', async (before) => {
    const loan = before.loan!;
    const principal = loan.principalFen;
    const repaid = before.repaidPrincipalFen + input.principalFen;
    if (repaid > principal) throw new UnprocessableError('The repayment is more than the principal still owed.', 'REPAYMENT_EXCEEDS_PRINCIPAL');
    if (input.paidOn < loan.startDate) throw new UnprocessableError('A repayment is paid on or after the loan starts.', 'REPAYMENT_BEFORE_START');
    const settled = (before.instalmentsSettled ?? 0) + 1;
    const next = await dueDates(loan, settled);
    const stillOverdue = before.status === 'overdue' && next.graceEndsOn < dayOf(ctx.now);
    const overduePeriods = (before.overduePeriods ?? []).map((p) =>
      before.status === 'overdue' && !stillOverdue && p.to === undefined ? { ...p, to: input.paidOn } : p,
    );
    return {
      after: {
        ...before,
        repaidPrincipalFen: repaid,
        interestPaidFen: before.interestPaidFen + input.interestFen,
        instalmentsSettled: settled,
        ...next,
        overduePeriods,
        status: repaid === principal ? 'closed' : stillOverdue ? 'overdue' : 'issued',
      },
      extra: [
        ...fundRepaymentWrites(before, input),
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

/** On a fund's loan, the principal repaid leaves its outstanding; the instalment settled is counted for the on-time rate (an overdue one was counted late when it became overdue). */
function fundRepaymentWrites(before: LoanApplication, input: LoanRepayment): TxItem[] {
  const fundId = before.guarantee?.fundId;
  if (!fundId) return [];
  return [
    ...releaseWrite(fundId, input.principalFen),
    ...(before.status === 'issued' && before.nextDueDate
      ? [onTimeWrite(fundId, Number(before.nextDueDate.slice(0, 4)), input.paidOn <= before.nextDueDate)]
      : []),
  ];
}

/**
 * The overdue job: every issued loan whose next instalment's grace ended before today (Beijing
 * time) becomes overdue, audited as the system. Reads the sparse index of issued loans by their last
 * day of grace; the loan itself decides (the index may lag), so running twice changes nothing.
 */
export async function markOverdueLoans(ctx: Ctx): Promise<JobSummary> {
  const today = dayOf(ctx.now);
  const yesterday = addDays(today, -1);
  let marked = 0;
  let cursor: string | undefined;
  do {
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi3',
      partition: loanDeskKeys.dueBy(),
      between: ['0000-00-00', `${yesterday}#~`],
      page: { limit: 100, cursor },
    });
    for (const item of page.items) {
      const id = fromItem(item).id;
      const done = await retryOnConflict(async () => {
        const current = await getItem<Record<string, unknown>>(loanDeskKeys.application(id));
        if (!current) return false;
        const before = fromItem(current);
        if (before.status !== 'issued' || !before.graceEndsOn || before.graceEndsOn >= today) return false;
        const after: LoanApplication = {
          ...before,
          status: 'overdue',
          overduePeriods: [...(before.overduePeriods ?? []), { dueDate: before.nextDueDate!, from: addDays(before.graceEndsOn, 1) }],
          updatedAt: ctx.now.toISOString(),
          version: before.version + 1,
        };
        await commit(ctx, [
          putVersioned(toItem(after), before.version, () => new TransactionConflictError()),
          ...(before.guarantee?.fundId ? [onTimeWrite(before.guarantee.fundId, Number(before.nextDueDate!.slice(0, 4)), false)] : []),
          auditRecord(ctx, { action: 'loanApplication.overdue', entityType: 'loanApplication', entityId: id, before, after }),
        ]);
        return true;
      });
      if (done) marked += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { marked };
}

/** An extension (展期), once, to a new end no later than the policy allows; instalments continue monthly to it. */
export function extendLoan(ctx: Ctx, id: string, input: LoanExtension): Promise<LoanApplication> {
  return step(ctx, id, ['issued', 'overdue'], 'extended', async (before) => {
    const loan = before.loan!;
    if (before.extension) throw new ConflictError('The loan has been extended once already.', 'LOAN_ALREADY_EXTENDED');
    if (input.newEndDate <= loan.endDate) throw new UnprocessableError('An extension ends after the loan’s current end.', 'EXTENSION_NOT_LATER');
    const policy = await policyOfLoan(loan);
    const latest = addMonths(loan.endDate, policy.maxExtensionMonths);
    if (input.newEndDate > latest) {
      throw new NotEligibleError('maxExtensionMonths', `A loan is extended by at most ${policy.maxExtensionMonths} months, to ${latest} at the latest.`);
    }
    const extended = { ...loan, endDate: input.newEndDate };
    return {
      after: {
        ...before,
        loan: extended,
        extension: { ...input, previousEndDate: loan.endDate, by: ctx.actor.sub },
        ...(await dueDates(extended, before.instalmentsSettled ?? 0)),
      },
    };
  });
}

/** The guarantee fund's side of a default: its compensation paid out, the loan's principal owed no longer outstanding on it. */
function defaultWrites(ctx: Ctx, before: LoanApplication, input: LoanDefault): Promise<TxItem[]> | TxItem[] {
  const fundId = before.guarantee?.fundId;
  if (!fundId) return [];
  const owed = before.loan!.principalFen - before.repaidPrincipalFen;
  return fundCompensation(ctx, fundId, before.id, input.compensatedOn, input.principalFen + input.interestFen, owed);
}

/** An overdue loan defaults: the guarantor's compensation (代偿) to the bank is recorded, at most the principal still owed. */
export function recordDefault(ctx: Ctx, id: string, input: LoanDefault): Promise<LoanApplication> {
  return step(ctx, id, 'overdue', 'defaulted', async (before) => {
    const owed = before.loan!.principalFen - before.repaidPrincipalFen;
    if (input.principalFen > owed) throw new UnprocessableError('The compensation is more than the principal still owed.', 'COMPENSATION_EXCEEDS_PRINCIPAL');
    return {
      after: { ...before, status: 'defaulted', compensation: { ...input, by: ctx.actor.sub }, recoveredFen: 0 },
      extra: await defaultWrites(ctx, before, input),
    };
  });
}

/** What is recovered against the compensation (追偿), never more than it; the whole of it makes the loan recovered. */
export function recordRecovery(ctx: Ctx, id: string, input: LoanRecovery): Promise<LoanApplication> {
  return step(ctx, id, 'defaulted', 'recovery_recorded', async (before) => {
    const compensated = before.compensation!.principalFen + before.compensation!.interestFen;
    const recovered = (before.recoveredFen ?? 0) + input.amountFen;
    if (recovered > compensated) throw new UnprocessableError('The recoveries are more than the compensation.', 'RECOVERY_EXCEEDS_COMPENSATION');
    return {
      after: { ...before, recoveredFen: recovered, status: recovered === compensated ? 'recovered' : 'defaulted' },
      extra: [
        putNew(
          {
            ...LoanRecoveryEntity.key({ id, recoveredOn: input.recoveredOn, recoveryId: newId('rcv') }),
            entity: LoanRecoveryEntity.name,
            applicationId: id,
            ...input,
            recordedBy: ctx.actor.sub,
          },
          () => new ConflictError('Id collision; retry.'),
        ),
        ...(before.guarantee?.fundId ? await fundRecovery(ctx, before.guarantee.fundId, id, input.recoveredOn, input.amountFen, input.source) : []),
      ],
    };
  });
}

/**
 * Interest paid on the desk's loans that finance a startup, per loan and calendar month of payment
 * (the loans of its founders that name it): what its loan-interest subsidy claims pay for.
 */
export async function interestPaidForStartup(startup: Startup): Promise<Array<{ loanId: string; month: string; interestFen: number }>> {
  const periods = new Map<string, { loanId: string; month: string; interestFen: number }>();
  for (const sub of peopleOf(startup)) {
    const applicantId = await getApplicantIdOfUser(sub);
    if (!applicantId) continue;
    // A person has at most a handful of applications (the policy allows 3 loans).
    const applications = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: loanDeskKeys.ofApplicant(applicantId), page: { limit: 100 } });
    for (const application of applications.items.map(fromItem)) {
      if (application.startupId !== startup.id || !application.loan) continue;
      let cursor: string | undefined;
      do {
        const page = await queryPage<{ paidOn: string; interestFen: number }>({
          partition: loanDeskKeys.application(application.id).pk,
          beginsWith: 'REPAYMENT#',
          page: { limit: 100, cursor },
        });
        for (const repayment of page.items) {
          if (repayment.interestFen <= 0) continue;
          const month = repayment.paidOn.slice(0, 7);
          const key = `${application.id}#${month}`;
          const found = periods.get(key) ?? { loanId: application.id, month, interestFen: 0 };
          periods.set(key, { ...found, interestFen: found.interestFen + repayment.interestFen });
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
  return [...periods.values()];
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
