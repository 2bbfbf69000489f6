import { getApplicantItem } from '../applicants';
import { auditRecord, commit } from '../audit';
import { dayOf } from '../clock';
import type { Ctx } from '../context';
import { sealText } from '../crypto';
import { getItems } from '../db/items';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { newId } from '../ids';
import { maskAccountNumber, maskName } from '../privacy';
import { getLoanPolicy, loanDeskKeys, versionOn, type LoanApplication } from '../loan-desk';
import { requireProgramme } from '../programmes';
import { findStartup as getStartup } from '../startups';
import { getHold, holdKeys, HoldTakenError } from './holds';
import { newClaimState, submitClaimWrites, type ClaimItem } from './repository';
import { MAX_SETTLEMENT_LINES, SettlementLine, type EnterSettlement, type SettlementPreview } from './schema';

/**
 * The quarterly interest settlement with the bank (贴息清算): the bank's list of the interest it
 * charged each loan in a quarter becomes one claim per loan in a `loan_interest_subsidy` programme,
 * paid to the bank through that programme's payout batches (verification, disclosure, batch,
 * approval and the bank's confirmation, as every claim). The subsidy is the policy's share of the
 * interest on at most its base of the principal (50 % on the first 300,000 yuan, settings of the
 * version of the loan's start date). A quarter in which the loan was overdue or extended is not
 * subsidised. Each claim takes the three loan-month holds of its quarter in the entry's one
 * transaction: a loan-quarter is subsidised once, against a parallel entry and against a monthly
 * claim for the same loan.
 */

const QUARTER_MONTHS = (quarter: string): [string, string, string] => {
  const [year, q] = [quarter.slice(0, 4), Number(quarter.slice(6))];
  return [1, 2, 3].map((i) => `${year}-${String((q - 1) * 3 + i).padStart(2, '0')}`) as [string, string, string];
};

