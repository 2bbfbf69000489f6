/** claims: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './disclosures';
export * from './eligibility';
export * from './holds';
export * from './loan-interest-settlement';
export * from './notice-schema';
export * from './notices';
export * from './schema';
export * from './service';
