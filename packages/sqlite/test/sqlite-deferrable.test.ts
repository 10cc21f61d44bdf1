import { defineSchema, table } from "@mig/core";
import { compareSchemas, renderSchemaModule } from "@mig/core/schema";
import { describe, expect, it } from "vitest";
import { freshDb, migrate, roundTrip, snapshot, table as tableOf } from "./operations-helpers.js";

/** Each foreign key's column and deferrable, by column. */
const deferrables = (fks: readonly { columns: readonly string[]; deferrable?: string }[]) =>
  Object.fromEntries(fks.map((fk) => [fk.columns[0], fk.deferrable]));

const declare = (deferrable?: "immediate" | "deferred") => [
  table("parent", { id: { type: "integer", primaryKey: true } }),
  table(
    "child",
    { id: { type: "integer", primaryKey: true }, p: { type: "integer" }, q: { type: "integer" } },
    {
      foreignKeys: [
        {
          name: "child_p",
          columns: ["p"],
          references: "parent",
          referencedColumns: ["id"],
          deferrable,
        },
        {
          columns: ["q"],
          references: "parent",
          referencedColumns: ["id"],
          deferrable: "immediate",
        },
      ],
    },
  ),
];

describe("a deferrable foreign key", () => {
  it("is read from the table's SQL, in a table constraint or on a column", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (
        id INTEGER PRIMARY KEY,
        p INTEGER,
        q INTEGER REFERENCES parent (id) DEFERRABLE,
        r INTEGER REFERENCES parent (id) NOT DEFERRABLE INITIALLY DEFERRED,
        s INTEGER CONSTRAINT child_s REFERENCES parent (id) deferrable initially deferred,
        CONSTRAINT child_p FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
      )`);
    const child = tableOf(await snapshot(db), "child");
    expect(
      child.foreignKeys.map((fk) => [fk.columns[0], fk.name, fk.onDelete, fk.deferrable]),
    ).toEqual([
      ["q", null, "no action", "immediate"],
      ["r", null, "no action", undefined],
      ["p", "child_p", "cascade", "deferred"],
      ["s", "child_s", "no action", "deferred"],
    ]);
    expect(renderSchemaModule(await snapshot(db))).toContain('deferrable: "deferred"');
  });

  it("declared, builds what it says, compares clean, and a change is re-created", async () => {
    const db = await freshDb();
    const declared = declare("deferred");
    await migrate(db, async (op) => {
      for (const t of declared) await op.invoke({ kind: "createTable", definition: t.definition });
    });
    const live = await snapshot(db);
    expect(deferrables(tableOf(live, "child").foreignKeys)).toEqual({
      p: "deferred",
      q: "immediate",
    });
    const target = await db.dialect.snapshotDeclared(
      db.connection,
      declared.map((t) => t.definition),
    );
    expect(target).toEqual(live);
    expect(compareSchemas({ live, target, declared: defineSchema(declared) }).changes).toEqual([]);

    const changed = declare();
    const goal = await db.dialect.snapshotDeclared(
      db.connection,
      changed.map((t) => t.definition),
    );
    const diff = compareSchemas({ live, target: goal, declared: defineSchema(changed) });
    expect(diff.changes.map((c) => c.description)).toEqual([
      "re-create foreign key (p) → parent (id) on child (now NOT DEFERRABLE)",
    ]);
    await migrate(db, async (op) => {
      for (const o of diff.upgrade) await op.invoke(o);
    });
    expect(deferrables(tableOf(await snapshot(db), "child").foreignKeys)).toEqual({
      p: undefined,
      q: "immediate",
    });
  });

  it("a table copy keeps it (DEFERRABLE INITIALLY DEFERRED is SQLite's too)", async () => {
    const db = await freshDb();
    await db.connection.execute(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER,
        CONSTRAINT child_p FOREIGN KEY (p) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
    const during = await roundTrip(db, {
      kind: "alterColumn",
      table: { name: "child" },
      column: "p",
      changes: { type: "bigint" },
      existing: { type: "integer", nullable: true },
    });
    expect(tableOf(during, "child").foreignKeys[0]!.deferrable).toBe("deferred");
  });
});
