import type { ConstraintDefinition, Operations } from "@mig/core";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { freshDb, migrate, offlineSql, roundTrip, rows } from "./operations-helpers.js";

// SQLite keeps `unique: true`, `references` and a bare CHECK without a name: autogenerate
// drops them with a made-up name and `existing`, the constraint's definition.
const unique: ConstraintDefinition = { type: "unique", columns: ["code"] };
const toParent: ConstraintDefinition = {
  type: "foreign",
  columns: ["parent_id"],
  references: { name: "parent" },
  referencedColumns: ["id"],
};
const positive: ConstraintDefinition = { type: "check", expression: "qty >= 0" };

const createTables = async (op: Operations) => {
  await op.createTable("parent", { id: { type: "integer", primaryKey: true } });
  await op.createTable(
    "child",
    {
      id: { type: "integer", primaryKey: true },
      code: { type: "text", unique: true },
      parent_id: { type: "integer", references: { table: "parent", column: "id" } },
      qty: { type: "integer" },
    },
    { checks: ["qty >= 0"] },
  );
};

const childSql = (sql: (q: string) => unknown[]) =>
  (sql("SELECT sql FROM sqlite_master WHERE name = 'child'")[0] as { sql: string }).sql;

const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

describe("dropping an unnamed constraint on SQLite", () => {
  it.each([
    ["unique", unique, "UNIQUE"],
    ["foreign key", toParent, "REFERENCES"],
    ["check", positive, "CHECK"],
  ] as const)(
    "an unnamed %s is found by its definition, and its reverse re-creates it",
    async (_, existing, keyword) => {
      const db = await freshDb({ foreignKeys: true });
      await migrate(db, createTables);
      await migrate(db, (op) => op.bulkInsert("parent", [{ id: 1 }]));
      await migrate(db, (op) =>
        op.bulkInsert("child", [{ id: 1, code: "a", parent_id: 1, qty: 3 }]),
      );
      const master = async () =>
        (await rows(db, "SELECT sql FROM sqlite_master WHERE name = 'child'"))[0]!.sql as string;
      expect(await master()).toContain(keyword);
      await roundTrip(db, {
        kind: "dropConstraint",
        table: { name: "child" },
        name: "made_up",
        type: existing.type,
        existing,
      });
      await migrate(db, (op) => op.dropConstraint("made_up", "child", { existing }));
      expect(await master()).not.toContain(keyword);
      expect(await rows(db, "SELECT id, code, parent_id, qty FROM child")).toEqual([
        { id: 1, code: "a", parent_id: 1, qty: 3 },
      ]);
    },
  );

  it.each([
    ["before", false],
    ["after", true],
  ])("a foreign key to a table dropped in the same migration, %s the table", async (_, first) => {
    const db = await freshDb({ foreignKeys: true });
    await migrate(db, createTables);
    await migrate(db, (op) => op.bulkInsert("parent", [{ id: 1 }]));
    await migrate(db, (op) => op.bulkInsert("child", [{ id: 1, parent_id: 1 }]));
    await migrate(db, async (op) => {
      if (first) await op.dropTable("parent");
      await op.dropConstraint("child_parent_id_fkey", "child", { existing: toParent });
      if (!first) await op.dropTable("parent");
    });
    const names = await rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    expect(names.map((r) => r.name)).not.toContain("parent");
    const sql = (await rows(db, "SELECT sql FROM sqlite_master WHERE name = 'child'"))[0]!.sql;
    expect(sql).not.toContain("REFERENCES");
    expect(sql).toContain("UNIQUE");
  });

  it("with --sql, in a table the same run created: the copy runs offline", async () => {
    const script = await offlineSql(async (op) => {
      await createTables(op);
      await op.dropConstraint("child_code_key", "child", { existing: unique });
      await op.dropConstraint("child_parent_id_fkey", "child", { existing: toParent });
      await op.dropConstraint("child_check", "child", { existing: positive });
      await op.dropTable("parent");
    });
    const db = new Database(":memory:");
    opened.push(db);
    db.exec(script);
    const sql = childSql((q) => db.prepare(q).all());
    expect(sql).not.toMatch(/UNIQUE|REFERENCES|CHECK/);
    expect(
      db
        .prepare("PRAGMA table_info(child)")
        .all()
        .map((c) => (c as { name: string }).name),
    ).toEqual(["id", "code", "parent_id", "qty"]);
  });

  it("a definition that matches nothing is a clear error", async () => {
    const db = await freshDb();
    await migrate(db, createTables);
    await expect(
      migrate(db, (op) =>
        op.dropConstraint("made_up", "child", { existing: { type: "unique", columns: ["qty"] } }),
      ),
    ).rejects.toThrow('Table "child" has no constraint "made_up".');
  });
});
