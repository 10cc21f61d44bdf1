import { type DeclaredTable, defineSchema, type SchemaSnapshot, table } from "@mig/core";
import { compareSchemas, renderOperations, renderSchemaModule } from "@mig/core/schema";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("nulls_deferrable");

/** The three details, as a person writes them in PostgreSQL. */
const RAW = `
  CREATE TABLE parent (id int PRIMARY KEY);
  CREATE TABLE child (
    id int PRIMARY KEY,
    a int, b int, c int,
    p1 int REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED,
    p2 int REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE,
    p3 int REFERENCES parent (id),
    CONSTRAINT child_c_key UNIQUE NULLS NOT DISTINCT (c),
    CONSTRAINT child_a_key UNIQUE (a)
  );
  CREATE INDEX child_order ON child (a DESC NULLS LAST, b NULLS FIRST, c DESC, id NULLS LAST);
  CREATE UNIQUE INDEX child_b ON child (b) NULLS NOT DISTINCT;
  CREATE UNIQUE INDEX child_ab ON child (a, b);`;

/** The same tables declared in a schema module; `change` alters one detail. */
function declare(change: { nulls?: "first"; distinct?: true; deferred?: "immediate" } = {}) {
  const parent = table("parent", { id: { type: "integer", primaryKey: true } });
  const fk = (column: string) => ({
    columns: [column],
    references: "parent",
    referencedColumns: ["id"],
  });
  const child = table(
    "child",
    {
      id: { type: "integer", primaryKey: true },
      a: { type: "integer" },
      b: { type: "integer" },
      c: { type: "integer" },
      p1: { type: "integer" },
      p2: { type: "integer" },
      p3: { type: "integer" },
    },
    {
      foreignKeys: [
        { ...fk("p1"), deferrable: change.deferred ?? "deferred" },
        { ...fk("p2"), onDelete: "cascade", deferrable: "immediate" },
        fk("p3"),
      ],
      uniques: [
        { name: "child_c_key", columns: ["c"], nullsNotDistinct: change.distinct === undefined },
        { name: "child_a_key", columns: ["a"] },
      ],
      indexes: [
        {
          name: "child_order",
          columns: [
            { column: "a", descending: true, nulls: change.nulls ?? "last" },
            { column: "b", nulls: "first" },
            { column: "c", descending: true },
            { column: "id", nulls: "last" },
          ],
        },
        { name: "child_b", columns: ["b"], unique: true, nullsNotDistinct: true },
        { name: "child_ab", columns: ["a", "b"], unique: true },
      ],
    },
  );
  return [parent, child];
}

const child = (s: SchemaSnapshot) => s.tables.find((t) => t.name === "child")!;

async function diff(live: SchemaSnapshot, tables: DeclaredTable[]) {
  const target = await h.dialect.snapshotDeclared(
    h.connection(),
    tables.map((t) => t.definition),
  );
  return compareSchemas({ live, target, declared: defineSchema(tables) });
}

