// transpileModule for dependency-cruiser: types stripped by esbuild, every import kept as written.
// Type-only imports are kept as imports too (`import type` read as `import`), so that a type taken
// from another module's internals counts as a deep import and a cycle through types as a cycle.
const { transformSync } = require('esbuild');

const TYPE_IMPORT = /^(\s*)import type (?=[\w*{])/gm;
const TYPE_REEXPORT = /^(\s*)export type (\{[^}]*\}\s*from\b)/gm;

module.exports = {
  version: require('./package.json').version,
  // read when dependency-cruiser loads its own TypeScript parser, which the config leaves unused (no tsPreCompilationDeps, no parser: 'tsc')
  SyntaxKind: {},
  ScriptTarget: {},
  transpileModule(source, options = {}) {
    const jsx = (options.compilerOptions ?? {}).jsx;
    const { code } = transformSync(source.replace(TYPE_IMPORT, '$1import ').replace(TYPE_REEXPORT, '$1export $2'), {
      loader: jsx ? 'tsx' : 'ts',
      format: 'esm',
      target: 'es2022',
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
    return { outputText: code, diagnostics: [] };
  },
};
