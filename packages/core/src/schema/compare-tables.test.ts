import { describe, expect, test } from "vitest";
import { col, declaredFrom, enumsOf, Model, snap, tbl } from "../../test/schema-fixtures.js";
import { t } from "../operations/column-type.js";
import type { Operation } from "../operations/operation.js";
import { compareSchemas } from "./compare-schemas.js";
import type { ForeignKeySnapshot, SchemaSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false });
const pk = (name: string) => ({ primaryKey: { name: `${name}_pkey`, columns: ["id"] } });
const fk = (from: string, column: string, to: string): ForeignKeySnapshot => ({
  name: `${from}_${column}_fkey`,
  columns: [column],
  referencedTable: to,
  referencedColumns: ["id"],
  onDelete: "no action",
  onUpdate: "no action",
});
/** A table `name` with an id and one column per table it references. */
const ref = (name: string, ...to: string[]) =>
  tbl(name, [id, ...to.map((x) => col(`${x}_id`, "integer"))], {
    ...pk(name),
    foreignKeys: to.map((x) => fk(name, `${x}_id`, x)),
  });

function diff(live: SchemaSnapshot, target: SchemaSnapshot) {
  const result = compareSchemas({ live, target, declared: declaredFrom(target) });
  const up = Model.of(live).apply(result.upgrade);
  expect(up.normal()).toEqual(Model.of(target).normal());
  expect(up.apply(result.downgrade).normal()).toEqual(Model.of(live).normal());
  return result;
}

const show = (ops: readonly Operation[]) =>
  ops.map((o) => {
    switch (o.kind) {
      case "createTable":
        return `create ${o.definition.table.name} [${o.definition.foreignKeys.map((f) => f.references.name)}]`;
      case "dropTable":
        return `drop ${o.table.name} [${o.existing?.foreignKeys.map((f) => f.references.name)}]`;
      case "createForeignKey":
        return `fk ${o.table.name} → ${o.constraint.references.name}`;
      case "dropConstraint":
        return `drop constraint ${o.name}`;
      case "alterEnum":
        return `enum ${o.name} ${o.values}`;
      default:
        return `${o.kind} ${"table" in o ? o.table?.name : ""}`;
    }
  });

describe("compareSchemas: order", () => {
  test("new tables come after the tables they reference", () => {
    const target = snap([ref("a", "c"), ref("b"), ref("c", "b"), ref("d", "d")]);
    expect(show(diff(snap([]), target).upgrade)).toEqual([
      "create b []",
      "create c [b]",
      "create a [c]",
      "create d [d]",
    ]);
  });

  test("a cycle of new tables is broken: the cut keys come after both tables", () => {
    const target = snap([ref("a", "b"), ref("b", "a")]);
    const result = diff(snap([]), target);
    expect(show(result.upgrade)).toEqual(["create a []", "create b [a]", "fk a → b"]);
    expect(show(result.downgrade)).toEqual([
      "drop constraint a_b_id_fkey",
      "drop b [a]",
      "drop a []",
    ]);
    expect(result.upgrade[2]).toMatchObject({ constraint: { name: "a_b_id_fkey" } });
  });

  test("existing tables get keys to new tables after those are made", () => {
    const live = snap([tbl("a", [id, col("b_id", "integer")], pk("a"))]);
    const target = snap([ref("a", "b"), ref("b")]);
    expect(show(diff(live, target).upgrade)).toEqual(["create b []", "fk a → b"]);
  });

  test("a new table's key to a column an existing table gains waits for it", () => {
    const live = snap([tbl("a", [id], pk("a"))]);
    const target = snap([
      tbl("a", [id, col("code", "integer")], {
        ...pk("a"),
        uniques: [{ name: "a_code_key", columns: ["code"] }],
      }),
      tbl("b", [id, col("code", "integer")], {
        ...pk("b"),
        foreignKeys: [{ ...fk("b", "code", "a"), referencedColumns: ["code"] }],
      }),
    ]);
    expect(show(diff(live, target).upgrade)).toEqual([
      "create b []",
      "addColumn a",
      "createUniqueConstraint a",
      "fk b → a",
    ]);
  });

  test("dropped tables go in reverse key order; keys of a cycle go first", () => {
    const live = snap([ref("a", "b"), ref("b", "c"), ref("c"), ref("x", "y"), ref("y", "x")]);
    const result = diff(live, snap([]));
    expect(show(result.upgrade)).toEqual([
      "drop constraint x_y_id_fkey",
      "drop y [x]",
      "drop x []",
      "drop a [b]",
      "drop b [c]",
      "drop c []",
    ]);
    expect(result.changes.every((c) => c.destructive?.startsWith("drops table"))).toBe(true);
  });

  test("per existing table: drop keys, add columns, alter, indexes and keys, drop columns", () => {
    const live = snap([
      tbl("a", [id, col("old", "text"), col("n", "integer")], {
        ...pk("a"),
        uniques: [{ name: "a_old_key", columns: ["old"] }],
      }),
    ]);
    const target = snap([
      tbl("a", [id, col("n", "bigint"), col("new", "text")], {
        ...pk("a"),
        uniques: [{ name: "a_new_key", columns: ["new"] }],
      }),
    ]);
    expect(show(diff(live, target).upgrade)).toEqual([
      "drop constraint a_old_key",
      "addColumn a",
      "alterColumn a",
      "createUniqueConstraint a",
      "dropColumn a",
    ]);
  });
});

