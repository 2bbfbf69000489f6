/** startups: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './access';
export * from './credit-code';
export * from './founders';
export * from './job-reports';
export * from './schema';
export * from './service';
export * from './term';
export * from './term-schema';
