import { describe, expect, test } from "vitest";
import { col, declaredFrom, enumsOf, idx, Model, snap, tbl } from "../../test/schema-fixtures.js";
import { t } from "../operations/column-type.js";
import { sql } from "../operations/sql-expression.js";
import { compareSchemas } from "./compare-schemas.js";
import { defineSchema, table } from "./declare-schema.js";
import type { SchemaSnapshot, TableSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false, autoincrement: true });

/** The diff between two snapshots, declared as the target says; checks it round-trips. */
function diff(live: SchemaSnapshot, target: SchemaSnapshot, renames = {}) {
  const result = compareSchemas({ live, target, declared: declaredFrom(target, renames) });
  const up = Model.of(live).apply(result.upgrade);
  expect(up.normal()).toEqual(Model.of(target).normal());
  expect(up.apply(result.downgrade).normal()).toEqual(Model.of(live).normal());
  return result;
}

const rich: SchemaSnapshot = snap(
  [
    tbl(
      "users",
      [
        id,
        col("email", "character varying(255)", { nullable: false, collation: "C" }),
        col("mood", "mood", { default: "'ok'::mood" }),
        col("full", "text", { generated: { expression: "(email || 'x'::text)", stored: true } }),
        col("n", "bigint", { identity: "always", autoincrement: true, nullable: false }),
        col("boss_id", "integer", { comment: "who" }),
      ],
      {
        comment: "people",
        primaryKey: { name: "users_pkey", columns: ["id"] },
        uniques: [{ name: "users_email_key", columns: ["email"] }],
        checks: [{ name: "users_n_check", expression: "(n > 0)" }],
        foreignKeys: [
          {
            name: "users_boss_id_fkey",
            columns: ["boss_id"],
            referencedTable: "users",
            referencedColumns: ["id"],
            onDelete: "set null",
            onUpdate: "no action",
          },
        ],
        indexes: [
          {
            ...idx("users_lower_email", ["lower((email)::text)"]),
            keys: [
              {
                column: null,
                expression: "lower((email)::text)",
                descending: true,
                length: null,
                opclass: null,
                collation: null,
              },
            ],
            where: "(boss_id IS NOT NULL)",
          },
        ],
      },
    ),
    tbl("posts", [id, col("user_id", "integer", { nullable: false })], {
      primaryKey: { name: "posts_pkey", columns: ["id"] },
      foreignKeys: [
        {
          name: "posts_user_id_fkey",
          columns: ["user_id"],
          referencedTable: "users",
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "no action",
        },
      ],
      indexes: [idx("posts_user", ["user_id"])],
    }),
  ],
  { enums: enumsOf(["mood", ["ok", "sad"]]) },
);

describe("compareSchemas: no false positives", () => {
  test("identical rich snapshots give no change", () => {
    const result = diff(rich, structuredClone(rich));
    expect(result).toEqual({ changes: [], upgrade: [], downgrade: [], warnings: [] });
  });

  test("column order is not a change", () => {
    const users = rich.tables.find((x) => x.name === "users") as TableSnapshot;
    const shuffled = snap(
      [
        ...rich.tables.filter((x) => x !== users),
        { ...users, columns: [...users.columns].reverse() },
      ],
      { enums: rich.enums },
    );
    expect(diff(rich, shuffled).changes).toEqual([]);
  });

  test("server-invented constraint names do not count when the declaration names none", () => {
    const live = snap([
      tbl("a", [id, col("x", "integer")], {
        uniques: [{ name: "a_x_key", columns: ["x"] }],
        checks: [{ name: "a_check", expression: "(x > 0)" }],
      }),
    ]);
    const target = snap([
      tbl("a", [id, col("x", "integer")], {
        uniques: [{ name: "a_x_key1", columns: ["x"] }],
        checks: [{ name: "a_x_check", expression: "(x > 0)" }],
      }),
    ]);
    const declared = defineSchema([
      table(
        "a",
        { id: { type: "integer" }, x: { type: "integer", unique: true } },
        { checks: ["x > 0"] },
      ),
    ]);
    expect(compareSchemas({ live, target, declared }).changes).toEqual([]);
  });
});

