import { BatchOperations, type Operation, t, tableDefinition } from "@mig/core";
import { expect } from "vitest";
import type { CaseContext, OperationCase } from "./operation-case.js";
import { columnOf, tableOf } from "./schema-read.js";

/** Names with every quote character, brackets, spaces, reserved words and non-ASCII. */
export const AWKWARD = {
  table: 'naïve_表 "select"',
  renamed: "order 'ü' [x]",
  reserved: "group",
  quoted: `it's "ü"`,
  tick: "back`tick [1]",
  added: `ü 'new' "col"`,
  renamedColumn: "select",
  index: `ix "naïve" 'q'`,
  unique: "uq `order` [ü]",
  tableIndex: "ix `group`",
  batchColumn: "order",
  batchIndex: "ix [select] ü",
  batchUnique: `uq "group" 'b'`,
} as const;

const A = AWKWARD;

function awkwardTable({ n }: CaseContext) {
  return tableDefinition(
    n(A.table),
    [
      { name: "id", type: "integer", primaryKey: true },
      { name: A.reserved, type: t.varchar(20) },
      { name: A.quoted, type: "integer" },
      { name: A.tick, type: t.varchar(20) },
    ],
    { indexes: [{ name: n(A.tableIndex), columns: [A.reserved] }] },
  );
}

const on = ({ n }: CaseContext) => ({ name: n(A.table) });

function withRows(c: CaseContext): Operation[] {
  return [
    { kind: "createTable", definition: awkwardTable(c) },
    {
      kind: "bulkInsert",
      table: on(c),
      rows: [
        { id: 1, [A.reserved]: "g1", [A.quoted]: 10, [A.tick]: "it's" },
        { id: 2, [A.reserved]: "g2", [A.quoted]: null, [A.tick]: "表" },
      ],
    },
  ];
}

const columnNames = (c: Parameters<OperationCase["check"]>[0], table = A.table) =>
  tableOf(c.after, c.n(table)).columns.map((col) => col.name);

export const IDENTIFIER_CASES: readonly OperationCase[] = [
  {
    name: "identifiers: createTable",
    up: (c) => [{ kind: "createTable", definition: awkwardTable(c) }],
    check(c) {
      expect(columnNames(c)).toEqual(["id", A.reserved, A.quoted, A.tick]);
      expect(tableOf(c.after, c.n(A.table)).indexes).toContainEqual(
        expect.objectContaining({ name: c.n(A.tableIndex), columns: [A.reserved] }),
      );
    },
  },
  {
    name: "identifiers: addColumn",
    setup: withRows,
    up: (c) => [
      {
        kind: "addColumn",
        table: on(c),
        column: { name: A.added, type: "integer", nullable: true },
      },
    ],
    check(c) {
      expect(columnNames(c)).toEqual(["id", A.reserved, A.quoted, A.tick, A.added]);
    },
  },
  {
    name: "identifiers: alterColumn rename",
    setup: withRows,
    up: (c) => [
      {
        kind: "alterColumn",
        table: on(c),
        column: A.tick,
        changes: { newName: A.renamedColumn },
        existing: { type: t.varchar(20), nullable: true, default: null, comment: null },
      },
    ],
    check(c) {
      expect(columnNames(c)).toEqual(["id", A.reserved, A.quoted, A.renamedColumn]);
      const rows = c.rowsAfter[c.n(A.table)]!;
      expect(rows.map((r) => r[A.renamedColumn])).toEqual(["it's", "表"]);
    },
  },
  {
    name: "identifiers: createIndex",
    setup: withRows,
    up: (c) => [
      {
        kind: "createIndex",
        table: on(c),
        index: { name: c.n(A.index), columns: [A.quoted, A.tick] },
      },
    ],
    check(c) {
      expect(tableOf(c.after, c.n(A.table)).indexes).toContainEqual(
        expect.objectContaining({ name: c.n(A.index), columns: [A.quoted, A.tick] }),
      );
    },
  },
  {
    name: "identifiers: createUniqueConstraint",
    setup: withRows,
    up: (c) => [
      {
        kind: "createUniqueConstraint",
        table: on(c),
        constraint: { name: c.n(A.unique), columns: [A.reserved, A.quoted] },
      },
    ],
    check(c) {
      expect(tableOf(c.after, c.n(A.table)).uniques).toContainEqual({
        name: c.n(A.unique),
        columns: [A.reserved, A.quoted],
      });
    },
  },
  {
    name: "identifiers: renameTable",
    setup: withRows,
    up: (c) => [{ kind: "renameTable", table: on(c), newName: c.n(A.renamed) }],
    check(c) {
      expect(c.after.tables.map((x) => x.name)).toContain(c.n(A.renamed));
      expect(c.after.tables.map((x) => x.name)).not.toContain(c.n(A.table));
      expect(c.rowsAfter[c.n(A.renamed)]).toEqual(c.rowsBefore[c.n(A.table)]);
      expect(tableOf(c.after, c.n(A.renamed)).indexes.map((i) => i.name)).toEqual([
        c.n(A.tableIndex),
      ]);
    },
  },
  {
    name: "identifiers: batch",
    setup: withRows,
    up(c) {
      const b = new BatchOperations(on(c));
      b.addColumn(A.batchColumn, { type: t.varchar(10) });
      b.alterColumn(A.quoted, {
        newName: A.added,
        existing: { type: "integer", nullable: true, default: null, comment: null },
      });
      b.createIndex(c.n(A.batchIndex), [A.batchColumn, A.reserved]);
      b.createUniqueConstraint(c.n(A.batchUnique), [A.tick]);
      return [{ kind: "batch", table: b.table, operations: b.operations, recreate: "auto" }];
    },
    check(c) {
      expect(columnNames(c)).toEqual(["id", A.reserved, A.added, A.tick, A.batchColumn]);
      const table = tableOf(c.after, c.n(A.table));
      expect(table.indexes).toContainEqual(
        expect.objectContaining({ name: c.n(A.batchIndex), columns: [A.batchColumn, A.reserved] }),
      );
      expect(table.uniques).toContainEqual({ name: c.n(A.batchUnique), columns: [A.tick] });
      expect(columnOf(c.after, c.n(A.table), A.added).type).toBe(
        columnOf(c.before, c.n(A.table), A.quoted).type,
      );
      expect(c.rowsAfter[c.n(A.table)]!.map((r) => r[A.added])).toEqual(
        c.rowsBefore[c.n(A.table)]!.map((r) => r[A.quoted]),
      );
    },
  },
];
