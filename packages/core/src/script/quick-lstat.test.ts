import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import { changeStamp } from "./change-stamp.js";
import { quickLstat, quickLstatSource } from "./quick-lstat.js";

const root = mkdtempSync(join(tmpdir(), "mig-quick-lstat-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

const fields = (path: string) => {
  const s = lstatSync(path);
  return { mode: s.mode, size: s.size, changedMs: changeStamp(s) };
};

test("sees what lstatSync sees of a file, a directory and a link, and nothing where nothing is", () => {
  const file = join(root, "1_a.sql");
  writeFileSync(file, "-- revision: a\n");
  utimesSync(file, new Date(1_700_000_000_123), new Date(1_700_000_000_123));
  mkdirSync(join(root, "dir"));
  symlinkSync(file, join(root, "link.sql"));
  const stat = quickLstat();
  for (const path of [file, join(root, "dir"), join(root, "link.sql")]) {
    expect({ ...stat(path)! }).toEqual(fields(path));
  }
  expect(stat(join(root, "missing.sql"))).toBeUndefined();
  // Other errors throw, as lstatSync's do.
  const under = join(root, "1_a.sql", "under-a-file");
  expect(() => lstatSync(under, { throwIfNoEntry: false })).toThrow(/ENOTDIR/);
  expect(() => stat(under)).toThrow(/ENOTDIR/);
});

test("an edit of the same size with a new mtime shows, down to the nanosecond Node reports", () => {
  const file = join(root, "2_b.sql");
  writeFileSync(file, "one");
  const stat = quickLstat();
  const before = stat(file)!.changedMs;
  writeFileSync(file, "two");
  utimesSync(file, new Date(before + 1.5), new Date(before + 1.5));
  expect(stat(file)).toEqual(fields(file));
  expect(stat(file)!.changedMs).not.toBe(before);
});

test("Node's fs binding on the Node this runs on, lstatSync where using it could print a warning", async () => {
  expect(quickLstatSource()).toBe("binding");
  for (const options of ["--pending-deprecation", "--max-old-space-size=512 --throw-deprecation"]) {
    vi.stubEnv("NODE_OPTIONS", options);
    vi.resetModules();
    const fresh = await import("./quick-lstat.js");
    expect(fresh.quickLstatSource()).toBe("lstatSync");
  }
  vi.stubEnv("NODE_OPTIONS", "");
  vi.stubEnv("NODE_PENDING_DEPRECATION", "1");
  vi.resetModules();
  expect((await import("./quick-lstat.js")).quickLstatSource()).toBe("lstatSync");
});
