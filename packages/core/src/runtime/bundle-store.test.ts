import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readCodeCache, writeCodeCache } from "./bundle-store.js";

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
