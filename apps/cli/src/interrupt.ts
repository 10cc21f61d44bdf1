import type { RunEvents } from "@mig/core";
import { isMigError } from "@mig/core/internal/cli";
import type { Output } from "./output.js";

/** The shell's exit status for a process ended by SIGINT. */
export const INTERRUPTED_EXIT = 130;

/**
 * The signals that stop a run: Ctrl-C, and SIGTERM, with which a deploy tool (Kubernetes,
 * Docker, systemd) asks a process to stop before it kills it. Both are handled alike.
 * Returns the handler's removal.
 */
export function onStopSignal(handler: () => void): () => void {
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

/**
 * Ctrl-C during a `--sql` run: the SQL is printed only once it is whole, and no database is
 * touched, so the process leaves at once and says that nothing was written. Returns the
 * handler's removal.
 */
export function interruptibleOffline(out: Output): () => void {
  const onStop = () => {
    out.info("Interrupted before the SQL was complete; nothing was written.");
    process.exit(INTERRUPTED_EXIT);
  };
  return onStopSignal(onStop);
}

/**
 * Ctrl-C during a run. Once a migration has started, the first Ctrl-C aborts the run's
 * signal: core rolls the running migration back, releases the lock and reports where the
 * database is. Before that nothing has changed, so the process leaves at once; so does a
 * second Ctrl-C.
 */
export function interruptible(
  out: Output,
  events: RunEvents,
): { signal: AbortSignal; events: RunEvents; dispose(error?: unknown): void } {
  const controller = new AbortController();
  let started = false;
  const onStop = () => {
    if (!started) {
      out.info("Interrupted before a migration ran; the database is unchanged.");
      process.exit(INTERRUPTED_EXIT);
    }
    if (controller.signal.aborted) {
      // The database rolls back a transaction whose connection goes away.
      out.info("Interrupted again: leaving without waiting for the rollback.");
      process.exit(INTERRUPTED_EXIT);
    }
    controller.abort();
  };
  const stopHandling = onStopSignal(onStop);
  return {
    signal: controller.signal,
    events: {
      ...events,
      onStepStart(step) {
        started = true;
        events.onStepStart?.(step);
      },
    },
    dispose(error?: unknown) {
      stopHandling();
      // Once the error is printed, leave even if an abandoned script still waits on something.
      if (isMigError(error) && error.code === "interrupted")
        setTimeout(() => process.exit(INTERRUPTED_EXIT), 0);
    },
  };
}
