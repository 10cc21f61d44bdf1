import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type BundleEntry, readBundle, writeBundle } from "./bundle-store.js";

const dir = mkdtempSync(join(tmpdir(), "mig-bundle-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (path: string, code: string | undefined, more: Partial<BundleEntry> = {}) => ({
  path,
  size: 120,
  changedMs: 1796668033419.8398,
  code,
  lines: code === undefined ? 0 : code.split("\n").length,
  direct: false,
  requires: [],
  checksum: "c".repeat(64),
  ...more,
});

describe("a bundle's manifest", () => {
  const entries: BundleEntry[] = [
    entry(join(dir, "m", "1_a.ts"), "exports.upgrade = () => {};"),
    entry(join(dir, "m", "2_b.ts"), undefined, { checksum: undefined, changedMs: -1 }),
    entry(join(dir, "m", "3_c.ts"), 'const h = require("./h");\nexports.x = h;', {
      requires: ["./h"],
    }),
    entry(join(dir, "seeds", "1_a.ts"), "async (op) => { await op.execute('é');", {
      direct: true,
      requires: [],
    }),
    entry(join(dir, "m", "4_d.ts"), "exports.y = [require('a'), require('b')];", {
      requires: ["a", "b"],
    }),
  ];

  test("reads back every entry as written: paths, stats, code, heads, requires, checksums", () => {
    const base = join(dir, "round");
    writeBundle(base, entries);
    const read = readBundle(base);
    if (typeof read !== "object") throw new Error(`no bundle: ${read}`);
    const { manifest } = read;
    expect(manifest.count).toBe(entries.length);
    expect(manifest.entries()).toEqual(
      entries.map((e) => ({
        ...e,
        dir: join(e.path, ".."),
        name: e.path.split("/").pop(),
        // An entry without code is never the run's function alone.
        direct: e.code === undefined ? false : e.direct,
      })),
    );
    // The entries with code are the bundle's functions, in order.
    expect(entries.map((_, i) => manifest.fn(i))).toEqual([0, -1, 1, 2, 3]);
    expect(manifest.isAt(3, entries[3]!.path, "1_a.ts")).toBe(true);
    expect(manifest.isAt(3, entries[0]!.path, "1_a.ts")).toBe(false);
    expect(manifest.isAt(0, entries[0]!.path, "1_a.tsx")).toBe(false);
    expect(manifest.sameStat(0, { size: 120, changedMs: 1796668033419.8398 })).toBe(true);
    expect(manifest.sameStat(0, { size: 121, changedMs: 1796668033419.8398 })).toBe(false);
    // A stat too fresh to trust when the entry was built never matches.
    expect(manifest.sameStat(1, { size: 120, changedMs: -1 })).toBe(false);
  });

  test("more entries than a run may compile read as large; none read as an empty bundle", () => {
    const base = join(dir, "large");
    writeBundle(base, entries);
    expect(readBundle(base, 4)).toBe("large");
    writeBundle(join(dir, "empty"), []);
    const empty = readBundle(join(dir, "empty"));
    expect(typeof empty === "object" && empty.manifest.count).toBe(0);
  });

  test.each([
    ["a manifest cut short", (json: string) => json.slice(0, -20)],
    ["another format", (json: string) => json.replace('"format":"6-', '"format":"5-')],
    ["a name missing", (json: string) => json.replace("1_a.ts/", "")],
    ["numbers of the wrong length", (json: string) => json.replace(/"nums":"[^"]{8}/, '"nums":"')],
    [
      "a requires list naming no entry",
      (json: string) => json.replace('"requires":{', '"requires":{"99":"x",'),
    ],
    ["checksums of the wrong length", (json: string) => json.replace('"sums":"c', '"sums":"')],
  ])("%s reads as no bundle (it is rebuilt)", (_, corrupt) => {
    const base = join(dir, "corrupt");
    writeBundle(base, entries);
    writeFileSync(`${base}.json`, corrupt(readFileSync(`${base}.json`, "utf8")));
    expect(readBundle(base)).toBeUndefined();
  });

  test("a bundle whose code does not line up with its manifest reads as no bundle", () => {
    const base = join(dir, "shifted");
    writeBundle(base, entries);
    const js = readFileSync(`${base}.js`, "utf8");
    writeFileSync(`${base}.js`, js.replace("exports.upgrade", "exports.upgrade2"));
    expect(readBundle(base)).toBeUndefined();
  });
});