function quarterBounds(quarter: string): { first: string; last: string } {
  const months = QUARTER_MONTHS(quarter);
  const [y, m] = months[2].split('-').map(Number) as [number, number];
  return { first: `${months[0]}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

const overlaps = (from: string, to: string | undefined, first: string, last: string) => from <= last && (to === undefined || to >= first);

/** The bank's CSV: a header row naming applicationId, interestFen and annualRateBp (any order), then one loan a line. */
function parseCsv(csv: string): SettlementLine[] {
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((row) => row.trim())
    .filter((row) => row.length > 0)
    .map((row) => row.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1')));
  const [header, ...data] = rows;
  const at = (name: string) => header?.indexOf(name) ?? -1;
  const columns = { applicationId: at('applicationId'), interestFen: at('interestFen'), annualRateBp: at('annualRateBp') };
  if (Object.values(columns).some((i) => i < 0)) {
    throw new ValidationError('The CSV needs a header row: applicationId,interestFen,annualRateBp.', [{ field: 'body.csv', message: 'header row' }]);
  }
  if (data.length === 0 || data.length > MAX_SETTLEMENT_LINES) {
    throw new ValidationError(`The CSV lists 1 to ${MAX_SETTLEMENT_LINES} loans.`, [{ field: 'body.csv', message: `1–${MAX_SETTLEMENT_LINES} lines` }]);
  }
  return data.map((row, i) => {
    const parsed = SettlementLine.safeParse({
      applicationId: row[columns.applicationId],
      interestFen: Number(row[columns.interestFen]),
      annualRateBp: Number(row[columns.annualRateBp]),
    });
    if (!parsed.success)
      throw new ValidationError(`Line ${i + 2} of the CSV is not valid.`, [{ field: `body.csv[${i + 2}]`, message: parsed.error.issues[0]!.message }]);
    return parsed.data;
  });
}

interface Judged {
  line: SettlementLine;
  application?: LoanApplication;
  outcome: SettlementPreview['lines'][number]['outcome'];
  subsidyFen: number;
  basis: string;
  holds: string[];
}

async function judge(input: EnterSettlement, today: string): Promise<Judged[]> {
  const lines = input.lines ?? parseCsv(input.csv!);
  if (new Set(lines.map((l) => l.applicationId)).size !== lines.length) {
    throw new ValidationError('A loan is listed twice.', [{ field: 'body.lines', message: 'a loan is listed twice' }]);
  }
  const { first, last } = quarterBounds(input.quarter);
  if (last >= today) throw new UnprocessableError(`The quarter ${input.quarter} has not ended.`, 'QUARTER_NOT_ENDED', { quarter: input.quarter });
  const policy = await getLoanPolicy();
  const items = await getItems<LoanApplication>(lines.map((l) => loanDeskKeys.application(l.applicationId)));
  return Promise.all(
    lines.map(async (line, i): Promise<Judged> => {
      const application = items[i];
      const holds = QUARTER_MONTHS(input.quarter).map((month) => holdKeys.interestMonth(line.applicationId, month));
      const none = { line, application, subsidyFen: 0, holds };
      if (!application?.loan || application.loan.startDate > last) return { ...none, outcome: 'not_issued', basis: 'no loan issued by the quarter’s end' };
      if ((application.overduePeriods ?? []).some((p) => overlaps(p.from, p.to, first, last))) {
        return { ...none, outcome: 'overdue', basis: `overdue in ${input.quarter}: not subsidised` };
      }
      const extension = application.extension;
      if (extension && overlaps(extension.previousEndDate, extension.newEndDate, first, last)) {
        return { ...none, outcome: 'extended', basis: `extended in ${input.quarter}: not subsidised` };
      }
      if ((await Promise.all(holds.map((key) => getHold(key)))).some(Boolean)) {
        return { ...none, outcome: 'already_subsidised', basis: `interest of ${input.quarter} already subsidised` };
      }
      const rules = versionOn(policy, application.loan.startDate)!;
      const principal = application.loan.principalFen;
      const base = Math.min(principal, rules.interestSubsidyBaseFen);
      const subsidyFen = Math.floor((line.interestFen * base * rules.interestSubsidyShareBp) / (principal * 10_000));
      return {
        ...none,
        outcome: 'ok',
        subsidyFen,
        basis: `${rules.interestSubsidyShareBp / 100}% of ${line.interestFen} fen interest charged in ${input.quarter} at ${line.annualRateBp} bp, on ${base} of ${principal} fen principal (policy of ${rules.appliesFrom})`,
      };
    }),
  );
}

const view = (quarter: string, judged: Judged[], entered?: { settlementId: string; claimIds: string[] }): SettlementPreview => ({
  quarter,
  lines: judged.map((j) => ({ ...j.line, outcome: j.outcome, principalFen: j.application?.loan?.principalFen, subsidyFen: j.subsidyFen, basis: j.basis })),
  subsidyFen: judged.reduce((sum, j) => sum + j.subsidyFen, 0),
  ...entered,
});

async function loanInterestProgramme(programmeId: string) {
  const programme = await requireProgramme(programmeId);
  if (programme.kind !== 'loan_interest_subsidy') {
    throw new UnprocessableError('The bank’s interest is settled through a loan_interest_subsidy programme.', 'NOT_A_LOAN_INTEREST_PROGRAMME', {
      programmeId,
    });
  }
  return programme;
}

/** What an entry would do, line by line, without writing anything. */
export async function previewSettlement(ctx: Ctx, input: EnterSettlement): Promise<SettlementPreview> {
  await loanInterestProgramme(input.programmeId);
  return view(input.quarter, await judge(input, dayOf(ctx.now)));
}

const REFUSALS = {
  not_issued: (id: string) =>
    new UnprocessableError(`Loan application ${id} had no loan issued by the quarter's end.`, 'LOAN_NOT_ISSUED', { applicationId: id }),
  overdue: (id: string) =>
    new UnprocessableError(`The loan ${id} was overdue in the quarter: its interest is not subsidised.`, 'QUARTER_OVERDUE', { applicationId: id }),
  extended: (id: string) =>
    new UnprocessableError(`The loan ${id} was extended in the quarter: its interest is not subsidised.`, 'QUARTER_EXTENDED', { applicationId: id }),
  already_subsidised: (id: string) =>
    new ConflictError(`The interest of loan ${id} in this quarter is already subsidised.`, 'ALREADY_SUBSIDISED', { applicationId: id }),
} as const;

/**
 * Enters the bank's list: every line must be subsidisable (the first that is not is refused with
 * its code: LOAN_NOT_ISSUED, QUARTER_OVERDUE, QUARTER_EXTENDED, ALREADY_SUBSIDISED), then one claim
 * per loan with its holds, all in one transaction with the entry's audit record.
 */
export async function enterSettlement(ctx: Ctx, input: EnterSettlement): Promise<SettlementPreview> {
  const programme = await loanInterestProgramme(input.programmeId);
  const judged = await judge(input, dayOf(ctx.now));
  for (const j of judged) if (j.outcome !== 'ok') throw REFUSALS[j.outcome](j.line.applicationId);
  const at = ctx.now.toISOString();
  const settlementId = newId('lis');
  const { accountNumber, ...bank } = input.bankAccount;
  // No account fingerprint: the bank's one account is paid for many borrowers by design.
  const account = {
    bankAccount: { ...bank, accountNumberMasked: maskAccountNumber(accountNumber) },
    bankAccountCipher: await sealText(JSON.stringify(input.bankAccount)),
  };
  const claims: ClaimItem[] = [];
  for (const j of judged) {
    const application = j.application!;
    const applicant = await getApplicantItem(application.applicantId);
    if (!applicant) throw new NotFoundError('applicant');
    const startup = application.startupId ? await getStartup(application.startupId) : undefined;
    const periods = QUARTER_MONTHS(input.quarter).map((month, i) => ({
      period: month,
      loanId: application.id,
      // The quarter's figures on its first month; the other two are held, not paid twice.
      basisFen: i === 0 ? j.line.interestFen : 0,
      amountFen: i === 0 ? j.subsidyFen : 0,
    }));
    claims.push({
      id: newId('clm'),
      programmeId: programme.id,
      programmeKind: programme.kind,
      programmeName: programme.name,
      policy: programme.policy,
      applicantId: applicant.id,
      applicantUserId: applicant.userId,
      applicantNameMasked: maskName(applicant.name),
      idNumberMasked: applicant.idNumberMasked,
      ...(application.startupId ? { startupId: application.startupId, ...(startup ? { startupName: startup.name } : {}) } : {}),
      bankSettlement: { settlementId, applicationId: application.id, quarter: input.quarter },
      amountFen: j.subsidyFen,
      amountBasis: j.basis,
      facts: { category: applicant.category, periods, amountFen: j.subsidyFen, amountBasis: j.basis },
      ...account,
      evidence: [],
      ...newClaimState(at),
      holds: j.holds,
      beneficiaryUserIds: [applicant.userId],
    });
  }
  // The answer is known before the write: with an Idempotency-Key it is stored in the same transaction.
  const answer = view(input.quarter, judged, { settlementId, claimIds: claims.map((c) => c.id) });
  try {
    await commit(
      ctx,
      [
        ...claims.flatMap(submitClaimWrites),
        auditRecord(ctx, {
          action: 'loanInterestSettlement.entered',
          entityType: 'loanInterestSettlement',
          entityId: settlementId,
          after: {
            programmeId: programme.id,
            quarter: input.quarter,
            claimIds: claims.map((c) => c.id),
            subsidyFen: claims.reduce((s, c) => s + c.amountFen, 0),
          },
        }),
      ],
      { answer: { status: 201, body: answer } },
    );
  } catch (error) {
    // A parallel entry (or a monthly claim) took a hold of one of these loan-quarters first.
    if (error instanceof HoldTakenError) throw REFUSALS.already_subsidised(error.holdKey.split('#')[2] ?? '');
    throw error;
  }
  return answer;
}
