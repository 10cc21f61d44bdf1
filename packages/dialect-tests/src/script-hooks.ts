import type { Operations } from "@mig/core";

/** What a hooked script's `upgrade(op)` and `downgrade(op)` call, in the test's process. */
export interface ScriptHook {
  upgrade(op: Operations): Promise<void>;
  downgrade(op: Operations): Promise<void>;
}

// A global registry: the runner loads scripts through its own module loader, so the only
// thing a script shares with the test that wrote it is the process's globalThis.
const REGISTRY = Symbol.for("mig.dialect-tests.script-hooks");

function registry(): Map<string, ScriptHook> {
  const g = globalThis as { [REGISTRY]?: Map<string, ScriptHook> };
  g[REGISTRY] ??= new Map();
  return g[REGISTRY];
}

export function registerHook(key: string, hook: ScriptHook): void {
  registry().set(key, hook);
}

export function unregisterHook(key: string): void {
  registry().delete(key);
}

/** The body of a script function that calls the hook registered under `key`. */
export function hookCall(key: string, fn: keyof ScriptHook): string {
  return `  await globalThis[Symbol.for("mig.dialect-tests.script-hooks")].get(${JSON.stringify(key)}).${fn}(op);`;
}
