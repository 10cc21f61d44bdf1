import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { clockAhead } from "../../test/aged-project.js";
import { MAX_AGE_MS, SWEEP_MARKER, sweepCache } from "./cache-sweep.js";
import { DAY_MS, readCacheFile } from "./cache-use.js";
import { loadScriptDirectory } from "./script-directory.js";

const root = mkdtempSync(join(tmpdir(), "mig-cache-sweep-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const NOW = Date.UTC(2026, 5, 1);
const HOUR = 3_600_000;
const TS = `${"ab".repeat(32)}.js`;
const TS_FRESH = `${"cd".repeat(32)}.js`;

let dirs = 0;
/** A cache directory holding `files` (name: age in ms before NOW). */
function cacheDir(files: Record<string, number>, parent = root): string {
  const dir = join(parent, `cache-${dirs++}`);
  mkdirSync(join(dir, "ts"), { recursive: true });
  mkdirSync(join(dir, "config"), { recursive: true });
  for (const [name, age] of Object.entries(files)) {
    writeFileSync(join(dir, name), "x".repeat(1000));
    utimesSync(join(dir, name), (NOW - age) / 1000, (NOW - age) / 1000);
  }
  return dir;
}

const left = (dir: string) =>
  [
    ...readdirSync(dir).filter((n) => n !== "ts" && n !== "config" && n !== SWEEP_MARKER),
    ...readdirSync(join(dir, "ts")).map((n) => `ts/${n}`),
    ...readdirSync(join(dir, "config")).map((n) => `config/${n}`),
  ].sort();

const OLD = MAX_AGE_MS + DAY_MS;

describe("sweepCache", () => {
  test("removes mig's files unused for 30 days and dead writers' temp files; keeps fresh and foreign ones", () => {
    const dir = cacheDir({
      "index-1111aaaa2222bbbb.bin": OLD,
      "graph-1111aaaa2222bbbb.json": OLD,
      "graph-1111aaaa2222bbbb.values.json": OLD,
      "graph-1111aaaa2222bbbb.summary.json": OLD,
      "checksums-1111aaaa2222bbbb.json": OLD,
      "clean-check-3333cccc4444dddd.txt": OLD,
      "bundle-1111aaaa2222bbbb.js": OLD,
      "bundle-1111aaaa2222bbbb.json": OLD,
      "bundle-1111aaaa2222bbbb.v8": OLD,
      "bundle-1111aaaa2222bbbb-few.js": OLD,
      "bundle-1111aaaa2222bbbb-up.v8": OLD,
      "bundle-1111aaaa2222bbbb-down-few.json": OLD,
      "bundle-1111aaaa2222bbbb.v8.123.0f3a.tmp": 2 * HOUR,
      "index-5555eeee6666ffff.bin.456.tmp": 10 * 60_000,
      "index-5555eeee6666ffff.bin": 29 * DAY_MS,
      "bundle-5555eeee6666ffff.v8": 0,
      [`ts/${TS}`]: OLD,
      [`ts/${TS_FRESH}`]: DAY_MS,
      "config/0a1b.mjs": OLD,
      "import-for-scripts.mjs": OLD,
      "babel-loader-1111aaaa.json": OLD,
      "index-notes.txt": OLD,
      "bundle-1111aaaa2222bbbb.js.map": OLD,
    });
    expect(sweepCache(dir, NOW)).toBe(true);
    expect(left(dir)).toEqual(
      [
        "index-5555eeee6666ffff.bin.456.tmp",
        "index-5555eeee6666ffff.bin",
        "bundle-5555eeee6666ffff.v8",
        `ts/${TS_FRESH}`,
        "config/0a1b.mjs",
        "import-for-scripts.mjs",
        "babel-loader-1111aaaa.json",
        "index-notes.txt",
        "bundle-1111aaaa2222bbbb.js.map",
      ].sort(),
    );
  });

  test("sweeps at most once a day per directory", () => {
    const dir = cacheDir({ "index-1111aaaa2222bbbb.bin": OLD });
    expect(sweepCache(dir, NOW)).toBe(true);
    expect(left(dir)).toEqual([]);
    writeFileSync(join(dir, "index-5555eeee6666ffff.bin"), "");
    utimesSync(join(dir, "index-5555eeee6666ffff.bin"), 1, 1);
    expect(sweepCache(dir, NOW + HOUR)).toBe(false);
    expect(sweepCache(dir, NOW + 23 * HOUR)).toBe(false);
    expect(left(dir)).toEqual(["index-5555eeee6666ffff.bin"]);
    expect(sweepCache(dir, NOW + 25 * HOUR)).toBe(true);
    expect(left(dir)).toEqual([]);
  });

  test("over the size cap, the least recently used files older than a day go first", () => {
    const dir = cacheDir({
      "bundle-1111aaaa2222bbbb.v8": 10 * DAY_MS,
      "bundle-3333cccc4444dddd.v8": 5 * DAY_MS,
      "bundle-5555eeee6666ffff.v8": 2 * DAY_MS,
      "bundle-7777aaaa8888bbbb.v8": HOUR,
      "bundle-9999cccc0000dddd.v8": 0,
    });
    expect(sweepCache(dir, NOW, 3000)).toBe(true);
    expect(left(dir)).toEqual([
      "bundle-5555eeee6666ffff.v8",
      "bundle-7777aaaa8888bbbb.v8",
      "bundle-9999cccc0000dddd.v8",
    ]);
    // Files used today stay even when the cap cannot be met.
    const busy = cacheDir({ "bundle-1111aaaa2222bbbb.v8": HOUR, "bundle-3333cccc4444dddd.v8": 0 });
    sweepCache(busy, NOW, 500);
    expect(left(busy)).toHaveLength(2);
  });
});

describe("readCacheFile", () => {
  test("moves a file's mtime to now only when it is over a day old", () => {
    const dir = cacheDir({
      "index-1111aaaa2222bbbb.bin": 2 * DAY_MS,
      "index-5555eeee6666ffff.bin": HOUR,
    });
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    expect(readCacheFile(join(dir, "index-1111aaaa2222bbbb.bin"), "utf8")).toBe("x".repeat(1000));
    expect(readCacheFile(join(dir, "index-5555eeee6666ffff.bin")).length).toBe(1000);
    expect(statSync(join(dir, "index-1111aaaa2222bbbb.bin")).mtimeMs).toBe(NOW);
    expect(statSync(join(dir, "index-5555eeee6666ffff.bin")).mtimeMs).toBe(NOW - HOUR);
    expect(() => readCacheFile(join(dir, "missing.bin"))).toThrow();
  });
});

describe("a run that writes the cache", () => {
  const sql = (rev: string) =>
    `-- revision: ${rev}\n-- down_revision: None\n-- message: m\n-- migrate:up\n`;

  // Scripts an hour old, so what a run learns is trusted and the next run writes nothing.
  function project(): string {
    const dir = mkdtempSync(join(root, "project-"));
    const migrations = join(dir, "migrations");
    mkdirSync(migrations);
    writeFileSync(join(migrations, "a.sql"), sql("a"));
    const then = (Date.now() - HOUR) / 1000;
    utimesSync(join(migrations, "a.sql"), then, then);
    utimesSync(migrations, then, then);
    return migrations;
  }
  const load = (location: string, cacheDir: string) =>
    loadScriptDirectory({ locations: [location], cacheDir });
  const indexes = (cache: string) => readdirSync(cache).filter((n) => n.startsWith("index-"));

  test("removes another project's files unused for 30 days; files a run reads stay", () => {
    const cache = join(root, "shared-cache");
    const used = project();
    load(used, cache);
    const [usedIndex] = indexes(cache);
    load(project(), cache);
    const forgottenIndex = indexes(cache).find((n) => n !== usedIndex);
    expect(forgottenIndex).toBeDefined();

    // 40 days pass (every file in the cache, the sweep's marker too, is dated back); then a
    // run reads the first project's index (marking it used), and a new project writes its
    // own: of the two, only the index no run read for 40 days goes.
    const then = (Date.now() - 40 * DAY_MS) / 1000;
    for (const name of readdirSync(cache)) utimesSync(join(cache, name), then, then);
    load(used, cache);
    load(project(), cache);
    expect(indexes(cache)).toContain(usedIndex);
    expect(indexes(cache)).not.toContain(forgottenIndex);
    expect(indexes(cache)).toHaveLength(2);
  });

  test("a run that only reads the cache does not sweep", () => {
    const cache = join(root, "read-only-cache");
    const dir = project();
    clockAhead(HOUR); // the script's ctime out of the racy window: the first run learns it all
    load(dir, cache);
    rmSync(join(cache, SWEEP_MARKER), { force: true });
    vi.useFakeTimers({ now: Date.now() + 40 * DAY_MS, toFake: ["Date"] });
    writeFileSync(join(cache, "index-0000aaaa0000bbbb.bin"), "");
    utimesSync(join(cache, "index-0000aaaa0000bbbb.bin"), 1, 1);
    load(dir, cache);
    expect(readdirSync(cache)).toContain("index-0000aaaa0000bbbb.bin");
    expect(readdirSync(cache)).not.toContain(SWEEP_MARKER);
  });
});
