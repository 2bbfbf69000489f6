/** applicants: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './change-request-schema';
export * from './change-requests';
export * from './identity';
export * from './schema';
export * from './service';
