import type { Operation } from "../operations/operation.js";

/**
 * Operations as the TypeScript a migration's `upgrade`/`downgrade` body holds: one
 * `await op.<name>(...)` call per operation, formatted, with `comments` (a destructive
 * change, a rename hint) as `//` lines above the call they belong to. Lines carry no
 * indentation of their own beyond the call's.
 */
export function renderOperations(
  _operations: readonly Operation[],
  _comments?: ReadonlyMap<Operation, readonly string[]>,
): string[] {
  throw new Error("renderOperations: not written yet");
}
