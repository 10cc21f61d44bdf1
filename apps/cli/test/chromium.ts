import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Debian's Chromium, headless, for tests that check what a page shows. Missing, it fails
 * the test with the fix (`bash scripts/ensure-tools.sh --browser`), never skips it.
 */
export function chromium(args: readonly string[], timeoutMs = 240_000): string {
  const profile = mkdtempSync(join(tmpdir(), "mig-chromium-"));
  try {
    const r = spawnSync(
      "chromium",
      [
        "--headless",
        // Root in a container: Chromium's sandbox cannot start there.
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 },
    );
    if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("chromium is not installed: run bash scripts/ensure-tools.sh --graph-tools");
    }
    if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's DOM after its scripts ran (`budgetMs` of virtual time). */
export function dumpDom(file: string, windowSize = "1400,1000", budgetMs = 5000): string {
  return chromium([
    `--window-size=${windowSize}`,
    `--virtual-time-budget=${budgetMs}`,
    "--dump-dom",
    pathToFileURL(file).href,
  ]);
}

/** A PNG screenshot of the page at `windowSize`. */
export function screenshot(file: string, png: string, windowSize = "1400,1000"): void {
  chromium([`--window-size=${windowSize}`, `--screenshot=${png}`, pathToFileURL(file).href]);
}
