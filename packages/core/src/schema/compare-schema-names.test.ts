import { describe, expect, test } from "vitest";
import { col, declaredFrom, snap, tbl } from "../../test/schema-fixtures.js";
import { compareSchemas } from "./compare-schemas.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";

const id = col("id", "integer", { nullable: false });
const inSales = tbl("t", [id], { schema: "sales" });

function diff(live: SchemaSnapshot, target: SchemaSnapshot, createsSchemas = true) {
  return compareSchemas({ live, target, declared: declaredFrom(target), createsSchemas });
}

describe("a declared table in a schema the database has nothing in", () => {
  test("the schema is created first and dropped after the downgrade's last table", () => {
    const result = diff(
      snap([], { defaultSchema: "public" }),
      snap([inSales], { defaultSchema: "public" }),
    );
    expect(result.upgrade.map((op) => op.kind)).toEqual(["createSchema", "createTable"]);
    expect(result.upgrade[0]).toEqual({ kind: "createSchema", name: "sales" });
    expect(result.downgrade.map((op) => op.kind)).toEqual(["dropTable", "dropSchema"]);
    expect(result.changes.map((c) => c.description)).toEqual([
      "add schema sales",
      "add table sales.t (1 column)",
    ]);
    expect(result.warnings).toEqual([]);
  });

  test("a schema the database has a table, an enum or a view in is left alone", () => {
    const target = snap([inSales, tbl("u", [id], { schema: "sales" })], {
      defaultSchema: "public",
    });
    for (const live of [
      snap([tbl("u", [id], { schema: "sales" })], { defaultSchema: "public" }),
      snap([], { defaultSchema: "public", enums: [{ name: "e", schema: "sales", values: ["a"] }] }),
      snap([], {
        defaultSchema: "public",
        unsupported: [{ kind: "view", name: "v", schema: "sales" }],
      }),
    ]) {
      expect(diff(live, target).upgrade.some((op) => op.kind === "createSchema")).toBe(false);
    }
  });

  test("the default schema, and a dialect that does not make schemas: a warning instead", () => {
    const live = snap([], { defaultSchema: "public" });
    const inDefault = diff(
      live,
      snap([tbl("t", [id], { schema: "public" })], { defaultSchema: "public" }),
    );
    expect(inDefault.upgrade.map((op) => op.kind)).toEqual(["createTable"]);
    const mysql = diff(snap([]), snap([inSales]), false);
    expect(mysql.upgrade.map((op) => op.kind)).toEqual(["createTable"]);
    expect(mysql.warnings).toEqual([
      "the database has nothing in schema sales: make sure it exists before this migration runs",
    ]);
  });
});
