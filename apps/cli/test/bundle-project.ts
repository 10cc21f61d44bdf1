import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sqliteProject } from "./run-cli.js";

// A SQLite project whose scripts run from the cached bundle: a node_modules (so the cache
// lives in it) where `@mig/core` resolves, and files written with distinct past mtimes.

const CORE = fileURLToPath(new URL("../../../packages/core", import.meta.url));

// Files dated ten minutes ago, 5 s apart. Their ctimes are now: a test that wants the caches
// to trust them runs mig with its clock ahead (clock-ahead.ts).
let clock = Date.now() / 1000 - 600;

/** Writes files (paths relative to `dir`), each 5 s newer than the last. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    clock += 5;
    utimesSync(path, clock, clock);
  }
}

/** A new project holding `files`, with `@mig/core` linked into its node_modules. */
export function bundleProject(files: Record<string, string>): string {
  const dir = sqliteProject();
  mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
  symlinkSync(CORE, join(dir, "node_modules", "@mig", "core"), "dir");
  writeFiles(dir, files);
  return dir;
}
