// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts under test are migration sources holding ${...}
import { describe, expect, it } from "vitest";
import { readTsHeader } from "./read-ts-header.js";

// The scanner is tested through readTsHeader: a misread token shows up as a wrong header.
const base = `export const revision = "ae1027a6acf0";\nexport const downRevision = null;\n`;

describe("readTsHeader: what must not fool it", () => {
  const cases: [name: string, source: string, revision: string][] = [
    [
      "fake export in a line comment",
      `// export const revision = "fake";\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "fake export in a block comment",
      `/* export const revision = "fake"; */\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "fake export in a string",
      `const s = "export const revision = 'fake'";\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "fake export in a template",
      "const s = `\nexport const revision = 'fake'\n`;\n" + base,
      "ae1027a6acf0",
    ],
    [
      "template with nested substitution",
      "const s = `${`${{ a: '}' }}`} export const revision = 'x'`;\n" + base,
      "ae1027a6acf0",
    ],
    [
      "string containing // and */",
      `const s = "// */ /*";\nconst t = '*/';\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "regex containing quotes and //",
      `const r = /["'\`]\\/\\//g;\nconst q = /[/]"/;\n${base}`,
      "ae1027a6acf0",
    ],
    ["division is not a regex", `const x = a / 2 / b; // "\n${base}`, "ae1027a6acf0"],
    [
      "export inside a function body is not top-level declaration text",
      `function f() { return "export const revision = 'x'"; }\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "regex after return and after a block",
      `function f(s) { if (s) { return /"/.test(s) } /'/.exec(s); }\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "division after a call and a member",
      `const x = f(1) / 2 / g.h / 3; const y = '"';\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "string holding a substitution opener",
      `const s = "\${";\nconst t = '}\\'';\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "export keyword inside a substitution",
      "const s = `${\"export const revision = 'x'\"}`;\n" + base,
      "ae1027a6acf0",
    ],
    [
      "unicode identifiers and escapes",
      `const café = 1; const \\u0061b = 2;\n${base}`,
      "ae1027a6acf0",
    ],
    [
      "other exports",
      `export const config = { revision: "no" };\nexport function revisionOf() {}\n${base}`,
      "ae1027a6acf0",
    ],
  ];
  it.each(cases)("%s", (_, source, revision) => {
    expect(readTsHeader(source, "m.ts").header.revision).toBe(revision);
  });
});

describe("readTsHeader: code it must see as code", () => {
  // Each hides the real declaration inside a string or regex if one token is misread.
  const cases: [name: string, source: string][] = [
    ["regex holding a quote", `const r = /'/; export const revision = "real"; // '`],
    ["regex class holding a slash", `const r = /[/'"]/g; export const revision = "real"; // '"`],
    ["regex after a keyword", `function f() { return /'/ } export const revision = "real"; // '`],
    ["division", `const x = a / 2; export const revision = "real"; // /`],
    ["division after a paren", `const x = (a) / 2; export const revision = "real"; // /`],
    [
      "substitution holding a brace string",
      "const s = `${'}'}`; export const revision = \"real\"; // `",
    ],
    ["nested templates", 'const s = `a${`b${c}`}d`; export const revision = "real"; // `'],
    ["object in a substitution", 'const s = `${{ a: 1 }.a}`; export const revision = "real"; // `'],
    ["comment opener in a string", `const s = "/*"; export const revision = "real"; // */`],
    ["escaped quote", `const s = 'it\\'s'; export const revision = "real"; // '`],
  ];
  it.each(cases)("%s", (_, source) => {
    expect(
      readTsHeader(`${source}\nexport const downRevision = null;\n`, "m.ts").header.revision,
    ).toBe("real");
  });
});
