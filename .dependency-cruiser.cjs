/**
 * How Fuhua's code may import itself, checked by `npm run lint` (dependency-cruiser; see README,
 * "Layout"). The arrows point one way:
 *
 *   functions, infra → shared/<module>/index.ts (the module's front door) → its service → its repository → shared/db
 *
 * A module is a folder shared/<module>/ (applicants, applications, startups, risk, …). The kernel is
 * shared/db/*, shared/http/* and the files directly in shared/ (clock, ids, errors, money, …):
 * modules use the kernel, the kernel uses no module.
 *
 * TypeScript 7 has no JavaScript API for dependency-cruiser to read .ts files with, so lint runs it
 * with infra/lint/typescript-for-depcruise.mjs, which lends it esbuild for that (type-only imports
 * count, like any import).
 */

/** The kernel: what every module may use, and what uses no module. */
const KERNEL = '^shared/(db/|http/|[^/]+\\.ts$)';
/** A module's files other than its front door(s), i.e. what only the module itself may import. */
const MODULE_INTERNALS = '^shared/(?!db/|http/)[^/]+/(?!index\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle between files (a cycle through types counts): what depends on what can be read in one direction.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment: 'No cycle between modules either (applications → startups → applications): one of them exposes what the other needs, or gets it passed in.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^shared/[^/]+$' },
      to: { path: '^shared/[^/]+$', circular: true },
    },
    {
      name: 'kernel-imports-no-module',
      comment: 'The kernel (shared/db, shared/http, shared/*.ts) uses no module: what needs a module (the jobs, the reactions) lives in functions/.',
      severity: 'error',
      from: { path: KERNEL },
      to: { path: '^shared/(?!db/|http/)[^/]+/' },
    },
    {
      name: 'module-front-door',
      comment:
        'Another module enters a module through its index.ts only: its service functions and schemas, never its repository or other internals. ' +
        'When it needs another module’s data, it calls a (narrow) service function that module exports.',
      severity: 'error',
      from: { path: '^shared/([^/]+)/', pathNot: KERNEL },
      to: { path: MODULE_INTERNALS, pathNot: '^shared/$1/' },
    },
    {
      name: 'functions-front-door',
      comment:
        'functions/ and infra/ use a module through its index.ts only. One exception: shared/<module>/reactions.ts, the second door the ' +
        'reaction workers (functions/reactions) and the local server register reactions through; the API functions never load it.',
      severity: 'error',
      from: { path: '^(functions|infra)/', pathNot: '^functions/console/src/' },
      to: { path: MODULE_INTERNALS, pathNot: '^shared/[^/]+/reactions\\.ts$' },
    },
    {
      name: 'only-audited-writes',
      comment:
        'transact (shared/db/write.ts) writes a transaction as given: only shared/db and shared/audit use it. Everything else writes through ' +
        'commit() (refused without an audit record) or commitBookkeeping(items, { bookkeeping: why }) in shared/audit/service.ts. ' +
        'TxItem, retryOnConflict and the rest stay in shared/db/transact.ts for all. Tests may use transact (fixtures, its own tests).',
      severity: 'error',
      from: { pathNot: ['^shared/db/', '^shared/audit/', '^test/'] },
      to: { path: '^shared/db/write\\.ts$' },
    },
    {
      name: 'reactions-only-in-workers',
      comment:
        'Only the reactions registry (functions/reactions/registry.ts) opens a module’s reactions.ts: an API function that loaded one would run reactions twice.',
      severity: 'error',
      from: { pathNot: ['^functions/reactions/registry\\.ts$', '^shared/([^/]+)/', '^test/'] },
      to: { path: '^shared/[^/]+/reactions\\.ts$' },
    },
    {
      name: 'console-stays-in-the-browser',
      comment:
        'The console (functions/console/src) is a separate browser program: it imports no server code, only these pure modules by path: ' +
        'shared/spaces/months.ts (month arithmetic), shared/risk/rule-names.ts (the risk rules’ names) and shared/applicants/id-number.ts (the identity-number check).',
      severity: 'error',
      from: { path: '^functions/console/src/' },
      to: {
        path: '^(shared|functions|infra)/',
        pathNot: ['^functions/console/src/', '^shared/spaces/months\\.ts$', '^shared/risk/rule-names\\.ts$', '^shared/applicants/id-number\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^cdk\\.out/', '^\\.data'] },
    // No tsConfig: the repository's tsconfig has no path aliases, and reading it needs TypeScript's JavaScript API.
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    moduleSystems: ['es6', 'cjs'],
    reporterOptions: { text: { highlightFocused: true } },
  },
};
