import type { Schemas } from '../api/client';
import { day, yuan } from '../format';
import { enumText, t } from '../i18n';

/** The facts each rule's words are made from. */
const NEEDS: Record<string, string[]> = {
  shared_bank_account: ['accountNumberMasked', 'people'],
  rent_claim_without_allocation: ['claimedFen', 'coveredFen'],
  claim_after_exit: ['startupStatus', 'amountFen'],
  past_incubation_term: ['incubationEnd'],
  mentor_overload: ['weekStarting', 'minutes'],
  session_without_assignment: ['sessionDate', 'assignmentEndedAt'],
  fast_large_batch_approval: ['totalFen', 'claimCount', 'elapsedSeconds'],
  ledger_mismatch: ['ledgerPaidFen'],
  review_overdue: ['incubationStart'],
};

/**
 * What a risk alert saw, in the console's language, from the facts the rule recorded (masked
 * identifiers only). A rule this console does not know yet shows the API's own sentence, in English,
 * marked as such for screen readers.
 */
export function AlertSummary({ alert }: { alert: Schemas['RiskAlert'] }) {
  const f = alert.facts;
  const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));
  const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  // An alert raised before its rule recorded these facts keeps the API's sentence.
  const recorded = (NEEDS[alert.rule] ?? []).every((name) => f[name] !== undefined);
  switch (recorded ? alert.rule : undefined) {
    case 'shared_bank_account':
      return <>{t('alert.shared_bank_account', { account: str(f.accountNumberMasked), n: num(f.people) })}</>;
    case 'rent_claim_without_allocation':
      return <>{t('alert.rent_claim_without_allocation', { claimed: yuan(num(f.claimedFen)), covered: yuan(num(f.coveredFen)) })}</>;
    case 'claim_after_exit':
      return <>{t('alert.claim_after_exit', { status: enumText(str(f.startupStatus)), amount: yuan(num(f.amountFen)) })}</>;
    case 'past_incubation_term':
      return <>{t('alert.past_incubation_term', { end: day(str(f.incubationEnd)) })}</>;
    case 'mentor_overload':
      return <>{t('alert.mentor_overload', { week: day(str(f.weekStarting)), hours: Math.round((num(f.minutes) / 60) * 10) / 10 })}</>;
    case 'session_without_assignment':
      return <>{t('alert.session_without_assignment', { date: day(str(f.sessionDate)), ended: day(str(f.assignmentEndedAt)) })}</>;
    case 'fast_large_batch_approval':
      return <>{t('alert.fast_large_batch_approval', { amount: yuan(num(f.totalFen)), n: num(f.claimCount), seconds: num(f.elapsedSeconds) })}</>;
    case 'ledger_mismatch':
      return (
        <>{t('alert.ledger_mismatch', { ledgerPaid: yuan(num(f.ledgerPaidFen)), totalsPaid: f.totalsPaidFen === null ? '—' : yuan(num(f.totalsPaidFen)) })}</>
      );
    case 'review_overdue':
      return <>{t('alert.review_overdue', { since: day(str(f.lastReviewedOn ?? f.incubationStart)) })}</>;
    default:
      return <span lang="en">{alert.summary}</span>;
  }
}
