// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the texts under test are migration sources and templates holding ${...}
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RevisionHeader } from "../revision/revision-header.js";
import { readSqlHeader } from "./read-sql-header.js";
import { readTsHeader } from "./read-ts-header.js";
import { DEFAULT_SQL_TEMPLATE, DEFAULT_TS_TEMPLATE, renderScript } from "./script-template.js";
import { splitSqlScript } from "./split-sql-script.js";
import { writeScript } from "./write-script.js";

const date = new Date(Date.UTC(2024, 4, 1, 3, 4, 5));
const headers: [string, RevisionHeader][] = [
  [
    "base",
    {
      revision: "ae1027a6acf0",
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      message: "add account table",
    },
  ],
  [
    "one parent",
    {
      revision: "b",
      downRevisions: ["a"],
      branchLabels: ["feature"],
      dependsOn: ["x"],
      message: "m",
    },
  ],
  [
    "merge",
    {
      revision: "c",
      downRevisions: ["a", "b"],
      branchLabels: ["l1", "l2"],
      dependsOn: ["d1", "d2"],
      message: "merge heads",
    },
  ],
  [
    "tricky message",
    {
      revision: "d",
      downRevisions: ["c"],
      branchLabels: [],
      dependsOn: [],
      message: 'ends */ here "quoted" `tick` ${x} \\ done',
    },
  ],
  [
    "empty message",
    { revision: "e", downRevisions: ["c"], branchLabels: [], dependsOn: [], message: "" },
  ],
];

describe("templates round-trip through the static readers", () => {
  it.each(headers)("ts: %s", (_, header) => {
    const text = renderScript(DEFAULT_TS_TEMPLATE, "ts", { header, createDate: date });
    expect(readTsHeader(text, "m.ts")).toEqual({ header });
  });

  it.each(headers)("sql: %s", (_, header) => {
    const text = renderScript(DEFAULT_SQL_TEMPLATE, "sql", { header, createDate: date });
    expect(readSqlHeader(text, "m.sql")).toEqual({ header });
    // The template has both markers: a new script can be downgraded.
    expect(splitSqlScript(text, "m.sql")).toEqual({
      up: "",
      down: "",
      hasDown: true,
      transactional: true,
    });
  });

  it("renders the TS form of DESIGN.md", () => {
    const header = {
      revision: "ae1027a6acf0",
      downRevisions: ["1975ea83b712"],
      branchLabels: [],
      dependsOn: [],
      message: "add account table",
    };
    const text = renderScript(DEFAULT_TS_TEMPLATE, "ts", { header, createDate: date });
    expect(text).toContain(`/** add account table */
import type { Operations } from "@mig/core";

export const revision = "ae1027a6acf0";
export const downRevision: string | readonly string[] | null = "1975ea83b712";
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {`);
  });

  it("fills upgrade()'s and downgrade()'s bodies, each line at the placeholder's indentation", () => {
    const header = headers[0]![1];
    const text = renderScript(DEFAULT_TS_TEMPLATE, "ts", {
      header,
      createDate: date,
      imports: 'import { type Operations, t } from "@mig/core";',
      upgrades: ['await op.addColumn("users", {', '  name: "age",', "});", "", "await op.x();"],
      downgrades: ['await op.dropColumn("users", "age");'],
    });
    expect(text).toContain(
      '/** add account table */\nimport { type Operations, t } from "@mig/core";\n',
    );
    expect(text).toContain(`export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn("users", {
    name: "age",
  });

  await op.x();
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropColumn("users", "age");
}
`);
    const hand = renderScript(DEFAULT_TS_TEMPLATE, "ts", { header, createDate: date });
    expect(hand).toContain('  // write the upgrade here, e.g. op.createTable("account", { ... });');
    expect(hand).not.toContain("${");
  });

  it("joins a multi-line message into one line, and leaves unknown placeholders alone", () => {
    const header = { ...headers[0]![1], message: "first\n\nsecond" };
    const text = renderScript("/** ${message} */ ${createDate} ${other} `${x}`", "ts", {
      header,
      createDate: date,
      timezone: "Europe/Paris",
    });
    expect(text).toBe("/** first second */ 2024-05-01 05:04:05+02:00 ${other} `${x}`");
  });
});

