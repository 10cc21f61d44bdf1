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

describe("an async function that awaits nothing runs as a plain one", () => {
  const noAwait = plain.replace("  await op.execute(`CREATE", "  op.execute(`CREATE");
  const compile = (code: string) => new Function(`return [${code}\n}][0]`)();

  it("loses `async` to spaces: same lines, same columns, no promise per call", async () => {
    const code = (await direct(noAwait))!;
    const module = (await moduleCode(noAwait)).split("\n");
    const at = module.findIndex((l) => l.includes("function upgrade"));
    const line = code.split("\n")[at]!;
    expect(module[at]).toMatch(/^ ?async function upgrade\(op\) \{$/);
    expect(line).toBe(module[at]!.replace("async", "     "));
    const calls: string[] = [];
    const ran = compile(code)({ execute: (sql: string) => calls.push(sql) });
    expect(ran).toBeUndefined();
    expect(calls).toEqual(["CREATE TABLE t (id int)", "/}/g"]);
  });

  it("throws in the caller's turn, at the script's own line", async () => {
    const source = noAwait.replace("op.execute(String(re));", 'throw new Error("boom");');
    const fn = compile((await direct(source))!);
    let thrown: Error | undefined;
    try {
      fn({ execute: () => undefined });
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toBe("boom");
    const line = source.split("\n").findIndex((l) => l.includes("boom")) + 1;
    expect(thrown?.stack).toMatch(new RegExp(`<anonymous>:${line + 2}:`));
  });

  const kept: Record<string, string> = {
    "an await": plain,
    "an await in a nested function": noAwait.replace(
      "op.execute(String(re));",
      "const later = async () => { await op.execute(String(re)); };",
    ),
    "a return (of a promise, say)": noAwait.replace(
      "op.execute(String(re));",
      "return op.execute(String(re));",
    ),
    "an await in a template substitution": noAwait.replace(
      "op.execute(String(re));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the script's own template literal
      "op.execute(`SELECT ${await Promise.resolve(1)}`);",
    ),
    "a for await": noAwait.replace(
      "op.execute(String(re));",
      "for await (const x of []) op.execute(x);",
    ),
  };
  for (const [what, source] of Object.entries(kept)) {
    it(`keeps async with ${what}`, async () => {
      const code = (await direct(source))!;
      expect(code).toMatch(/^\n* ?async function upgrade\(op\)/);
      expect(compile(code)({ execute: () => undefined })).toBeInstanceOf(Promise);
    });
  }

  it("a plain function stays plain", async () => {
    const code = (await direct(plain, "down"))!;
    expect(code).toMatch(/^\n+ ?function downgrade/);
    expect(code).not.toMatch(/^\n+ {5,}function/);
  });
});