describe("compareSchemas: tables", () => {
  test("a new table is created from the declaration, as written", () => {
    const declared = defineSchema([
      table("users", {
        id: { type: "integer", primaryKey: true },
        email: { type: t.varchar(255), nullable: false },
      }),
    ]);
    const target = snap([
      tbl(
        "users",
        [
          col("id", "integer", { nullable: false }),
          col("email", "character varying(255)", { nullable: false }),
        ],
        {
          primaryKey: { name: "users_pkey", columns: ["id"] },
        },
      ),
    ]);
    const result = compareSchemas({ live: snap([]), target, declared });
    const definition = declared.tables[0]?.definition;
    expect(result.upgrade).toEqual([{ kind: "createTable", definition }]);
    expect(result.downgrade).toEqual([
      { kind: "dropTable", table: { name: "users" }, existing: definition },
    ]);
    expect(result.changes).toMatchObject([
      { kind: "addTable", table: { name: "users" }, description: "add table users (2 columns)" },
    ]);
  });

  test("a table only in the database is dropped with its definition, destructive", () => {
    const live = snap([tbl("old", [col("v", "text", { default: "'x'::text" })])]);
    const result = diff(live, snap([]));
    expect(result.upgrade).toEqual([
      {
        kind: "dropTable",
        table: { name: "old" },
        existing: expect.objectContaining({
          columns: [
            {
              name: "v",
              type: t.raw("text"),
              nullable: true,
              default: sql("'x'::text"),
              autoincrement: undefined,
              identity: undefined,
              generated: undefined,
              collation: undefined,
              comment: undefined,
            },
          ],
        }),
      },
    ]);
    expect(result.changes[0]).toMatchObject({
      kind: "dropTable",
      description: "drop table old",
      destructive: "drops table old and all its rows",
    });
  });

  test("a dropped table's keys come back with their actions, the dialect's default left out", () => {
    const fk = (onDelete: string) => ({
      name: `k_${onDelete.replace(" ", "_")}`,
      columns: ["p"],
      referencedTable: "old",
      referencedColumns: ["p"],
      onDelete,
      onUpdate: "restrict",
    });
    const live = snap([
      tbl("old", [col("p", "integer", { nullable: false })], {
        primaryKey: { name: "old_pkey", columns: ["p"] },
        foreignKeys: [fk("no action"), fk("restrict")],
      }),
    ]);
    const mysql = compareSchemas({
      live,
      target: snap([]),
      declared: defineSchema([]),
      defaultAction: "restrict",
    });
    const dropped = mysql.upgrade[0]?.kind === "dropTable" ? mysql.upgrade[0].existing : undefined;
    expect(dropped?.foreignKeys.map((k) => [k.onDelete, k.onUpdate])).toEqual([
      ["no action", undefined],
      [undefined, undefined],
    ]);
  });

  test("extension tables and filtered names are left alone", () => {
    const live = snap([
      tbl("spatial_ref_sys", [col("srid", "integer")], { extension: "postgis" }),
      tbl("legacy_x", [col("v", "text")]),
    ]);
    expect(diff(live, live).changes).toEqual([]);
    const none = snap([]);
    expect(compareSchemas({ live, target: none, declared: { tables: [] } }).upgrade).toMatchObject([
      { kind: "dropTable", table: { name: "legacy_x" } },
    ]);
    const filter = { includeName: (name: string) => !name.startsWith("legacy_") };
    expect(
      compareSchemas({ live, target: none, declared: { tables: [] }, filter }).upgrade,
    ).toEqual([]);
    const all = { includeObject: () => true };
    expect(
      compareSchemas({ live, target: none, declared: { tables: [] }, filter: all }).upgrade,
    ).toHaveLength(2);
  });

  test("renamedFrom renames the table, then compares the rest", () => {
    const live = snap([tbl("people", [id, col("name", "text")])]);
    const target = snap([tbl("users", [id, col("name", "text"), col("age", "integer")])]);
    const result = diff(live, target, { users: { table: "people" } });
    expect(result.upgrade).toMatchObject([
      { kind: "renameTable", table: { name: "people" }, newName: "users" },
      { kind: "addColumn", table: { name: "users" }, column: { name: "age" } },
    ]);
    expect(result.changes.map((c) => c.description)).toEqual([
      "rename table people → users",
      "add column users.age integer",
    ]);
  });

  test("a dropped and a new table with the same columns get a rename hint", () => {
    const live = snap([tbl("people", [id, col("name", "text")])]);
    const target = snap([tbl("users", [id, col("name", "text")])]);
    const hints = diff(live, target).changes.map((c) => c.renameHint);
    expect(hints).toEqual([
      'looks like a rename of people → users: declare renamedFrom: "people"',
      'looks like a rename of people → users: declare renamedFrom: "people"',
    ]);
  });

  test("a table comment is set with the old one as existing", () => {
    const live = snap([tbl("a", [id], { comment: "old" })]);
    const result = diff(live, snap([tbl("a", [id], { comment: null })]));
    expect(result.upgrade).toEqual([
      { kind: "setTableComment", table: { name: "a" }, comment: null, existing: "old" },
    ]);
  });

  test("unsupported objects become warnings", () => {
    const live = snap([], {
      defaultSchema: "public",
      unsupported: [
        { kind: "view", name: "active_users" },
        { kind: "trigger", name: "audit", table: "users", schema: "app" },
      ],
    });
    expect(compareSchemas({ live, target: snap([]), declared: { tables: [] } }).warnings).toEqual([
      "view public.active_users is not managed by mig; autogenerate leaves it alone",
      "trigger app.audit on users is not managed by mig; autogenerate leaves it alone",
    ]);
  });
});

