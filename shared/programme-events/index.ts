/** programme-events: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './jobs';
export * from './judging';
export * from './judging-tasks';
export * from './registration';
export * from './schema';
export * from './service';