describe("writeScript", () => {
  const header = headers[0]![1];

  it("writes the rendered script under the templated name, and nothing else", () => {
    const directory = mkdtempSync(join(tmpdir(), "mig-write-"));
    const path = writeScript({ directory, template: DEFAULT_TS_TEMPLATE, header, date });
    expect(path).toBe(join(directory, "20240501_0304_ae1027a6acf0_add_account_table.ts"));
    expect(readTsHeader(readFileSync(path, "utf8"), path).header).toEqual(header);
    expect(readdirSync(directory)).toEqual(["20240501_0304_ae1027a6acf0_add_account_table.ts"]);
  });

  it("writes SQL with its own extension and a custom file template", () => {
    const directory = mkdtempSync(join(tmpdir(), "mig-write-"));
    const path = writeScript({
      directory,
      fileTemplate: "%(rev)s",
      template: DEFAULT_SQL_TEMPLATE,
      format: "sql",
      header,
      date,
    });
    expect(path).toBe(join(directory, "ae1027a6acf0.sql"));
  });

  it("refuses to replace an existing file and leaves no temp file", () => {
    const directory = mkdtempSync(join(tmpdir(), "mig-write-"));
    writeFileSync(join(directory, "ae1027a6acf0.ts"), "mine");
    expect(() =>
      writeScript({
        directory,
        fileTemplate: "%(rev)s",
        template: DEFAULT_TS_TEMPLATE,
        header,
        date,
      }),
    ).toThrow(expect.objectContaining({ code: "script_exists" }));
    expect(readdirSync(directory)).toEqual(["ae1027a6acf0.ts"]);
    expect(readFileSync(join(directory, "ae1027a6acf0.ts"), "utf8")).toBe("mine");
  });

  it("rejects a missing directory and a name with a path separator", () => {
    const directory = mkdtempSync(join(tmpdir(), "mig-write-"));
    expect(() =>
      writeScript({ directory: join(directory, "nope"), template: "", header, date }),
    ).toThrow(expect.objectContaining({ code: "script_location" }));
    expect(() =>
      writeScript({ directory, fileTemplate: "a/%(rev)s", template: "", header, date }),
    ).toThrow(/would not load/);
    expect(() => writeScript({ directory, template: "", header, date, extension: ".cts" })).toThrow(
      /would not load/,
    );
  });

  it("refuses a template whose header does not read back, and writes nothing", () => {
    const directory = mkdtempSync(join(tmpdir(), "mig-write-"));
    const misspelt = DEFAULT_TS_TEMPLATE.replace("${revision}", "${revison}");
    // Further off, the header read back says what is wrong.
    const far = DEFAULT_TS_TEMPLATE.replace("${revision}", "${rev_id}");
    expect(() => writeScript({ directory, template: far, header, date })).toThrow(
      "script.ts.tmpl renders a migration mig cannot use (line 4: cannot read `revision` statically; write it as a string literal); nothing was written.",
    );
    expect(() => writeScript({ directory, template: misspelt, header, date })).toThrow(
      expect.objectContaining({
        code: "template",
        message: "script.ts.tmpl has ${revison}, which mig does not fill; nothing was written.",
        hint: "Did you mean ${revision}?",
      }),
    );
    const noParent = DEFAULT_SQL_TEMPLATE.replace("${downRevision}", "none");
    const child = { ...header, downRevisions: ["a"] };
    expect(() =>
      writeScript({ directory, template: noParent, header: child, date, format: "sql" }),
    ).toThrow(
      /script.sql.tmpl renders a migration mig cannot use \(its downRevisions reads \[\]\)/,
    );
    const noRevision = DEFAULT_TS_TEMPLATE.replace(/^export const revision.*\n/m, "");
    expect(() => writeScript({ directory, template: noRevision, header, date })).toThrow(
      "script.ts.tmpl renders a migration mig cannot use (no `export const revision`); nothing was written.",
    );
    const body = DEFAULT_TS_TEMPLATE.replace("${upgrades}", "${upgrade}");
    expect(() => writeScript({ directory, template: body, header, date })).toThrow(
      expect.objectContaining({
        message: "script.ts.tmpl has ${upgrade}, which mig does not fill; nothing was written.",
        hint: "Did you mean ${upgrades}?",
      }),
    );
    expect(readdirSync(directory)).toEqual([]);
  });
});
