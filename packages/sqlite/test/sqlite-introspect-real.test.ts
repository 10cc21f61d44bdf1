import { describe, expect, it } from "vitest";
import { freshDb, snapshot, table } from "./operations-helpers.js";

/** What real schemas hold that introspection used to misread. */
describe("introspect on real schemas", () => {
  it("an INTEGER PRIMARY KEY (the rowid) is never NULL; only AUTOINCREMENT is autoincrement", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE alias (id INTEGER PRIMARY KEY, x);
      CREATE TABLE alias_tc (id integer, x, PRIMARY KEY (id));
      CREATE TABLE ai (id INTEGER PRIMARY KEY AUTOINCREMENT, x);
      CREATE TABLE not_alias (id INT PRIMARY KEY, x);
      CREATE TABLE desc_key (id INTEGER PRIMARY KEY DESC, x);
      CREATE TABLE no_rowid (id INTEGER PRIMARY KEY, x) WITHOUT ROWID;
    `);
    const snap = await snapshot(db);
    const id = (name: string) => {
      const c = table(snap, name).columns[0]!;
      return [c.nullable, c.autoincrement];
    };
    expect(id("alias")).toEqual([false, false]);
    expect(id("alias_tc")).toEqual([false, false]);
    expect(id("ai")).toEqual([false, true]);
    // Not the rowid: SQLite really lets these primary keys hold NULL.
    expect(id("not_alias")).toEqual([true, false]);
    expect(id("desc_key")).toEqual([true, false]);
    expect(id("no_rowid")).toEqual([false, false]);
    await db.connection.execute("INSERT INTO not_alias (id, x) VALUES (NULL, 1)");
  });

  it("DEFAULT NULL is no default; the string 'NULL' is one", async () => {
    const db = await freshDb();
    await db.connection.execute(
      "CREATE TABLE d (a TEXT DEFAULT NULL, b TEXT DEFAULT (null), c TEXT DEFAULT 'NULL', e TEXT)",
    );
    expect(table(await snapshot(db), "d").columns.map((c) => c.default)).toEqual([
      null,
      null,
      "'NULL'",
      null,
    ]);
  });

  it("reads generated columns, long and short forms, VIRTUAL and STORED", async () => {
    const db = await freshDb();
    await db.connection.execute(`CREATE TABLE g (
      a INTEGER,
      b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL,
      c INT GENERATED ALWAYS AS (a + 1) STORED NOT NULL,
      d AS (abs(a)),
      "e f" TEXT AS ('x' || a) STORED
    )`);
    expect(
      table(await snapshot(db), "g").columns.map((c) => [c.name, c.type, c.nullable, c.generated]),
    ).toEqual([
      ["a", "integer", true, null],
      ["b", "integer", true, { expression: "a * 2", stored: false }],
      ["c", "int", false, { expression: "a + 1", stored: true }],
      ["d", "", true, { expression: "abs(a)", stored: false }],
      ["e f", "text", true, { expression: "'x' || a", stored: true }],
    ]);
  });

  it("reads column collations (SQLite's own in capitals, BINARY as none)", async () => {
    const db = await freshDb();
    await db.connection.execute(
      `CREATE TABLE c (a TEXT COLLATE nocase, b TEXT COLLATE "RTrim" NOT NULL, c TEXT COLLATE BINARY, d TEXT)`,
    );
    expect(table(await snapshot(db), "c").columns.map((c) => c.collation)).toEqual([
      "NOCASE",
      "RTRIM",
      null,
      null,
    ]);
  });

  it("reads each index key's order, collation (when not its column's) and expression", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE i (a TEXT COLLATE NOCASE, b INTEGER, c TEXT);
      CREATE INDEX ix_keys ON i (a, b DESC, c COLLATE nocase ASC, a COLLATE BINARY);
      CREATE UNIQUE INDEX ix_expr ON i (lower(c) COLLATE RTRIM DESC, (b + 1), c || a COLLATE NOCASE) WHERE b > 0;
    `);
    const [expr, keys] = table(await snapshot(db), "i").indexes;
    const key = (column: string | null, expression: string | null, descending = false) => ({
      column,
      expression,
      descending,
      length: null,
      opclass: null,
    });
    expect(keys).toEqual({
      name: "ix_keys",
      columns: ["a", "b", "c", "a"],
      keys: [
        { ...key("a", null), collation: null },
        { ...key("b", null, true), collation: null },
        { ...key("c", null), collation: "NOCASE" },
        { ...key("a", null), collation: "BINARY" },
      ],
      unique: false,
      where: null,
      method: null,
      include: [],
    });
    expect(expr).toMatchObject({
      name: "ix_expr",
      columns: ["lower(c)", "b + 1", "c || a COLLATE NOCASE"],
      keys: [
        { ...key(null, "lower(c)", true), collation: "RTRIM" },
        { ...key(null, "b + 1"), collation: null },
        // COLLATE binds to `a` here: part of the expression, not the key's collation.
        { ...key(null, "c || a COLLATE NOCASE"), collation: null },
      ],
      unique: true,
      where: "b > 0",
    });
  });

  it("reports views, triggers and virtual tables as unsupported, and hides SQLite's own and shadow tables", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);
      CREATE INDEX ix_body ON t (body);
      INSERT INTO t (body) VALUES ('a'), ('b');
      ANALYZE;
      CREATE VIEW v AS SELECT body FROM t;
      CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;
      CREATE VIRTUAL TABLE docs USING fts5(body);
      CREATE VIRTUAL TABLE docs4 USING fts4(body);
      CREATE VIRTUAL TABLE box USING rtree(id, x0, x1);
    `);
    const names = await db.connection.query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    expect(names.map((r) => r.name)).toContain("sqlite_stat1");
    expect(names.map((r) => r.name)).toContain("docs_content");
    const snap = await snapshot(db);
    expect(snap.tables.map((x) => x.name)).toEqual(["t"]);
    expect(snap.unsupported).toEqual([
      { kind: "virtual table", name: "box" },
      { kind: "virtual table", name: "docs" },
      { kind: "virtual table", name: "docs4" },
      { kind: "trigger", name: "tr", table: "t" },
      { kind: "view", name: "v" },
    ]);
    expect(snap.enums).toEqual([]);
    expect(snap.tables[0]?.extension).toBeNull();
    // Filters apply to them as to tables: a trigger goes with its table.
    const only = await db.dialect.introspect(db.connection, { exclude: ["t", "docs"] });
    expect(only.unsupported.map((o) => o.name)).toEqual(["box", "docs4", "v"]);
  });
});
