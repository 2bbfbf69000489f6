/** events: what other modules, the functions and infra may use (its front door; the rest is the module's own). */
export * from './bus';
export * from './published';
export * from './catalogue';
