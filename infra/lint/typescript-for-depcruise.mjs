// dependency-cruiser reads .ts files through the `typescript` package's transpileModule, a
// JavaScript API that TypeScript 7 (native, the compiler this repository type-checks with) no
// longer has; without it, depcruise silently skips every .ts file and reports nothing. Loaded
// with `node --import`, this file answers dependency-cruiser's (and only its) requests for
// `typescript` with ./typescript-shim, which strips the types with esbuild (already a dev
// dependency) and leaves every import as written (verbatimModuleSyntax), so depcruise parses the
// same imports the program runs with. Nothing else in the process sees the shim.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const DEPCRUISE = /[\\/]node_modules[\\/]dependency-cruiser[\\/]/;
const SHIM = fileURLToPath(new URL('./typescript-shim/', import.meta.url));

// CommonJS: dependency-cruiser checks the version with require('typescript/package.json') and require.resolve('typescript').
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if ((request === 'typescript' || request === 'typescript/package.json') && DEPCRUISE.test(parent?.filename ?? '')) {
    return SHIM + (request === 'typescript' ? 'index.cjs' : 'package.json');
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

// ES modules: dependency-cruiser then loads it with import('typescript').
register('./typescript-shim/hooks.mjs', import.meta.url);
