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

  describe("an unnamed constraint is found by its definition", () => {
    const unnamed = tableDefinition(
      "u",
      {
        id: { type: "integer", primaryKey: true },
        a: { type: "text", unique: true },
        b: { type: "integer", references: { table: "p", column: "id" } },
        c: { type: "integer", references: { table: "q", column: "id" } },
      },
      { checks: [{ expression: "b > 0" }, { expression: "b < 9" }] },
    );
    const u = { name: "u" };
    const drop = (existing: object) =>
      applyToTable(unnamed, {
        kind: "dropConstraint",
        table: u,
        name: "made_up",
        existing: existing as never,
      });

    test("unique: same columns, case aside", () => {
      expect(drop({ type: "unique", columns: ["A"] }).uniques).toEqual([]);
    });

    test("foreign key: same columns and referenced table and columns", () => {
      const next = drop({
        type: "foreign",
        columns: ["c"],
        references: { name: "q" },
        referencedColumns: ["id"],
      });
      expect(next.foreignKeys.map((fk) => fk.references.name)).toEqual(["p"]);
    });

    test("check: same expression", () => {
      expect(drop({ type: "check", expression: "b  <  9" }).checks).toEqual([
        { expression: "b > 0" },
      ]);
    });

    test.each([
      ["unique on other columns", { type: "unique", columns: ["b"] }],
      [
        "foreign key to another table",
        { type: "foreign", columns: ["c"], references: { name: "p" }, referencedColumns: ["id"] },
      ],
      ["check with another expression", { type: "check", expression: "b > 1" }],
    ])("%s is a clear error", (_, existing) => {
      expect(() => drop(existing)).toThrow('Table "u" has no constraint "made_up".');
    });
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