describe("NULLS FIRST/LAST, NULLS NOT DISTINCT and DEFERRABLE", () => {
  test("introspect reads each where it is not the default", async () => {
    await h.connection().execute(RAW);
    const t = child(await h.snapshot());
    const order = t.indexes.find((i) => i.name === "child_order")!;
    expect(order.keys.map((k) => [k.column, k.descending, k.nulls])).toEqual([
      ["a", true, "last"],
      ["b", false, "first"],
      ["c", true, undefined],
      ["id", false, undefined],
    ]);
    expect(t.indexes.map((i) => [i.name, i.nullsNotDistinct])).toEqual([
      ["child_ab", undefined],
      ["child_b", true],
      ["child_order", undefined],
    ]);
    expect(t.uniques).toEqual([
      { name: "child_a_key", columns: ["a"] },
      { name: "child_c_key", columns: ["c"], nullsNotDistinct: true },
    ]);
    expect(t.foreignKeys.map((fk) => [fk.columns[0], fk.onDelete, fk.deferrable])).toEqual([
      ["p1", "no action", "deferred"],
      ["p2", "cascade", "immediate"],
      ["p3", "no action", undefined],
    ]);
  });

  test("pull renders them; declared, they build what the SQL built and compare clean", async () => {
    await h.connection().execute(RAW);
    const live = await h.snapshot();
    const module = renderSchemaModule(live);
    expect(module).toContain('{ column: "a", descending: true, nulls: "last" }');
    expect(module).toContain('{ column: "b", nulls: "first" }');
    expect(module).toMatch(
      /name: "child_b",\s+columns: \["b"\],\s+unique: true,\s+nullsNotDistinct: true/,
    );
    expect(module).toMatch(/name: "child_c_key",\s+columns: \["c"\],\s+nullsNotDistinct: true/);
    expect(module).toContain('deferrable: "deferred"');
    expect(module).toContain('deferrable: "immediate"');

    const target = await h.dialect.snapshotDeclared(
      h.connection(),
      declare().map((t) => t.definition),
    );
    expect(JSON.stringify(target)).toBe(JSON.stringify(live));
    expect((await diff(live, declare())).changes).toEqual([]);

    // Made by mig's own DDL (createTable), the database reads the same.
    await h.reset();
    for (const t of declare())
      await h.op().invoke({ kind: "createTable", definition: t.definition });
    expect(JSON.stringify(await h.snapshot())).toBe(JSON.stringify(live));
  });

  test("a changed detail is a difference, re-created by drop and create", async () => {
    await h.connection().execute(RAW);
    const live = await h.snapshot();
    const cases = [
      [{ nulls: "first" }, "re-create index child_order on child (its definition changes)"],
      [{ distinct: true }, "re-create unique (c) on child (now NULLS DISTINCT)"],
      [
        { deferred: "immediate" },
        "re-create foreign key (p1) → parent (id) on child (now DEFERRABLE INITIALLY IMMEDIATE)",
      ],
    ] as const;
    for (const [change, description] of cases) {
      const d = await diff(live, declare(change));
      expect(d.changes.map((c) => c.description)).toEqual([description]);
      expect(d.upgrade.map((o) => o.kind)).toEqual(
        "nulls" in change
          ? ["dropIndex", "createIndex"]
          : [
              "dropConstraint",
              "distinct" in change ? "createUniqueConstraint" : "createForeignKey",
            ],
      );
      // Run the upgrade, then the downgrade: each side reads back as declared.
      for (const o of d.upgrade) await h.op().invoke(o);
      await h.op().settle();
      expect((await diff(await h.snapshot(), declare(change))).changes).toEqual([]);
      for (const o of d.downgrade) await h.op().invoke(o);
      await h.op().settle();
      expect(JSON.stringify(await h.snapshot())).toBe(JSON.stringify(live));
    }
  });

  test("autogenerate into an empty database makes what the SQL made", async () => {
    await h.connection().execute(RAW);
    const raw = await h.snapshot();
    await h.reset();
    await h.connection().execute("CREATE TABLE parent (id int PRIMARY KEY)");
    const d = await diff(await h.snapshot(), declare());
    const text = renderOperations(d.upgrade).join("\n");
    expect(text).toContain('{ column: "a", descending: true, nulls: "last" }');
    expect(text).toContain("nullsNotDistinct: true");
    expect(text).toContain('deferrable: "deferred"');
    for (const o of d.upgrade) await h.op().invoke(o);
    await h.op().settle();
    expect(JSON.stringify(await h.snapshot())).toBe(JSON.stringify(raw));
  });

  test("offline SQL spells them as PostgreSQL does", async () => {
    const [, c] = declare();
    const sql = await h.offlineSql([{ kind: "createTable", definition: c!.definition }]);
    expect(sql).toContain('CONSTRAINT "child_c_key" UNIQUE NULLS NOT DISTINCT ("c")');
    expect(sql).toContain('REFERENCES "parent" ("id") DEFERRABLE INITIALLY DEFERRED');
    expect(sql).toContain("ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE");
    expect(sql).toContain('("a" DESC NULLS LAST, "b" NULLS FIRST, "c" DESC, "id" NULLS LAST)');
    expect(sql).toContain('ON "child" ("b") NULLS NOT DISTINCT');
  });
});
