import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";

export const HOUR = 3_600_000;

/** A SQL script's header (and an empty upgrade); `extra` goes before the message line. */
export const sqlScript = (rev: string, down: string, extra = "", message = `rev ${rev}`) =>
  `-- revision: ${rev}\n-- down_revision: ${down}\n${extra}-- message: ${message}\n-- migrate:up\n`;

/** Writes a file `age` ms old: outside the script index's racy window, so the index trusts it. */
export function writeAged(path: string, text: string, age = HOUR): void {
  writeFileSync(path, text);
  ageFile(path, age);
}

/** Sets a file's or directory's times `age` ms back from the real time. */
export function ageFile(path: string, age = HOUR): void {
  const t = new Date(realNow() - age);
  utimesSync(path, t, t);
}

/** The real time, whatever `Date` says (clockAhead). */
export const realNow = () => performance.timeOrigin + performance.now();

/**
 * Runs `Date` `ahead` ms ahead of the real clock (timers stay real). The script caches trust a
 * file only once the later of its mtime and ctime is out of the racy window, and a ctime cannot
 * be set back: a test ages what it wrote by moving the clock on. Undo with vi.useRealTimers().
 */
export function clockAhead(ahead = 2 * HOUR): void {
  vi.useFakeTimers({ toFake: ["Date"], now: realNow() + ahead, shouldAdvanceTime: true });
}

/**
 * A project of SQL scripts in `m/`, an hour old, with its own node_modules (so its caches go
 * to node_modules/.cache/mig) and a config naming `m`.
 */
export function agedProject(files: Record<string, string>, prefix = "mig-aged-") {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, "node_modules"));
  mkdirSync(join(root, "m"));
  for (const [name, text] of Object.entries(files)) writeAged(join(root, "m", name), text);
  writeAged(
    join(root, "mig.config.json"),
    JSON.stringify({ url: "nodb://x", scriptLocation: "m" }),
  );
  ageFile(join(root, "m"));
  const cacheDir = join(root, "node_modules", ".cache", "mig");
  return { root, cacheDir, path: (name: string) => join(root, "m", name) };
}
