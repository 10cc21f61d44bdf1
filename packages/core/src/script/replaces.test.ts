import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clockAhead } from "../../test/aged-project.js";
import { readTsHeader } from "./read-ts-header.js";
import { replacedIds } from "./replaces.js";
import { loadScripts } from "./script-directory.js";

const squashed = `/** squashed */
export const revision = "s1";
export const downRevision = null;
export const replaces: readonly string[] = ["a1", "a2"];
export async function upgrade() {}
export async function downgrade() {}
`;

describe("replaces", () => {
  afterEach(() => vi.useRealTimers());

  it("is read statically from the header, and absent when the script has none", () => {
    expect(readTsHeader(squashed, "s1.ts").header.replaces).toEqual(["a1", "a2"]);
    expect(
      readTsHeader(squashed.replace(/^export const replaces.*\n/m, ""), "s1.ts").header,
    ).not.toHaveProperty("replaces");
  });

  it("survives the script index: a second load, from the cache, still knows the old ids", () => {
    const root = mkdtempSync(join(tmpdir(), "mig-replaces-"));
    const dir = join(root, "migrations");
    mkdirSync(dir);
    const file = join(dir, "s1_squashed.ts");
    writeFileSync(file, squashed);
    writeFileSync(
      join(dir, "b1_next.ts"),
      squashed
        .replace('"s1"', '"b1"')
        .replace("= null", '= "s1"')
        .replace(/^export const replaces.*\n/m, ""),
    );
    const old = new Date(Date.now() - 3_600_000);
    for (const f of [file, join(dir, "b1_next.ts"), dir]) utimesSync(f, old, old);
    clockAhead(); // their ctimes out of the racy window too: the second load reads the index
    const cacheDir = join(root, "cache");
    const first = loadScripts({ locations: [dir], cacheDir });
    const second = loadScripts({ locations: [dir], cacheDir });
    for (const scripts of [first, second]) {
      expect([...replacedIds(scripts)].map(([id, s]) => [id, s.header.revision])).toEqual([
        ["a1", "s1"],
        ["a2", "s1"],
      ]);
      expect(scripts.find((s) => s.header.revision === "b1")!.header).not.toHaveProperty(
        "replaces",
      );
    }
  });
});
