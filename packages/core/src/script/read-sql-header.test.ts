import { describe, expect, it, test } from "vitest";
import { readSqlHeader } from "./read-sql-header.js";
import { splitSqlScript } from "./split-sql-script.js";

const script = `-- revision: ae1027a6acf0
-- down_revision: a1, b2
-- branch_labels: feature
-- depends_on: none
-- message: add account table
-- transactional: false

-- migrate:up
CREATE TABLE account (id int); -- migrate:down is not a marker here

-- migrate:down
DROP TABLE account;
`;

describe("readSqlHeader", () => {
  it("reads every key", () => {
    expect(readSqlHeader(script, "m.sql")).toEqual({
      header: {
        revision: "ae1027a6acf0",
        downRevisions: ["a1", "b2"],
        branchLabels: ["feature"],
        dependsOn: [],
        message: "add account table",
      },
      transactional: false,
    });
  });

  it.each([
    [
      "-- revision: a\n-- down_revision: none\n-- migrate:up\n",
      { downRevisions: [], branchLabels: [], message: "" },
    ],
    ["-- revision: a\n-- down_revision:\n-- migrate:up\n", { downRevisions: [] }],
    ["-- revision: a\n-- down_revision: NULL\n-- migrate:up\n", { downRevisions: [] }],
    [
      "--revision:a\n--downRevision: b\n-- Depends-On: c ,d\n-- migrate:up\n",
      { revision: "a", downRevisions: ["b"], dependsOn: ["c", "d"] },
    ],
    [
      "-- Some notes: ignored\n\n-- revision: a\r\n-- down_revision: b\r\n--   migrate:UP  \r\nx",
      { revision: "a", downRevisions: ["b"] },
    ],
    [
      "-- revision: a\n-- down_revision: b\n-- migrate:up\n-- revision: later lines are not header\n",
      { revision: "a" },
    ],
  ])("%j", (text, expected) => {
    expect(readSqlHeader(text, "m.sql").header).toMatchObject(expected);
  });

  it.each([
    ["-- down_revision: none\n-- migrate:up\n", undefined, /no `-- revision:` line/],
    ["-- revision: a\n-- migrate:up\n", undefined, /no `-- down_revision:` line/],
    ["-- revision: a\n-- down_revision: none\n", undefined, /no `-- migrate:up` line/],
    [
      "-- revision: a\n-- down_revision: none\nCREATE TABLE x ();\n-- migrate:up\n",
      3,
      /SQL before/,
    ],
    ["-- revision: a\n-- down_revision: none\n-- migrate:down\n-- migrate:up\n", 3, /comes before/],
    ["-- revision: a\n-- revision: b\n", 2, /given twice/],
    ["-- revision:\n", 1, /empty/],
    [
      "-- revision: a\n-- down_revision: none\n-- transactional: maybe\n-- migrate:up\n",
      3,
      /true or false/,
    ],
  ])("rejects %j", (text, line, message) => {
    let error: unknown;
    try {
      readSqlHeader(text, "m.sql");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "header_parse", file: "m.sql", line });
    expect((error as Error).message).toMatch(message);
  });
});

describe("splitSqlScript", () => {
  it("splits up and down", () => {
    expect(splitSqlScript(script, "m.sql")).toEqual({
      up: "CREATE TABLE account (id int); -- migrate:down is not a marker here",
      down: "DROP TABLE account;",
      hasDown: true,
      transactional: false,
    });
  });

  it("treats comment-only or missing sections as empty, and defaults to transactional", () => {
    const text = "-- revision: a\n-- down_revision: none\n-- migrate:up\n-- nothing yet\n\n";
    // No `-- migrate:down` line: a downgrade of it is refused (script-module.ts).
    expect(splitSqlScript(text, "m.sql")).toEqual({
      up: "",
      down: "",
      hasDown: false,
      transactional: true,
    });
    expect(splitSqlScript(`${text}-- migrate:down\n`, "m.sql").hasDown).toBe(true);
  });

  it("rejects a second marker", () => {
    const text =
      "-- revision: a\n-- down_revision: none\n-- migrate:up\nx;\n-- migrate:down\ny;\n-- migrate:up\n";
    expect(() => splitSqlScript(text, "m.sql")).toThrow(/m\.sql:7: a second `-- migrate:up` line/);
  });
});

describe("a header key a letter or two off", () => {
  test("-- branch_label: refused, naming branch_labels; other comments are the author's", () => {
    const head = "-- revision: a1\n-- down_revision: none\n";
    expect(() => readSqlHeader(`${head}-- branch_label: x\n-- migrate:up\n`, "m.sql")).toThrow(
      "m.sql:3: `branch_label` is not a header key; did you mean `branch_labels`?",
    );
    expect(() => readSqlHeader(`${head}-- dependsOn2: x\n-- migrate:up\n`, "m.sql")).toThrow(
      "did you mean `depends_on`?",
    );
    const fine = readSqlHeader(`${head}-- author: me\n-- ticket: ABC-1\n-- migrate:up\n`, "m.sql");
    expect(fine.header.revision).toBe("a1");
  });
});
