import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/**
 * A Node built-in module, loaded when first used. A static `import` of a built-in loads it
 * at start-up and builds a facade of all its exports, and reading some exports loads more
 * of Node (`node:util` loads its argument and MIME parsers): a no-op `mig up` or an app's
 * `upgrade()` pays for none of that.
 */
export function nodeBuiltin<T>(name: `node:${string}`): T {
  return load(name) as T;
}
