import { describe, expect, test } from "vitest";
import { isMigError } from "../errors/mig-error.js";
import { applyToTable } from "./apply-to-table.js";
import { tableDefinition } from "./operation-specs.js";

const table = { name: "t" };
const def = tableDefinition(
  "t",
  {
    id: { type: "integer", primaryKey: true },
    a: { type: "text", unique: "t_a_key" },
    b: { type: "integer", references: { table: "p", column: "id", name: "t_b_fkey" } },
  },
  {
    indexes: [{ name: "ix_a_b", columns: ["a", "b"] }],
    checks: [{ name: "ck", expression: "b > 0" }],
  },
);

describe("applyToTable", () => {
  test("renaming a column renames it in every constraint and index", () => {
    const next = applyToTable(def, {
      kind: "alterColumn",
      table,
      column: "a",
      changes: { newName: "z", nullable: false, default: "x" },
    });
    expect(next.columns.map((c) => c.name)).toEqual(["id", "z", "b"]);
    expect(next.columns[1]).toMatchObject({ nullable: false, default: "x" });
    expect(next.uniques[0]?.columns).toEqual(["z"]);
    expect(next.indexes[0]?.columns).toEqual(["z", "b"]);
  });

  test("dropping a column drops the constraints and indexes on it", () => {
    const next = applyToTable(def, { kind: "dropColumn", table, column: "b" });
    expect(next.columns.map((c) => c.name)).toEqual(["id", "a"]);
    expect(next.foreignKeys).toEqual([]);
    expect(next.indexes).toEqual([]);
    expect(next.uniques).toHaveLength(1);
  });

  test("dropConstraint finds a constraint of any kind by name", () => {
    expect(applyToTable(def, { kind: "dropConstraint", table, name: "ck" }).checks).toEqual([]);
    expect(
      applyToTable(def, { kind: "dropConstraint", table, name: "t_b_fkey" }).foreignKeys,
    ).toEqual([]);
  });

  test.each([
    ["a missing column", { kind: "dropColumn", table, column: "nope" }],
    [
      "a duplicate column",
      { kind: "addColumn", table, column: { name: "a", type: "text", nullable: true } },
    ],
    ["a missing constraint", { kind: "dropConstraint", table, name: "nope" }],
    ["a missing index", { kind: "dropIndex", name: "nope", table }],
  ] as const)("%s is a clear error", (_, op) => {
    let error: unknown;
    try {
      applyToTable(def, op);
    } catch (e) {
      error = e;
    }
    expect(isMigError(error) && error.code).toBe("schema_mismatch");
  });
});
