import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readBundle, readCodeCache, writeBundle, writeCodeCache } from "./bundle-store.js";
import { readBundleFiles } from "./read-whole.js";

const dir = mkdtempSync(join(tmpdir(), "mig-bundle-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("V8 code cache file", () => {
  test.each([
    ["0123456789abcdef", 1],
    ["0123456789abcdef", 10000],
    ["ab", 123456],
  ])(
    "bundle %s after %i entries: the cache bytes start 8-byte aligned and read back",
    (id, loaded) => {
      const base = join(dir, `b-${id}-${loaded}`);
      const data = Buffer.from("cached bytes of V8");
      writeCodeCache(base, id, loaded, data);
      const file = readFileSync(`${base}.v8`);
      expect((file.indexOf(10) + 1) % 8).toBe(0);
      const read = readCodeCache(base, id);
      expect(read?.loaded).toBe(loaded);
      expect(read?.data.equals(data)).toBe(true);
      expect(readCodeCache(base, "other")).toBeUndefined();
    },
  );

  test("a cache written with an unpadded header counts as holding nothing, so it is written again", () => {
    const base = join(dir, "old");
    writeFileSync(`${base}.v8`, Buffer.from("0123456789abcdef 10000\ncached"));
    const read = readCodeCache(base, "0123456789abcdef");
    expect(read?.loaded).toBe(0);
    expect(read?.data.toString()).toBe("cached");
  });
});

describe("bundle read from files read ahead", () => {
  const entry = (name: string, code: string | undefined) => ({
    path: join(dir, "migrations", name),
    size: 10,
    changedMs: 1000,
    code,
    lines: code === undefined ? 0 : code.split("\n").length,
    requires: [],
    checksum: "a".repeat(64),
  });

  test("gives the entries a read from disk gives", async () => {
    const base = join(dir, "ahead");
    writeBundle(base, [entry("1_a.ts", "exports.x = 1;"), entry("2_b.ts", undefined)]);
    const files = readBundleFiles(base);
    const ahead = readBundle(base, Infinity, { json: await files.json, js: await files.js });
    const read = readBundle(base);
    const entries = (b: typeof read) => (typeof b === "object" ? b.manifest.entries() : b);
    expect(entries(ahead)).toEqual(entries(read));
    expect(typeof ahead === "object" && ahead.manifest.entries().map((e) => e.code)).toEqual([
      "exports.x = 1;",
      undefined,
    ]);
    expect(await files.v8).toBeUndefined();
  });

  test("a file missing when read ahead is no bundle", async () => {
    const base = join(dir, "ahead-half");
    writeBundle(base, [entry("1_a.ts", "exports.x = 1;")]);
    const files = readBundleFiles(base);
    expect(readBundle(base, Infinity, { json: await files.json, js: undefined })).toBeUndefined();
    expect(readBundle(base, Infinity, { json: undefined, js: await files.js })).toBeUndefined();
  });
});
