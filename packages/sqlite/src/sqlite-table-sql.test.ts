import { describe, expect, it } from "vitest";
import { parseCreateIndex, parseCreateTable } from "./sqlite-table-declaration.js";
import { nameOf, splitTopLevel, tokenize, unwrapParens } from "./sqlite-table-sql.js";

describe("tokenize", () => {
  it.each([
    [`"a""b"`, `a"b`],
    ["`a``b`", "a`b"],
    ['[a"b]', `a"b`],
    ["'it''s'", "it's"],
    ["naïve_表", "naïve_表"],
  ])("reads %s as the name %s", (sql, name) => {
    expect(nameOf(tokenize(sql)[0]!)).toBe(name);
  });

  it("skips comments and keeps commas in quotes and parentheses in one item", () => {
    const tokens = tokenize(`a -- x, y\n, "b,c" /* , */, f(1, 2), 'd,e'`);
    expect(splitTopLevel(tokens).map((item) => item.map((t) => t.text).join(" "))).toEqual([
      "a",
      '"b,c"',
      "f ( 1 , 2 )",
      "'d,e'",
    ]);
  });

  it("unwraps one pair of parentheses around the whole text only", () => {
    expect(unwrapParens("(lower(x))")).toBe("lower(x)");
    expect(unwrapParens("(a) + (b)")).toBe("(a) + (b)");
  });
});

describe("parseCreateTable / parseCreateIndex", () => {
  it("names constraints declared on columns and on the table", () => {
    const declared = parseCreateTable(
      `CREATE TABLE t (id INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT, "x y" TEXT CONSTRAINT u UNIQUE CHECK (x > (1)), CONSTRAINT f FOREIGN KEY ("x y") REFERENCES p (a), UNIQUE (id, [x y]))`,
    );
    expect(declared).toEqual({
      primaryKeyName: "pk",
      autoincrement: ["id"],
      uniques: [
        { name: "u", columns: ["x y"] },
        { name: null, columns: ["id", "x y"] },
      ],
      foreignKeys: [{ name: "f", columns: ["x y"], deferrable: null }],
      checks: [{ name: null, expression: "x > (1)" }],
      types: new Map([
        ["id", "INTEGER"],
        ["x y", "TEXT"],
      ]),
      generated: new Map(),
      collations: new Map(),
    });
  });

  it("reads a foreign key's DEFERRABLE up to the next constraint, past its own actions", () => {
    const declared = parseCreateTable(
      `CREATE TABLE t (
        a INT REFERENCES p (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT NULL,
        b INT REFERENCES p ON UPDATE SET DEFAULT DEFERRABLE INITIALLY IMMEDIATE,
        c INT REFERENCES p (id) NOT NULL CHECK (c > 0),
        d INT REFERENCES p (id) NOT DEFERRABLE,
        e INT REFERENCES p (id) DEFAULT 1 CONSTRAINT x CHECK (e <> 'DEFERRABLE'),
        FOREIGN KEY (c, d) REFERENCES q (x, y) MATCH SIMPLE DEFERRABLE)`,
    );
    expect(declared.foreignKeys.map((fk) => [fk.columns.join(), fk.deferrable])).toEqual([
      ["a", "deferred"],
      ["b", "immediate"],
      ["c", null],
      ["d", null],
      ["e", null],
      ["c,d", "immediate"],
    ]);
  });

  it("reads generated columns, long and short forms, and column collations", () => {
    const declared = parseCreateTable(
      `CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a * (2)) STORED, c AS (a + 1), d TEXT COLLATE "NoCase" NOT NULL, e INT AS (a) VIRTUAL)`,
    );
    expect([...declared.generated]).toEqual([
      ["b", { expression: "a * (2)", stored: true }],
      ["c", { expression: "a + 1", stored: false }],
      ["e", { expression: "a", stored: false }],
    ]);
    expect([...declared.collations]).toEqual([["d", "NoCase"]]);
    expect(declared.types.get("c")).toBe("");
  });

  it("keeps each column's type as written, which PRAGMA table_info recases or unquotes", () => {
    const declared = parseCreateTable(
      `CREATE TABLE t (a int, b VarChar ( 20 ) NOT NULL, c "my type" DEFAULT 1, d, e NUMERIC(10, 2) CHECK (e > 0))`,
    );
    expect([...declared.types]).toEqual([
      ["a", "int"],
      ["b", "VarChar ( 20 )"],
      ["c", '"my type"'],
      ["d", ""],
      ["e", "NUMERIC(10, 2)"],
    ]);
  });

  it("reads index keys and the partial-index predicate", () => {
    expect(
      parseCreateIndex(`CREATE UNIQUE INDEX "i" ON "t" ((a + 1), "b" DESC) WHERE a IS NOT NULL`),
    ).toEqual({ keys: ["a + 1", '"b"'], where: "a IS NOT NULL" });
    expect(
      parseCreateIndex(
        `CREATE INDEX i ON t (lower(a) COLLATE NOCASE DESC, (a + 1) COLLATE "x" ASC, a || b COLLATE NOCASE)`,
      ).keys,
    ).toEqual(["lower(a)", "a + 1", "a || b COLLATE NOCASE"]);
  });
});
