import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { transformCached } from "./transform-cache.js";

const root = mkdtempSync(join(tmpdir(), "mig-transform-cache-"));
mkdirSync(join(root, "node_modules"));
const file = join(root, "schema.ts");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("transformCached", () => {
  test("transpiles once per content: a hit never loads the transpiler, an edit is never stale", async () => {
    let loads = 0;
    const transpiler = async () => {
      loads++;
      return (source: string) => source.replace(": number", "");
    };
    const first = await transformCached("export const a: number = 1;", file, transpiler);
    const again = await transformCached("export const a: number = 1;", file, transpiler);
    expect([first, again, loads]).toEqual(["export const a = 1;", "export const a = 1;", 1]);

    const edited = await transformCached("export const a: number = 2;", file, transpiler);
    expect([edited, loads]).toEqual(["export const a = 2;", 2]);
    expect(readdirSync(join(root, "node_modules", ".cache", "mig", "ts"))).toHaveLength(2);
  });
});
