/** The words of the finance workspace (keys start with `workspace.finance.` or `finance.`). */
export const FINANCE_ZH = {
  'workspace.finance.intro': '预算、拨付批次、银行回执与台账',
} as const;

export const FINANCE_EN: Record<keyof typeof FINANCE_ZH, string> = {
  'workspace.finance.intro': 'Budgets, payout batches, bank answers and the ledger',
};
