import { describe, expect, test } from "vitest";
import type { Operation } from "./operation.js";
import { tableDefinition } from "./operation-specs.js";
import { reverseOperation } from "./reverse.js";

const table = { name: "t" };
const def = tableDefinition("t", { id: { type: "integer", primaryKey: true } });

describe("reverseOperation", () => {
  const pairs: [string, Operation][] = [
    ["createTable", { kind: "createTable", definition: def }],
    ["renameTable", { kind: "renameTable", table, newName: "u" }],
    [
      "addColumn",
      { kind: "addColumn", table, column: { name: "c", type: "text", nullable: true } },
    ],
    ["createIndex", { kind: "createIndex", table, index: { name: "ix", columns: ["id"] } }],
    [
      "createPrimaryKey",
      { kind: "createPrimaryKey", table, constraint: { name: "pk", columns: ["id"] } },
    ],
    [
      "createForeignKey",
      {
        kind: "createForeignKey",
        table,
        constraint: {
          name: "fk",
          columns: ["a"],
          references: { name: "p" },
          referencedColumns: ["id"],
          onDelete: "cascade",
        },
      },
    ],
    [
      "createUniqueConstraint",
      { kind: "createUniqueConstraint", table, constraint: { name: "uq", columns: ["a"] } },
    ],
    [
      "createCheckConstraint",
      { kind: "createCheckConstraint", table, constraint: { name: "ck", expression: "a > 0" } },
    ],
    ["setTableComment", { kind: "setTableComment", table, comment: "new", existing: null }],
    [
      "alterColumn",
      {
        kind: "alterColumn",
        table,
        column: "a",
        changes: { type: "bigint", nullable: false, default: 1, newName: "b", comment: "c" },
        existing: { type: "integer", nullable: true, default: null, comment: null },
      },
    ],
  ];

  test.each(pairs)("%s reverses, and the reverse reverses back to it", (_, op) => {
    const back = reverseOperation(op);
    expect(back).toBeDefined();
    const again = reverseOperation(back!);
    expect(again && strip(again)).toEqual(strip(op));
  });

  test("the alterColumn reverse renames back and restores every changed attribute", () => {
    const back = reverseOperation(pairs[9]![1]);
    expect(back).toMatchObject({
      kind: "alterColumn",
      column: "b",
      changes: { type: "integer", nullable: true, default: null, newName: "a", comment: null },
    });
  });

  test("dropping an unnamed constraint (SQLite) reverses to creating it unnamed", () => {
    const fk = {
      columns: ["a"],
      references: { name: "p" },
      referencedColumns: ["id"],
      onDelete: "cascade" as const,
    };
    const drops: [Operation, Operation][] = [
      [
        {
          kind: "dropConstraint",
          table,
          name: "t_a_key",
          type: "unique",
          existing: { type: "unique", columns: ["a"] },
        },
        { kind: "createUniqueConstraint", table, constraint: { name: undefined, columns: ["a"] } },
      ],
      [
        {
          kind: "dropConstraint",
          table,
          name: "t_a_fkey",
          type: "foreign",
          existing: { type: "foreign", ...fk },
        },
        { kind: "createForeignKey", table, constraint: fk },
      ],
      [
        {
          kind: "dropConstraint",
          table,
          name: "t_check",
          type: "check",
          existing: { type: "check", expression: "a > 0" },
        },
        {
          kind: "createCheckConstraint",
          table,
          constraint: { name: undefined, expression: "a > 0" },
        },
      ],
    ];
    for (const [drop, create] of drops) expect(reverseOperation(drop)).toEqual(create);
  });

  const irreversible: [string, Operation][] = [
    ["dropTable without its definition", { kind: "dropTable", table }],
    ["dropColumn without the column", { kind: "dropColumn", table, column: "c" }],
    ["dropIndex without the index", { kind: "dropIndex", name: "ix", table }],
    ["dropConstraint without the constraint", { kind: "dropConstraint", table, name: "ck" }],
    [
      "an unnamed constraint",
      { kind: "createUniqueConstraint", table, constraint: { columns: ["a"] } },
    ],
    [
      "alterColumn without the old type",
      { kind: "alterColumn", table, column: "a", changes: { type: "text" } },
    ],
    ["raw SQL", { kind: "execute", sql: "SELECT 1" }],
    ["inserted rows", { kind: "bulkInsert", table, rows: [{ a: 1 }] }],
    ["a comment without the old one", { kind: "setTableComment", table, comment: "x" }],
  ];

  test.each(irreversible)("%s has no reverse", (_, op) => {
    expect(reverseOperation(op)).toBeUndefined();
  });

  test("a batch reverses each change, last first", () => {
    const back = reverseOperation({
      kind: "batch",
      table,
      recreate: "auto",
      operations: [pairs[2]![1], pairs[3]![1]],
    });
    expect(back?.kind === "batch" && back.operations.map((o) => o.kind)).toEqual([
      "dropIndex",
      "dropColumn",
    ]);
  });
});

/** Drops `existing` and undefined fields: what matters is the change itself. */
function strip(op: Operation): unknown {
  return JSON.parse(JSON.stringify({ ...op, existing: undefined }));
}
