import { vi } from "vitest";

/** The real time, whatever `Date` says (clockAhead). */
export const realNow = (): number => performance.timeOrigin + performance.now();

/**
 * Runs `Date` `ahead` ms ahead of the real clock; timers stay real. mig's script caches trust
 * a file only once the later of its mtime and ctime is 2 s old, and a ctime cannot be set
 * back: a test ages the files it wrote by moving the clock on (and dates their mtimes back
 * from realNow). Undo with vi.useRealTimers().
 */
export function clockAhead(ahead = 2 * 3_600_000): void {
  vi.useFakeTimers({ toFake: ["Date"], now: realNow() + ahead, shouldAdvanceTime: true });
}
