import { isMigError } from "@mig/core/internal/cli";
import { INTERRUPTED_EXIT } from "./interrupt.js";

/**
 * The exit code an error ends the CLI with, decided by the error itself: 2 when it says it
 * is a usage error (`usage: true`: a bad argument, URL, revision or config), 130 for an
 * interrupted run, 1 for any other failure.
 */
export function exitCodeOf(error: unknown): number {
  if (isMigError(error) && error.code === "interrupted") return INTERRUPTED_EXIT;
  return (error as { usage?: unknown } | null)?.usage === true ? 2 : 1;
}
