import type { Script } from "./script-info.js";

/** Where `mig squash` keeps a run's old scripts, beside the script that replaces them. */
export const SQUASHED_DIR = "squashed";

/**
 * Old revision id -> the script whose `replaces` names it. Those ids are aliases of that
 * script's revision: a version table may still hold them (see docs/squash.md).
 */
export function replacedIds(scripts: readonly Script[]): ReadonlyMap<string, Script> {
  const cached = byList.get(scripts);
  if (cached) return cached;
  let found: Map<string, Script> | undefined;
  // Indexed, and no empty array per script: this runs over every script on each `up`, at
  // start-up, before the loop's code is optimised (an unoptimised for-of allocates per step).
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    const ids = script.header.replaces;
    if (ids === undefined) continue;
    for (const id of ids) {
      found ??= new Map();
      found.set(id, script);
    }
  }
  byList.set(scripts, found ?? NONE);
  return found ?? NONE;
}

const NONE: ReadonlyMap<string, Script> = new Map();
const byList = new WeakMap<readonly Script[], ReadonlyMap<string, Script>>();
