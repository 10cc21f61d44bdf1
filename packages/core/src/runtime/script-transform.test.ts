import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { transformScript } from "./script-transform.js";

const run = (code: string, filename: string) => {
  const module = { exports: {} as Record<string, unknown> };
  const fn = new Function("exports", "require", "module", "__filename", "__dirname", code);
  fn(module.exports, createRequire(import.meta.url), module, filename, "/p");
  return module.exports;
};

describe("transformScript", () => {
  test("strips types and turns exports into CommonJS", () => {
    const { code } = transformScript({
      source: `import type { Operations } from "@mig/core";
export const revision: string = "a";
export async function upgrade(op: Operations): Promise<void> {}`,
      filename: "/p/m.ts",
      ts: true,
    });
    const exports = run(code, "/p/m.ts");
    expect(exports.revision).toBe("a");
    expect(typeof exports.upgrade).toBe("function");
  });

  test("import.meta comes from the module's file name", () => {
    const { code } = transformScript({
      source: `export const url = import.meta.url; export const dir = import.meta.dirname;`,
      filename: "/p/m.ts",
      ts: true,
    });
    expect(code.startsWith('"use strict";')).toBe(true);
    const exports = run(code, "/p/m.ts");
    expect(exports.url).toBe("file:///p/m.ts");
    expect(exports.dir).toBe("/p");
  });
});