describe("compareSchemas: enums", () => {
  const moodCol = col("m", "mood");

  test("changed values: alterEnum with existing, before the tables", () => {
    const live = snap([tbl("a", [id, moodCol])], { enums: enumsOf(["mood", ["ok", "sad"]]) });
    const target = snap([tbl("a", [id, moodCol]), tbl("b", [id, moodCol])], {
      enums: enumsOf(["mood", ["ok", "sad", "glad"]]),
    });
    const result = diff(live, target);
    expect(result.upgrade[0]).toEqual({
      kind: "alterEnum",
      name: "mood",
      values: ["ok", "sad", "glad"],
      existing: ["ok", "sad"],
    });
    expect(show(result.upgrade)).toEqual(["enum mood ok,sad,glad", "create b []"]);
    expect(result.changes[0]).toMatchObject({
      kind: "alterEnum",
      description: "alter enum mood: (ok, sad) → (ok, sad, glad)",
    });
    const removed = diff(target, live);
    expect(removed.changes[0]?.destructive).toBe(
      "removes 'glad' from enum mood: fails if rows use them",
    );
  });

  test("a new enum comes with its first column; a dropped one goes with its last", () => {
    const live = snap([tbl("a", [id])]);
    const target = snap([tbl("a", [id, moodCol])], { enums: enumsOf(["mood", ["ok"]]) });
    const added = diff(live, target);
    expect(added.changes.map((c) => [c.kind, c.description, c.upgrade.length])).toEqual([
      ["addEnum", "add enum mood (ok) (with the first column that uses it)", 0],
      ["addColumn", "add column a.m mood", 1],
    ]);
    const dropped = diff(target, live);
    expect(dropped.changes.map((c) => c.kind)).toEqual(["dropEnum", "dropColumn"]);
    expect(dropped.upgrade).toMatchObject([
      { kind: "dropColumn", existing: { type: t.enum("mood", ["ok"]) } },
    ]);
  });

  test("an enum no column uses is left alone, with a warning", () => {
    const live = snap([], { enums: enumsOf(["stale", ["x"]]) });
    const result = compareSchemas({ live, target: snap([]), declared: { tables: [] } });
    expect(result.upgrade).toEqual([]);
    expect(result.warnings).toEqual([
      "enum stale is used by no column autogenerate compares; it is left alone",
    ]);
  });
});
