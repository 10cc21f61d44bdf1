import { describe, expect, test } from "vitest";
import { findEntries } from "./bundle-match.js";
import { type BundleEntry, bundleOf } from "./bundle-store.js";
import type { ScriptRef } from "./script-module.js";

const entry = (path: string): BundleEntry => ({
  path,
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

  test("in the bundle's order or any other", () => {
    const { manifest } = bundleOf(paths.map(entry)).stored;
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3], [1]]) {
      const refs = order.map((i) => ref(paths[i]!, i % 2 === 0));
      expect([...findEntries(manifest, refs)]).toEqual(order);
      expect(order.map((i) => manifest.path(i))).toEqual(order.map((i) => paths[i]));
    }
  });

  test("a script without an entry, or under another directory with the same name, has none", () => {
    const { manifest } = bundleOf([entry("/p/m/1_a.ts"), entry("/p/m/2_b.ts")]).stored;
    const found = findEntries(manifest, [
      ref("/p/x/1_a.ts", true),
      ref("/p/m/2_b.ts", true),
      ref("/p/m/9_z.ts", true),
      ref("/p/mm/1_a.ts", true),
    ]);
    expect([...found]).toEqual([-1, 1, -1, -1]);
  });
});
