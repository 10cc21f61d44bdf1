// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts under test are migration sources and templates holding ${...}
import { describe, expect, it, test } from "vitest";
import { readTsHeader } from "./read-ts-header.js";

const base = `export const revision = "ae1027a6acf0";\nexport const downRevision = null;\n`;

describe("readTsHeader: literal forms", () => {
  const cases: [name: string, source: string, expected: Record<string, unknown>][] = [
    [
      "the template form",
      `/** add account table */
import type { Operations } from "@mig/core";

export const revision = "ae1027a6acf0";
export const downRevision: string | readonly string[] | null = "1975ea83b712";
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {}
`,
      {
        revision: "ae1027a6acf0",
        downRevisions: ["1975ea83b712"],
        branchLabels: [],
        dependsOn: [],
        message: "add account table",
      },
    ],
    [
      "single quotes",
      `export const revision = 'a1';\nexport const downRevision = 'b2';`,
      { revision: "a1", downRevisions: ["b2"] },
    ],
    [
      "backticks",
      "export const revision = `a1`;\nexport const downRevision = `b2`;",
      { revision: "a1", downRevisions: ["b2"] },
    ],
    ["null down revision", base, { downRevisions: [] }],
    [
      "empty string down revision",
      `export const revision = "a";\nexport const downRevision = "";`,
      { downRevisions: [] },
    ],
    [
      "array down revision",
      `export const revision = "a";\nexport const downRevision = ["b", 'c'];`,
      { downRevisions: ["b", "c"] },
    ],
    [
      "multi-line array, trailing comma, as const",
      `export const revision = "a";\nexport const downRevision = [\n  "b", // first\n  /* second */ "c",\n] as const;`,
      { downRevisions: ["b", "c"] },
    ],
    [
      "as readonly type, no semicolons",
      `export const revision = "a"\nexport const downRevision = ["b"] as readonly string[]\nexport const dependsOn = "d"\n`,
      { downRevisions: ["b"], dependsOn: ["d"] },
    ],
    [
      "string branch label",
      `${base}export const branchLabels = "feature";`,
      { branchLabels: ["feature"] },
    ],
    [
      "null depends on",
      `${base}export const dependsOn: string[] | null = null;`,
      { dependsOn: [] },
    ],
    [
      "let and var",
      `export let revision = "a";\nexport var downRevision = null;`,
      { revision: "a" },
    ],
    [
      "several declarators",
      `export const revision = "a", downRevision = "b";`,
      { revision: "a", downRevisions: ["b"] },
    ],
    [
      "escapes",
      `export const revision = "a\\u0062\\x63";\nexport const downRevision = 'd\\'e';`,
      { revision: "abc", downRevisions: ["d'e"] },
    ],
    [
      "generic type annotation",
      `export const revision: Readonly<string> = "a";\nexport const downRevision: Array<string> | null = null;`,
      { revision: "a" },
    ],
    [
      "function type annotation",
      `export const revision: string = "a";\nexport const downRevision: ((x: number) => string) | null = null;`,
      { revision: "a" },
    ],
    ["no doc comment", base, { message: "" }],
    ["shebang", `#!/usr/bin/env node\n/** msg */\n${base}`, { message: "msg" }],
    [
      "multi-line doc comment keeps the first paragraph",
      `// @ts-nocheck\n/**\n * add account\n * table\n *\n * Revision ID: ae1027a6acf0\n */\n${base}`,
      { message: "add account table" },
    ],
    ["escaped comment end in message", `/** a *\\/ b */\n${base}`, { message: "a */ b" }],
    ["a plain block comment is no message", `/* not a doc */\n${base}`, { message: "" }],
    ["a doc comment after code is no message", `${base}/** late */`, { message: "" }],
  ];
  it.each(cases)("%s", (_, source, expected) => {
    expect(readTsHeader(source, "m.ts").header).toMatchObject(expected);
  });
});

describe("readTsHeader: transactional", () => {
  it.each([
    [base, undefined],
    [`${base}export const transactional = false;`, false],
    [`${base}export const transactional: boolean = true;`, true],
  ])("%#", (source, expected) => {
    expect(readTsHeader(source, "m.ts").transactional).toBe(expected);
  });
});

