import { BatchOperations, type Dialect, type Operation, t } from "@mig/core";
import { expect } from "vitest";
import { type CaseContext, COLUMNS, LEGACY, type OperationCase } from "./operation-case.js";
import { columnOf, tableOf } from "./schema-read.js";

const param = (dialect: Dialect, i: number) => (dialect.placeholder === "$n" ? `$${i}` : "?");

const comment = (n: CaseContext["n"], text: string | null, existing: string | null): Operation => ({
  kind: "setTableComment",
  table: { name: n("parent") },
  comment: text,
  existing,
});

/** Several changes to child in one batchAlterTable, each reversible. */
function batch({ n }: CaseContext): Operation {
  const b = new BatchOperations({ name: n("child") });
  b.addColumn("extra", { type: t.varchar(10), default: "e" });
  b.alterColumn("note", { type: t.varchar(40), existing: COLUMNS.childNote });
  b.alterColumn("qty", { nullable: true, existing: COLUMNS.childQty });
  b.operations.push({ kind: "dropColumn", table: b.table, column: "legacy", existing: LEGACY });
  b.createIndex(n("ix_child_note"), ["note"]);
  b.createUniqueConstraint(n("uq_child_parent_note"), ["parent_id", "note"]);
  b.createCheckConstraint(n("ck_child_qty_small"), "qty < 1000");
  return { kind: "batch", table: b.table, operations: b.operations, recreate: "auto" };
}

export const DATA_CASES: readonly OperationCase[] = [
  {
    name: "setTableComment: set (nothing changes where comments are not kept)",
    up: ({ n }) => [comment(n, "parent's rows", null)],
    check(c) {
      const kept = c.dialect.capabilities.comments;
      if (!kept) return expect(c.after).toEqual(c.before);
      expect(tableOf(c.after, c.n("parent")).comment).toBe("parent's rows");
    },
  },
  {
    name: "setTableComment: drop, with existing",
    setup: ({ n }) => [comment(n, "old comment", null)],
    up: ({ n }) => [comment(n, null, "old comment")],
    check(c) {
      if (!c.dialect.capabilities.comments) return expect(c.after).toEqual(c.before);
      expect(tableOf(c.before, c.n("parent")).comment).toBe("old comment");
      expect(tableOf(c.after, c.n("parent")).comment).toBeNull();
    },
  },
  {
    name: "execute with parameters in the dialect's placeholder style",
    changesRows: true,
    up: ({ n, dialect }) => [
      {
        kind: "execute",
        sql: `INSERT INTO ${dialect.qualify({ name: n("parent") })} (${["id", "name", "code"].map((x) => dialect.quoteIdentifier(x)).join(", ")}) VALUES (${[1, 2, 3].map((i) => param(dialect, i)).join(", ")})`,
        params: [4, "it's four; ü", null],
      },
    ],
    down: ({ n, dialect }) => [
      {
        kind: "execute",
        sql: `DELETE FROM ${dialect.qualify({ name: n("parent") })} WHERE ${dialect.quoteIdentifier("id")} = ${param(dialect, 1)}`,
        params: [4],
      },
    ],
    check(c) {
      const rows = c.rowsAfter[c.n("parent")]!;
      expect(rows.slice(0, 3)).toEqual(c.rowsBefore[c.n("parent")]);
      expect(rows.slice(3).map((r) => [Number(r.id), r.name, r.code])).toEqual([
        [4, "it's four; ü", null],
      ]);
    },
  },
  {
    name: "bulkInsert: rows with quotes, nulls and non-ASCII text",
    changesRows: true,
    up: ({ n }) => [
      {
        kind: "bulkInsert",
        table: { name: n("child") },
        rows: [
          { id: 100, parent_id: 1, qty: 1, note: "it's", legacy: null },
          { id: 101, parent_id: null, qty: 2, note: 'say "hi"', legacy: 9 },
          { id: 102, parent_id: 3, qty: 3, note: "naïve 表 ü", legacy: null },
        ],
      },
    ],
    down: ({ n, dialect }) => [
      {
        kind: "execute",
        sql: `DELETE FROM ${dialect.qualify({ name: n("child") })} WHERE ${dialect.quoteIdentifier("id")} >= 100`,
      },
    ],
    check(c) {
      const rows = c.rowsAfter[c.n("child")]!;
      expect(rows.slice(0, 3)).toEqual(c.rowsBefore[c.n("child")]);
      const added = rows
        .slice(3)
        .map((r) =>
          [r.id, r.parent_id, r.qty, r.note, r.legacy].map((v) =>
            v === null || typeof v === "string" ? v : Number(v),
          ),
        );
      expect(added).toEqual([
        [100, 1, 1, "it's", null],
        [101, null, 2, 'say "hi"', 9],
        [102, 3, 3, "naïve 表 ü", null],
      ]);
    },
  },
  {
    name: "batch: add, alter, drop a column, index and constraints in one batchAlterTable",
    up: (c) => [batch(c)],
    check(c) {
      const child = tableOf(c.after, c.n("child"));
      expect(child.columns.map((col) => col.name)).toEqual([
        "id",
        "parent_id",
        "qty",
        "note",
        "extra",
      ]);
      expect(columnOf(c.after, c.n("child"), "note").type).toContain("40");
      expect(columnOf(c.after, c.n("child"), "qty").nullable).toBe(true);
      expect(child.indexes).toContainEqual(
        expect.objectContaining({ name: c.n("ix_child_note"), columns: ["note"] }),
      );
      expect(child.uniques).toContainEqual({
        name: c.n("uq_child_parent_note"),
        columns: ["parent_id", "note"],
      });
      expect(child.checks.map((k) => k.name)).toContain(c.n("ck_child_qty_small"));
      expect(child.primaryKey?.columns).toEqual(["id"]);
      expect(c.rowsAfter[c.n("child")]!.map((r) => r.extra)).toEqual(["e", "e", "e"]);
    },
  },
];
