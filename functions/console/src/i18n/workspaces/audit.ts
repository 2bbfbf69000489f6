/** The words of the audit workspace (keys start with `workspace.audit.` or `audit.`). */
export const AUDIT_ZH = {
  'workspace.audit.intro': '只读查看审计记录、台账与报表',
} as const;

export const AUDIT_EN: Record<keyof typeof AUDIT_ZH, string> = {
  'workspace.audit.intro': 'Read-only: the audit trail, the ledger and the reports',
};
