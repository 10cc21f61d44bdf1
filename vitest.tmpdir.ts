import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Vitest global setup: one temporary directory per test run, given to the tests (and every
 * process they start) as TMPDIR and removed when the run ends, so the scratch projects,
 * databases and caches tests make under `os.tmpdir()` do not pile up run after run.
 */
export default function scopedTmpdir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "mig-test-run-"));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