describe("compareSchemas: filters and schemas", () => {
  test("includeObject sees columns, indexes and constraints", () => {
    const live = snap([tbl("a", [id, col("tmp_x", "text")], { indexes: [idx("tmp_ix", ["id"])] })]);
    const target = snap([tbl("a", [id])]);
    const seen: string[] = [];
    const filter = {
      includeObject: (o: { type: string; name: string; reflected: boolean; declared: boolean }) => {
        seen.push(`${o.type} ${o.name} ${o.reflected} ${o.declared}`);
        return !o.name.startsWith("tmp_");
      },
    };
    const result = compareSchemas({ live, target, declared: declaredFrom(target), filter });
    expect(result.changes).toEqual([]);
    expect(seen).toContain("column tmp_x true false");
    expect(seen).toContain("index tmp_ix true false");
    expect(seen).toContain("table a true true");
  });

  test("a declared schema that is the default one matches tables read without one", () => {
    const live = snap([tbl("a", [id])], { defaultSchema: "public" });
    const declared = defineSchema([
      table(
        "a",
        { id: { type: "integer", nullable: false, autoincrement: true } },
        { schema: "public" },
      ),
    ]);
    expect(compareSchemas({ live, target: live, declared }).changes).toEqual([]);
    const other = snap([tbl("a", [id], { schema: "app" })], { defaultSchema: "public" });
    const moved = compareSchemas({ live, target: other, declared: declaredFrom(other) });
    expect(moved.upgrade.map((o) => o.kind)).toEqual(["createTable", "dropTable"]);
  });

  test("an enum column read with its type qualified is still the enum", () => {
    const enums = [{ name: "mood", schema: "app", values: ["a"] }];
    const live = snap([tbl("a", [id, col("m", "app.mood")], { schema: "app" })], { enums });
    const result = compareSchemas({ live, target: snap([]), declared: { tables: [] } });
    expect(result.upgrade).toMatchObject([
      {
        kind: "dropTable",
        table: { name: "a", schema: "app" },
        existing: { columns: [{}, { type: t.enum("mood", ["a"]) }] },
      },
    ]);
  });
});

test("changes share their operations with the diff, upgrade and downgrade", () => {
  const live = snap([tbl("a", [id, col("x", "text")])]);
  const target = snap([
    tbl("a", [id, col("x", "text", { nullable: false, default: "''::text" }), col("y", "integer")]),
  ]);
  const result = compareSchemas({ live, target, declared: declaredFrom(target) });
  for (const change of result.changes) {
    for (const op of change.upgrade) expect(result.upgrade).toContain(op);
    for (const op of change.downgrade) expect(result.downgrade).toContain(op);
  }
});
