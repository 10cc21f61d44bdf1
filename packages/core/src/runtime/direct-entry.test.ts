import { describe, expect, it } from "vitest";
import { bundleEntryCode } from "./bundle-entry.js";
import { directEntryCode } from "./direct-entry.js";

const HEADER = `/** a script */
import type { Operations } from "@mig/core";

export const revision = "aaaa00000000";
export const downRevision: string | null = null
export const branchLabels: readonly string[] = [];
export const dependsOn = ["x", 'y', \`z\`, -1, true, null] as const;
`;

const moduleCode = async (source: string) => (await bundleEntryCode("/p/a.ts", source))!.code;

async function direct(source: string, direction: "up" | "down" = "up") {
  return directEntryCode(await moduleCode(source), direction);
}

const plain = `${HEADER}
export async function upgrade(op: Operations): Promise<void> {
  await op.execute(\`CREATE TABLE t (\${"id"} int)\`);
  const re = /}/g;
  op.execute(String(re));
}

export function downgrade(op: Operations) {
  return op.execute("DROP TABLE t");
}
`;

describe("a script's run function alone, where its module can do nothing else", () => {
  it("keeps the function on its own lines, without its closing brace", async () => {
    const code = await direct(plain);
    expect(code).toBeDefined();
    const lines = code!.split("\n");
    const at = plain.split("\n").findIndex((l) => l.includes("function upgrade"));
    expect(lines[at]).toMatch(/^\s*async function upgrade\(op\) \{$/);
    expect(lines.slice(0, at).every((l) => l === "")).toBe(true);
    expect(code).not.toContain("downgrade");
    // The bundle's foot closes the function: it compiles as an array element.
    const fn = new Function(`return [${code}\n}][0]`)();
    expect(fn.name).toBe("upgrade");
  });

  it("takes the other function for a down run", async () => {
    const code = await direct(plain, "down");
    expect(code).toMatch(
      /^\n+ ?function downgrade\(op\) \{\n {2}return op\.execute\("DROP TABLE t"\);\n$/,
    );
  });

  it("member names after a dot are not the module's names", async () => {
    const source = plain.replace("const re =", "const x = op.revision || op.dependsOn; const re =");
    expect(await direct(source)).toContain("op.revision");
  });

  const refused: Record<string, string> = {
    "a use of a module constant": plain.replace('"id"', "revision"),
    "a use in a spread": plain.replace("String(re)", "...dependsOn"),
    "a call of another top-level function": plain.replace("String(re)", "downgrade(op)"),
    "a parameter named as a module constant": plain.replace(
      "upgrade(op: Operations)",
      "upgrade(revision: Operations)",
    ),
    eval: plain.replace("String(re)", 'eval("revision")'),
    "a top-level statement with effects": `${plain}\nconsole.log("loaded");\n`,
    "a constant with a computed value": plain.replace('= ["x"', '= [Date.now(), "x"'),
    "an object constant": `${plain}\nexport const options = { transactional: false };\n`,
    "an arrow function export": plain
      .replace(
        "export async function upgrade(op: Operations): Promise<void> {",
        "export const upgrade = async (op: Operations): Promise<void> => {",
      )
      .replace("op.execute(String(re));\n}", "op.execute(String(re));\n};"),
    "no downgrade": plain.replace("export function downgrade", "function downgrade"),
    "a generator": plain.replace("export function downgrade", "export function* downgrade"),
    "a use of an exported name (Sucrase writes exports.name)": `${plain.replace('"id"', "table")}\nexport const table = "t";\n`,
    "an optional chain helper Sucrase adds": plain.replace(
      "op.execute(String(re))",
      "op?.execute(String(re))",
    ),
  };
  for (const [what, source] of Object.entries(refused)) {
    it(`refuses ${what}`, async () => {
      expect(await direct(source)).toBeUndefined();
    });
  }

  it("a constant cut short by a line break is not misread (ASI)", async () => {
    const source = plain.replace(
      "export const downRevision: string | null = null",
      'const a = "x"\n[0].map(String)',
    );
    expect(await direct(source)).toBeUndefined();
  });
});
