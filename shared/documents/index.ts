/** documents: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './checklist';
export * from './schema';
export * from './service';
