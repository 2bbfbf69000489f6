// Module resolve hook: dependency-cruiser's import('typescript') gets the shim.
const DEPCRUISE = /[\\/]node_modules[\\/]dependency-cruiser[\\/]/;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'typescript' && DEPCRUISE.test(context.parentURL ?? '')) {
    return { url: new URL('./index.cjs', import.meta.url).href, format: 'commonjs', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
