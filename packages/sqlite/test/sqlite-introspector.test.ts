import { describe, expect, it } from "vitest";
import { freshDb, migrate, snapshot, table } from "./operations-helpers.js";

const HAND_WRITTEN = `CREATE TABLE "Order" ( -- a comment, with a comma
  [id] INTEGER PRIMARY KEY AUTOINCREMENT,
  \`note\` TEXT DEFAULT 'a, (b)' /* another, comment */ CONSTRAINT "ck ""q""" CHECK (length(note) < 10),
  kind VARCHAR(5) NOT NULL CONSTRAINT uq_kind UNIQUE,
  parent INTEGER CONSTRAINT fk_parent REFERENCES plain ON DELETE SET NULL,
  CONSTRAINT ck_kind CHECK (kind IN ('a', 'b'))
)`;

describe("introspect", () => {
  it("lists identical UNIQUE constraints each by name, though SQLite indexes them once", async () => {
    const db = await freshDb();
    await db.connection.execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, CONSTRAINT uq_one UNIQUE (a), CONSTRAINT uq_two UNIQUE (a))",
    );
    expect(table(await snapshot(db), "t").uniques).toEqual([
      { name: "uq_one", columns: ["a"] },
      { name: "uq_two", columns: ["a"] },
    ]);
    // Dropping one (a table copy) keeps the other.
    await migrate(db, (op) => op.dropConstraint("uq_one", "t"));
    expect(table(await snapshot(db), "t").uniques).toEqual([{ name: "uq_two", columns: ["a"] }]);
  });

  it("reads names, checks and AUTOINCREMENT from hand-written SQL", async () => {
    const db = await freshDb();
    await db.connection.execute(`CREATE TABLE plain (id INTEGER PRIMARY KEY, x int);
      ${HAND_WRITTEN};
      CREATE INDEX ix_expr ON "Order" (lower(note), kind DESC) WHERE kind <> 'b';
      INSERT INTO "Order" (note, kind) VALUES ('n', 'a');`);
    const snap = await snapshot(db);
    expect(snap.tables.map((x) => x.name)).toEqual(["Order", "plain"]);
    expect(table(snap, "plain").columns[0]).toMatchObject({ name: "id", autoincrement: false });
    const order = table(snap, "Order");
    expect(order.columns.map((c) => [c.name, c.type, c.default, c.autoincrement])).toEqual([
      ["id", "integer", null, true],
      ["note", "text", "'a, (b)'", false],
      ["kind", "varchar(5)", null, false],
      ["parent", "integer", null, false],
    ]);
    expect(order.checks).toEqual([
      { name: 'ck "q"', expression: "length(note) < 10" },
      { name: "ck_kind", expression: "kind IN ('a', 'b')" },
    ]);
    expect(order.uniques).toEqual([{ name: "uq_kind", columns: ["kind"] }]);
    expect(order.foreignKeys).toEqual([
      {
        name: "fk_parent",
        columns: ["parent"],
        referencedTable: "plain",
        referencedColumns: ["id"],
        onDelete: "set null",
        onUpdate: "no action",
      },
    ]);
    expect(order.indexes).toMatchObject([
      { name: "ix_expr", columns: ["lower(note)", "kind"], unique: false, where: "kind <> 'b'" },
    ]);
    expect(order.indexes[0]?.keys.map((k) => k.descending)).toEqual([false, true]);
    expect(
      (await db.dialect.introspect(db.connection, { exclude: ["ORDER"] })).tables,
    ).toHaveLength(1);
  });

  it("a batch copy keeps AUTOINCREMENT, WITHOUT ROWID and hand-written constraints", async () => {
    const db = await freshDb();
    await db.connection.execute(`CREATE TABLE plain (id INTEGER PRIMARY KEY, x int);
      ${HAND_WRITTEN};
      CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;`);
    const before = await snapshot(db);
    await migrate(db, async (op) => {
      await op.batchAlterTable("Order", () => {}, { recreate: "always" });
      await op.batchAlterTable("kv", () => {}, { recreate: "always" });
    });
    expect(await snapshot(db)).toEqual(before);
    const kv = await db.connection.query<{ sql: string }>(
      "SELECT sql FROM sqlite_master WHERE name = 'kv'",
    );
    expect(kv[0]?.sql).toMatch(/WITHOUT ROWID$/);
  });

  it("a table with generated columns is copied, the generated columns computed again", async () => {
    const db = await freshDb();
    await db.connection.execute(`CREATE TABLE g (a INTEGER, b INTEGER AS (a * 2), c INT GENERATED ALWAYS AS (a + 1) STORED);
      INSERT INTO g (a) VALUES (1), (2);`);
    const before = table(await snapshot(db), "g");
    await migrate(db, (op) => op.alterColumn("g", "a", { nullable: false }));
    const after = table(await snapshot(db), "g");
    expect(after.columns).toEqual(
      before.columns.map((c) => (c.name === "a" ? { ...c, nullable: false } : c)),
    );
    expect(await db.connection.query("SELECT a, b, c FROM g ORDER BY a")).toEqual([
      { a: 1, b: 2, c: 2 },
      { a: 2, b: 4, c: 3 },
    ]);
  });
});
