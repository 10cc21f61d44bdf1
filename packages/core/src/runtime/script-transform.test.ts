import { describe, expect, test } from "vitest";
import { transformScript, transformScriptBody } from "./script-transform.js";

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

  test("keeps what Node runs natively as written: no helpers, same columns", () => {
    const source = `export async function upgrade(op: any): Promise<void> {
  const name = op?.dialect?.name ?? "none";
  try { op.execute(\`SELECT \${1_000}\`); } catch { }
}
class Kept { x = 1; static y = 2; constructor(private z: number) {} }`;
    for (const transform of [transformScript, transformScriptBody]) {
      const code = transform(source, "/p/m.ts");
      expect(code).not.toMatch(/_optionalChain|_nullishCoalesce|__init/);
      const line = code.split("\n")[1]!;
      expect(line).toBe('  const name = op?.dialect?.name ?? "none";');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template literal
      expect(code).toContain("try { op.execute(`SELECT ${1_000}`); } catch { }");
      expect(code).toMatch(
        /class Kept \{ *x = 1; static y = 2; constructor\( *z\) \{;?this\.z = z;\} \}/,
      );
    }
  });
});
