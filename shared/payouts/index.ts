/** payouts: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './batches';
export * from './fraud';
export * from './ledger';
export * from './ledger-entries';
export * from './reversals';
export * from './schema';
export * from './service';
