import { defineEntity } from '../db/entity';
import { getItem, putNew, putVersioned } from '../db/items';
import { queryPage, type PageQuery } from '../db/pagination';
import { TransactionConflictError, type TxItem } from '../db/transact';
import { ConflictError } from '../errors';
import type { Loan } from './schema';

/** Every key of the loan aggregate. */
export const loanKeys = {
  loan: (id: string) => ({ pk: `LOAN#${id}`, sk: 'LOAN' }),
  repayment: (loanId: string, paidOn: string, id: string) => ({ pk: `LOAN#${loanId}`, sk: `REPAYMENT#${paidOn}#${id}` }),
  repaymentsPrefix: 'REPAYMENT#',
  ofStartup: (startupId: string) => `LOANS#${startupId}`,
};

export const LoanEntity = defineEntity<Loan, { id: string }>({
  name: 'loan',
  module: 'loans',
  prefix: 'LOAN#',
  key: (loan) => loanKeys.loan(loan.id),
  serves: 'one loan by id; its partition also holds its repayments',
  indexes: {
    gsi1: { pk: (loan) => loanKeys.ofStartup(loan.startupId), sk: (loan) => `${loan.startDate}#${loan.id}`, serves: "a startup's loans by start date" },
  },
});

export const LoanRepaymentEntity = defineEntity<Repayment & { recordedBy: string; at: string }>({
  name: 'loanRepayment',
  module: 'loans',
  prefix: 'LOAN#',
  skPrefix: loanKeys.repaymentsPrefix,
  key: (repayment) => loanKeys.repayment(repayment.loanId, repayment.paidOn, repayment.id),
  serves: "a loan's repayments, oldest first (begins_with REPAYMENT#)",
  attributes: ['id', 'loanId', 'paidOn', 'principalFen', 'interestFen'],
});

const toItem = LoanEntity.toItem;
const fromItem = LoanEntity.fromItem;

export function createLoanWrite(loan: Loan): TxItem {
  return putNew(toItem(loan), () => new ConflictError('Loan id collision; retry.'));
}

export function saveLoanWrite(loan: Loan, expectedVersion: number): TxItem {
  return putVersioned(toItem({ ...loan, version: expectedVersion + 1 }), expectedVersion, () => new TransactionConflictError());
}

export function repaymentWrite(
  loanId: string,
  repayment: { id: string; paidOn: string; principalFen: number; interestFen: number; recordedBy: string; at: string },
): TxItem {
  return putNew(
    { ...loanKeys.repayment(loanId, repayment.paidOn, repayment.id), entity: LoanRepaymentEntity.name, loanId, ...repayment },
    () => new ConflictError('Repayment id collision; retry.'),
  );
}

export async function getLoan(id: string): Promise<Loan | undefined> {
  const item = await getItem<Record<string, unknown>>(loanKeys.loan(id));
  return item ? fromItem(item) : undefined;
}

export async function listLoansOfStartup(startupId: string, page: PageQuery) {
  const result = await queryPage<Record<string, unknown>>({ index: 'gsi1', partition: loanKeys.ofStartup(startupId), page });
  return { items: result.items.map(fromItem), nextCursor: result.nextCursor };
}

export interface Repayment {
  id: string;
  loanId: string;
  paidOn: string;
  principalFen: number;
  interestFen: number;
}

/** Every repayment of a loan, oldest first (a loan has a few dozen at most). */
export async function listRepayments(loanId: string): Promise<Repayment[]> {
  const repayments: Repayment[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await queryPage<Record<string, unknown>>({
      partition: loanKeys.loan(loanId).pk,
      beginsWith: loanKeys.repaymentsPrefix,
      page: { limit: 100, cursor },
    });
    repayments.push(
      ...page.items.map((item) => ({
        id: String(item.id),
        loanId,
        paidOn: String(item.paidOn),
        principalFen: Number(item.principalFen),
        interestFen: Number(item.interestFen),
      })),
    );
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return repayments;
}
