import type { Connection } from "../connection/connection.js";
import type { Dialect, LockBusy, LockHandle, LockOptions } from "../dialect/dialect.js";
import { LockTimeoutError } from "../dialect/dialect-errors.js";
import { MigError } from "../errors/mig-error.js";

/** The first pause between tries; it doubles up to MAX_PAUSE_MS, so a waiter hears of a release soon. */
const FIRST_PAUSE_MS = 5;
const MAX_PAUSE_MS = 100;

export interface AcquireLockOptions extends LockOptions {
  /** Milliseconds to wait for another run to finish (Infinity: for as long as it takes). */
  readonly timeoutMs: number;
  /** Told once, before waiting, who holds the lock, so a user sees why nothing happens. */
  readonly onWait?: ((holder: string) => void) | undefined;
}

/**
 * The one wait loop for every dialect: asks `tryAcquireLock` until it hands back a lock,
 * pausing a little longer each time, and throws LockTimeoutError naming the holder once
 * `timeoutMs` has passed. With a timeout of 0 it tries once and says nothing before failing.
 */
export async function acquireLock(
  dialect: Dialect,
  connection: Connection,
  options: AcquireLockOptions,
): Promise<LockHandle> {
  const { timeoutMs } = options;
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    throw invalidLockTimeout(String(timeoutMs / 1000));
  }
  const deadline = Date.now() + timeoutMs;
  let pause = FIRST_PAUSE_MS;
  for (let attempt = 0; ; attempt++) {
    const got = await dialect.tryAcquireLock(connection, { table: options.table });
    if (isHandle(got)) return got;
    const left = deadline - Date.now();
    if (left <= 0) throw new LockTimeoutError(timeoutMs, got.holder);
    if (attempt === 0) options.onWait?.(got.holder);
    const wait = Math.min(pause, left);
    await new Promise((resolve) => setTimeout(resolve, wait));
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}

/** A negative or NaN lock timeout would mean "never wait" or "wait forever" by accident. */
export function invalidLockTimeout(shown: string): MigError {
  return new MigError(
    "invalid_lock_timeout",
    `The lock timeout must be a number of seconds, 0 or more (got ${shown}).`,
    {
      usage: true,
      hint: "Pass e.g. lockTimeout: 60, or 0 to fail at once if another run holds the lock.",
    },
  );
}

function isHandle(got: LockHandle | LockBusy): got is LockHandle {
  return typeof (got as Partial<LockHandle>).release === "function";
}
