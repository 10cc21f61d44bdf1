import { sql } from "@mig/core";
import { describe, expect, it } from "vitest";
import { freshDb, migrate, offlineSql, rows, snapshot, table } from "./operations-helpers.js";

const SETUP = `
  CREATE TABLE p (
    id INTEGER PRIMARY KEY,
    name TEXT COLLATE NOCASE NOT NULL,
    qty INTEGER NOT NULL DEFAULT 1,
    doubled INTEGER AS (qty * 2),
    label TEXT GENERATED ALWAYS AS (name || ':' || qty) STORED
  );
  CREATE INDEX ix_p_qty ON p (qty DESC, name COLLATE BINARY);
  CREATE INDEX ix_p_label ON p (lower(label) COLLATE RTRIM DESC);
  INSERT INTO p (name, qty) VALUES ('a', 1), ('b', 2);
`;

describe("generated columns, collations and index key order", () => {
  it("createTable writes COLLATE, GENERATED ... VIRTUAL | STORED, and DESC / COLLATE index keys", async () => {
    const text = await offlineSql((op) =>
      op.createTable(
        "p",
        {
          id: { type: "integer", primaryKey: true },
          name: { type: "text", collation: "NOCASE", nullable: false },
          doubled: { type: "integer", generated: { expression: "id * 2", stored: false } },
          label: { type: "text", generated: { expression: "name || id", stored: true } },
        },
        {
          indexes: [
            {
              name: "ix_p",
              columns: [
                { column: "name", descending: true, collation: "RTRIM" },
                { column: sql("lower(label)"), collation: "my coll" },
              ],
            },
          ],
        },
      ),
    );
    expect(text).toContain(`"name" TEXT COLLATE NOCASE NOT NULL`);
    expect(text).toContain(`"doubled" INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL`);
    expect(text).toContain(`"label" TEXT GENERATED ALWAYS AS (name || id) STORED`);
    expect(text).toContain(
      `CREATE INDEX "ix_p" ON "p" ("name" COLLATE RTRIM DESC, (lower(label)) COLLATE "my coll")`,
    );
  });

  it("a table copy keeps generated columns, collations and DESC / COLLATE keys, and recomputes the values", async () => {
    const db = await freshDb();
    await db.connection.execute(SETUP);
    const before = await snapshot(db);
    await migrate(db, (op) => op.batchAlterTable("p", () => {}, { recreate: "always" }));
    expect(await snapshot(db)).toEqual(before);
    await migrate(db, (op) => op.alterColumn("p", "qty", { default: 5 }));
    expect(await rows(db, "SELECT name, qty, doubled, label FROM p ORDER BY id")).toEqual([
      { name: "a", qty: 1, doubled: 2, label: "a:1" },
      { name: "b", qty: 2, doubled: 4, label: "b:2" },
    ]);
  });

  it("a renamed column is renamed in generated expressions and ordered keys, as SQLite's RENAME does", async () => {
    const db = await freshDb();
    await db.connection.execute(SETUP);
    await migrate(db, (op) =>
      op.batchAlterTable("p", (b) => {
        b.alterColumn("qty", { newName: "amount" });
        b.alterColumn("name", { nullable: true });
      }),
    );
    const p = table(await snapshot(db), "p");
    expect(p.columns.map((c) => c.generated?.expression ?? null)).toEqual([
      null,
      null,
      null,
      // Read bare, as the same expression declared by hand reads.
      "amount * 2",
      "name || ':' || amount",
    ]);
    expect(p.indexes.find((i) => i.name === "ix_p_qty")?.keys).toMatchObject([
      { column: "amount", descending: true, collation: null },
      { column: "name", descending: false, collation: "BINARY" },
    ]);
    expect(await rows(db, "SELECT doubled, label FROM p ORDER BY id")).toEqual([
      { doubled: 2, label: "a:1" },
      { doubled: 4, label: "b:2" },
    ]);
  });

  it("dropping a column takes its ordered-key index with it", async () => {
    const db = await freshDb();
    await db.connection.execute(`CREATE TABLE q (a INTEGER, b TEXT, c TEXT);
      CREATE INDEX ix_q_b ON q (b DESC, a);
      CREATE INDEX ix_q_c ON q (c COLLATE NOCASE);`);
    await migrate(db, (op) =>
      op.batchAlterTable("q", (b) => {
        b.dropColumn("b");
        b.alterColumn("a", { nullable: false, default: 0 });
      }),
    );
    const q = table(await snapshot(db), "q");
    expect(q.indexes.map((i) => i.name)).toEqual(["ix_q_c"]);
  });

  it("adds a VIRTUAL generated column with ALTER TABLE and a STORED one by copying the table", async () => {
    const db = await freshDb();
    await db.connection.execute(SETUP);
    await migrate(db, async (op) => {
      await op.addColumn("p", "tripled", {
        type: "integer",
        generated: { expression: "qty * 3", stored: false },
      });
      await op.addColumn("p", "quadrupled", {
        type: "integer",
        nullable: false,
        generated: { expression: "qty * 4", stored: false },
      });
      await op.addColumn("p", "upper_name", {
        type: "text",
        generated: { expression: "upper(name)", stored: true },
      });
    });
    const p = table(await snapshot(db), "p");
    expect(p.columns.slice(-3).map((c) => [c.name, c.generated])).toEqual([
      ["tripled", { expression: "qty * 3", stored: false }],
      ["quadrupled", { expression: "qty * 4", stored: false }],
      ["upper_name", { expression: "upper(name)", stored: true }],
    ]);
    expect(await rows(db, "SELECT tripled, upper_name FROM p ORDER BY id")).toEqual([
      { tripled: 3, upper_name: "A" },
      { tripled: 6, upper_name: "B" },
    ]);
    // SQLite itself refuses the STORED one: only the copy can add it.
    await expect(
      db.connection.execute("ALTER TABLE p ADD COLUMN s INTEGER AS (qty) STORED"),
    ).rejects.toThrow(/STORED/);
  });
});
