import { createRequire } from "node:module";
import type Pg from "pg";

const require = createRequire(import.meta.url);
let loaded: typeof Pg | undefined;

/**
 * The pg driver, required on the first connection rather than imported with the dialect:
 * a run that never connects (`up --sql`) never loads it. pg checks at load whether it runs
 * in a Cloudflare Worker: where Node has no `navigator` (Node 20) it builds a fetch
 * `Response`, which loads Node's whole fetch implementation (~25 ms of every start here).
 * For that one synchronous load a `navigator` that is not a Worker's stands in, as Node 21
 * and later define one; nothing else runs meanwhile, and it is removed before returning.
 */
export function pgDriver(): typeof Pg {
  if (loaded) return loaded;
  const g = globalThis as { navigator?: unknown };
  if (g.navigator !== undefined) {
    loaded = require("pg") as typeof Pg;
    return loaded;
  }
  Object.defineProperty(g, "navigator", {
    value: { userAgent: `Node.js/${process.versions.node}` },
    configurable: true,
    writable: true,
  });
  try {
    loaded = require("pg") as typeof Pg;
  } finally {
    delete g.navigator;
  }
  return loaded;
}
