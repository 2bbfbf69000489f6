/** loan-desk: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './policy';
export * from './schema';
export * from './service';
export * from './fund';
