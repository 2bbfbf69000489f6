import type { AnyRoute } from '../../../shared/http/route';
import { programmeRoutes } from '../routes/programmes';
import { claimRoutes } from '../routes/claims';
import { disclosureRoutes } from '../routes/disclosures';
import { payoutRoutes } from '../routes/payouts';
import { loanRoutes } from '../routes/loans';
import { loanApplicationRoutes } from '../routes/loan-applications';
import { guaranteeFundRoutes } from '../routes/guarantee-funds';
import { loanInterestSettlementRoutes } from '../routes/loan-interest-settlements';

/** Programmes, claims, disclosure notices, payouts, loans, the guaranteed-loan desk, its guarantee funds and the bank's quarterly interest settlement: the routes one API function serves (functions/api/handlers/money.ts). */
export const routes: AnyRoute[] = [
  ...programmeRoutes,
  ...claimRoutes,
  ...disclosureRoutes,
  ...payoutRoutes,
  ...loanRoutes,
  ...loanApplicationRoutes,
  ...guaranteeFundRoutes,
  ...loanInterestSettlementRoutes,
];
