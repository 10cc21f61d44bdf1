import { describe, expect, test } from "vitest";
import { transformScript } from "./script-transform.js";

describe("transformScript", () => {
  test("strips types and type-only imports, keeps ES modules and line numbers", () => {
    const code = transformScript(
      `import type { Operations } from "@mig/core";
import { type Dialect, sql } from "@mig/core";
enum Kind { A = "a" }
export const revision: string = "a";
export async function upgrade(op: Operations): Promise<void> { throw new Error(Kind.A + sql); }`,
      "/p/m.ts",
    );
    expect(code).not.toContain("Operations");
    expect(code).not.toContain("Dialect");
    expect(code).toContain('import { sql } from "@mig/core"');
    expect(code).toContain('export const revision = "a"');
    expect(code.split("\n")[4]).toContain("export async function upgrade(op)");
  });
});
