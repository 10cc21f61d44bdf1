import { isMigError } from "@mig/core";
import type { ScriptSpec } from "./project.js";

/** Revision ids cut to four characters and sorted, as the graph scenario names them. */
export const short = (ids: readonly string[]) => ids.map((id) => id.slice(0, 4)).sort();
/** n scripts in a line, r00000000001 first; `extra` adds to the i-th. */
export const linear = (
  n: number,
  extra: (i: number) => Partial<ScriptSpec> = () => ({}),
): ScriptSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    revision: `r${String(i + 1).padStart(11, "0")}`,
    ...(i > 0 ? { down: `r${String(i).padStart(11, "0")}` } : {}),
    ...extra(i),
  }));

/** What a promise rejected with, or undefined. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The MigError code a promise rejected with, or a description of what happened instead. */
export async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isMigError(error) ? error.code : `not a MigError: ${String(error)}`;
  }
  return "no error";
}
