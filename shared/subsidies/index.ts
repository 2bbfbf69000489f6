/** subsidies: what other modules, the functions and infra may use (its front door; the rest is the module's own). */

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { getBatch, listBankConfirmationsIn, listBatchesIn, listReversalRequestsIn, payoutKeys } from './ledger-repository';
export { accountHoldersOf, beneficiariesOf, claimRiskCounterWrite, getClaimItem, getProgramme, listClaimsOfUser } from './repository';
export type { ClaimItem } from './repository';
export * from './batches';
export * from './claims';
export * from './disclosures';
export * from './eligibility';
export * from './fraud';
export * from './jobs';
export * from './ledger';
export * from './ledger-entries';
export * from './notice-schema';
export * from './notices';
export * from './payout-schema';
export * from './programmes';
export * from './reversals';
export * from './schema';
