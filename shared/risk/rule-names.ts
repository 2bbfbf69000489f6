/**
 * The risk rules the centre watches (风控). Each produces at most one open alert per subject.
 * Imports nothing, so the console lists the same rules.
 */
export const RISK_RULES = [
  'shared_bank_account',
  'rent_claim_without_allocation',
  'claim_after_exit',
  'mentor_overload',
  'session_without_assignment',
  'fast_large_batch_approval',
  'ledger_mismatch',
  'past_incubation_term',
  'review_overdue',
] as const;
