import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { findEntries } from "./bundle-match.js";
import type { BundleEntry } from "./bundle-store.js";
import type { ScriptRef } from "./script-module.js";

const entry = (path: string, stored: boolean): BundleEntry => ({
  path,
  // As read back from disk, an entry knows its directory and name; as just built, it does not.
  ...(stored ? { dir: join(path, ".."), name: path.split("/").pop()! } : {}),
  size: 1,
  changedMs: 1,
  code: "",
  lines: 1,
  requires: [],
  checksum: undefined,
});
const ref = (path: string, named: boolean): ScriptRef => ({
  header: { revision: path, downRevisions: [], branchLabels: [], dependsOn: [], message: "" },
  path,
  format: "ts",
  transactional: true,
  ...(named ? { fileName: path.split("/").pop()! } : {}),
});

describe("findEntries matches a run's scripts to bundle entries by directory and name", () => {
  const paths = ["/p/m/1_a.ts", "/p/m/2_b.ts", "/p/other/1_a.ts", "/p/m/3_c.ts"];

  test.each([true, false])("in the bundle's order or any other (stored entries: %s)", (stored) => {
    const entries = paths.map((p) => entry(p, stored));
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3], [1]]) {
      const refs = order.map((i) => ref(paths[i]!, i % 2 === 0));
      const found = findEntries(entries, refs);
      expect(found.entries).toEqual(order.map((i) => entries[i]));
      expect([...found.at]).toEqual(order);
    }
  });

  test("a script without an entry, or under another directory with the same name, has none", () => {
    const entries = [entry("/p/m/1_a.ts", true), entry("/p/m/2_b.ts", true)];
    const found = findEntries(entries, [
      ref("/p/x/1_a.ts", true),
      ref("/p/m/2_b.ts", true),
      ref("/p/m/9_z.ts", true),
      ref("/p/mm/1_a.ts", true),
    ]);
    expect(found.entries).toEqual([undefined, entries[1], undefined, undefined]);
    expect([...found.at]).toEqual([-1, 1, -1, -1]);
  });
});
