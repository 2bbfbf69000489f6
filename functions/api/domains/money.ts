import type { AnyRoute } from '../../../shared/http/route';
import { programmeRoutes } from '../routes/programmes';
import { claimRoutes } from '../routes/claims';
import { disclosureRoutes } from '../routes/disclosures';
import { payoutRoutes } from '../routes/payouts';
import { loanRoutes } from '../routes/loans';
import { loanApplicationRoutes } from '../routes/loan-applications';

/** Programmes, claims, disclosure notices, payouts, loans and the guaranteed-loan desk: the routes one API function serves (functions/api/handlers/money.ts). */
export const routes: AnyRoute[] = [...programmeRoutes, ...claimRoutes, ...disclosureRoutes, ...payoutRoutes, ...loanRoutes, ...loanApplicationRoutes];