describe("readTsHeader: errors", () => {
  const cases: [name: string, source: string, line: number | undefined, message: RegExp][] = [
    [
      "missing revision",
      `export const downRevision = null;`,
      undefined,
      /no `export const revision`/,
    ],
    [
      "missing downRevision",
      `export const revision = "a";`,
      undefined,
      /no `export const downRevision`/,
    ],
    // A script moved from Alembic keeps its names: refused, not ignored (a lost dependency).
    [
      "Alembic's down_revision",
      `export const revision = "a";\nexport const down_revision = null;`,
      2,
      /`down_revision` is Alembic's name; mig reads `downRevision`/,
    ],
    [
      "Alembic's depends_on",
      `export const revision = "b";\nexport const downRevision = "a";\n\nexport const depends_on = ["x"];`,
      4,
      /`depends_on` is Alembic's name; mig reads `dependsOn`/,
    ],
    [
      "call",
      `/** x */\n\nexport const revision = makeId();\nexport const downRevision = null;`,
      3,
      /cannot read `revision` statically; write it as a string literal/,
    ],
    [
      "concatenation",
      `export const downRevision = null;\nexport const revision = "a" + suffix;`,
      2,
      /`revision`/,
    ],
    [
      "method call",
      `export const downRevision = null;\nexport const revision = "A".toLowerCase();`,
      2,
      /`revision`/,
    ],
    [
      "template substitution",
      "export const downRevision = null;\nexport const revision = `a${b}`;",
      2,
      /`revision`/,
    ],
    ["null revision", `export const revision = null;`, 1, /`revision`/],
    [
      "identifier in array",
      `export const revision = "a";\nexport const downRevision = [\n  "b",\n  c,\n];`,
      4,
      /`downRevision`/,
    ],
    [
      "spread in array",
      `export const revision = "a";\nexport const downRevision = [...x];`,
      2,
      /`downRevision`/,
    ],
    [
      "no initializer",
      `export const revision = "a";\nexport const downRevision: string;`,
      2,
      /`downRevision`/,
    ],
    [
      "transactional not boolean",
      `${base}export const transactional = !0;`,
      3,
      /`transactional` statically; write it as true or false/,
    ],
    [
      "export list",
      `const revision = "a";\nexport const downRevision = null;\nexport { revision };`,
      3,
      /`revision`/,
    ],
    [
      "export alias",
      `const r = "a";\nexport const downRevision = null;\nexport {\n  r as revision,\n};`,
      4,
      /`revision`/,
    ],
    ["twice", `${base}export const revision = "b";`, 3, /exported twice/],
    ["empty revision", `export const revision = "";`, 1, /empty/],
    [
      "lines counted through strings, templates and comments",
      "/*\n\n*/\nconst t = `\n\n`;\nconst s = 'a\\\nb';\nexport const revision = f();",
      9,
      /`revision`/,
    ],
  ];
  it.each(cases)("%s", (_, source, line, message) => {
    let error: unknown;
    try {
      readTsHeader(source, "migrations/m.ts");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "header_parse", file: "migrations/m.ts", line });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(
      line === undefined ? /^migrations\/m\.ts: / : new RegExp(`^migrations/m\\.ts:${line}: `),
    );
    expect((error as { hint?: string }).hint).toBeTruthy();
  });

  it("says a module with no header and no upgrade() may be a helper to move out", () => {
    const hintOf = (source: string) => {
      try {
        readTsHeader(source, "migrations/helpers.ts");
      } catch (e) {
        return (e as { hint?: string }).hint;
      }
    };
    expect(hintOf("export function slug(s: string) { return s; }\n")).toMatch(
      /^Not a migration\? mig reads every \.ts\/\.js file in the migrations directory as one: move helper modules elsewhere/,
    );
    expect(hintOf("export async function upgrade() {}\n")).toMatch(/^Add export const revision/);
  });
});

describe("a header export's name a letter or two off", () => {
  test.each([
    ["dependOn", "dependsOn"],
    ["branchLabel", "branchLabels"],
    ["transactonal", "transactional"],
    ["downRevisions", "downRevision"],
  ])("export const %s: refused, naming %s", (name, meant) => {
    const text = `export const revision = "a1";\nexport const downRevision = null;\nexport const ${name} = ["x"];\n`;
    expect(() => readTsHeader(text, "m.ts")).toThrow(
      `m.ts:3: \`${name}\` is not a header export; did you mean \`${meant}\`?`,
    );
  });

  test("other exports are the script's own", () => {
    const text = `export const revision = "a1";\nexport const downRevision = null;\nexport const revisionIds = ["x"];\nexport const table = "t";\n`;
    expect(readTsHeader(text, "m.ts").header.revision).toBe("a1");
  });
});
