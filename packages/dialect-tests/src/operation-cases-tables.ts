import { type Operation, sql, t, tableDefinition } from "@mig/core";
import { expect } from "vitest";
import { type CaseContext, COLUMNS, LEGACY, type OperationCase } from "./operation-case.js";
import { columnOf, tableOf } from "./schema-read.js";

/** A table with every portable type, each kind of default, keys, a check, comments, an index. */
function everything({ n }: CaseContext) {
  return tableDefinition(
    n("everything"),
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      s: { type: "smallint" },
      i: { type: "integer", nullable: false },
      b: { type: "bigint" },
      tx: { type: "text", comment: "free text, it's long" },
      vc: { type: t.varchar(30) },
      ch: { type: t.char(3) },
      bo: { type: "boolean" },
      nu: { type: t.numeric(10, 2) },
      re: { type: "real" },
      db: { type: "double" },
      da: { type: "date" },
      ti: { type: "time" },
      ts: { type: "timestamp", nullable: true },
      tz: { type: "timestamptz", nullable: true },
      js: { type: "json" },
      jb: { type: "jsonb" },
      uu: { type: "uuid" },
      bl: { type: "blob" },
      en: { type: t.enum(n("mood"), ["happy", "it's sad"]) },
      rw: { type: t.raw("INTEGER") },
      status: { type: t.varchar(20), nullable: false, default: "it's new" },
      cnt: { type: "integer", nullable: false, default: 42 },
      flag: { type: "boolean", nullable: false, default: true },
      created_at: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
      parent_id: {
        type: "integer",
        references: { table: n("parent"), column: "id", onDelete: "cascade" },
      },
      email: { type: t.varchar(60), unique: n("uq_everything_email") },
    },
    {
      checks: [{ name: n("ck_everything_cnt"), expression: "cnt >= 0" }],
      indexes: [{ name: n("ix_everything_vc"), columns: ["vc"] }],
      comment: "everything's table",
    },
  );
}

/** An empty table with a bit of everything, for dropTable to drop and its reverse to rebuild. */
function doomed({ n }: CaseContext) {
  return tableDefinition(
    n("doomed"),
    {
      id: { type: "integer", primaryKey: true },
      parent_id: { type: "integer", references: { table: n("parent"), column: "id" } },
      code: { type: t.varchar(10), nullable: false, default: "x", unique: n("uq_doomed_code") },
      mood: { type: t.enum(n("doomed_mood"), ["up", "down"]) },
    },
    {
      checks: [{ name: n("ck_doomed_code"), expression: "code <> ''" }],
      indexes: [{ name: n("ix_doomed_mood"), columns: ["mood", "id"] }],
      comment: "to be dropped",
    },
  );
}

const alter =
  (
    table: string,
    column: string,
    changes: Extract<Operation, { kind: "alterColumn" }>["changes"],
    existing: Extract<Operation, { kind: "alterColumn" }>["existing"],
  ) =>
  ({ n }: CaseContext): Operation[] => [
    { kind: "alterColumn", table: { name: n(table) }, column, changes, existing },
  ];

export const TABLE_CASES: readonly OperationCase[] = [
  {
    name: "createTable: every portable type, defaults, keys, check, comments, index",
    up: (c) => [{ kind: "createTable", definition: everything(c) }],
    async check(c) {
      const name = c.n("everything");
      const table = tableOf(c.after, name);
      const def = everything(c);
      expect(table.columns.map((col) => col.name)).toEqual(def.columns.map((col) => col.name));
      for (const col of def.columns) {
        expect(columnOf(c.after, name, col.name).nullable, col.name).toBe(col.nullable);
      }
      const col = (column: string) => columnOf(c.after, name, column);
      expect(col("id").autoincrement).toBe(true);
      expect(table.primaryKey?.columns).toEqual(["id"]);
      expect(col("vc").type).toContain("30");
      expect(col("ch").type).toContain("3");
      expect(col("nu").type).toMatch(/10.*2/);
      for (const column of ["status", "cnt", "flag", "created_at"]) {
        expect(col(column).default, column).not.toBeNull();
      }
      expect(table.foreignKeys).toContainEqual(
        expect.objectContaining({
          columns: ["parent_id"],
          referencedTable: c.n("parent"),
          referencedColumns: ["id"],
          onDelete: "cascade",
        }),
      );
      expect(table.uniques).toContainEqual({
        name: c.n("uq_everything_email"),
        columns: ["email"],
      });
      expect(table.checks.map((k) => k.name)).toContain(c.n("ck_everything_cnt"));
      expect(table.indexes).toContainEqual(
        expect.objectContaining({ name: c.n("ix_everything_vc"), columns: ["vc"], unique: false }),
      );
      const comments = c.dialect.capabilities.comments;
      expect(table.comment).toBe(comments ? "everything's table" : null);
      expect(col("tx").comment).toBe(comments ? "free text, it's long" : null);
      // The defaults fill in a row that gives only the one required column.
      await c.query(
        `INSERT INTO ${c.table("everything")} (${c.id("i")}) VALUES (${c.param(1)})`,
        [7],
      );
      const [row] = await c.query(`SELECT * FROM ${c.table("everything")}`);
      expect(row?.status).toBe("it's new");
      expect(Number(row?.cnt)).toBe(42);
      expect([true, 1, "1"]).toContain(row?.flag);
      expect(row?.created_at).not.toBeNull();
      expect(row?.id).not.toBeNull();
    },
  },
  {
    name: "dropTable with existing: table, keys, index and enum go; the reverse rebuilds them",
    setup: (c) => [{ kind: "createTable", definition: doomed(c) }],
    up: (c) => [{ kind: "dropTable", table: { name: c.n("doomed") }, existing: doomed(c) }],
    check(c) {
      expect(c.after.tables.map((t) => t.name)).not.toContain(c.n("doomed"));
      expect(c.after.enums.map((e) => e.name)).not.toContain(c.n("doomed_mood"));
    },
  },
  {
    name: "renameTable: the rows move with the table",
    up: ({ n }) => [
      { kind: "renameTable", table: { name: n("bare") }, newName: n("bare_renamed") },
    ],
    check(c) {
      const names = c.after.tables.map((t) => t.name);
      expect(names).toContain(c.n("bare_renamed"));
      expect(names).not.toContain(c.n("bare"));
      expect(c.rowsAfter[c.n("bare_renamed")]).toEqual(c.rowsBefore[c.n("bare")]);
    },
  },
  {
    name: "addColumn: nullable, null in existing rows",
    up: ({ n }) => [
      {
        kind: "addColumn",
        table: { name: n("child") },
        column: { name: "extra", type: t.varchar(30), nullable: true },
      },
    ],
    check(c) {
      expect(columnOf(c.after, c.n("child"), "extra").nullable).toBe(true);
      expect(c.rowsAfter[c.n("child")]!.map((r) => r.extra)).toEqual([null, null, null]);
    },
  },
  {
    name: "addColumn: not null with a default, existing rows get it",
    up: ({ n }) => [
      {
        kind: "addColumn",
        table: { name: n("child") },
        column: { name: "status", type: t.varchar(12), nullable: false, default: "it's new" },
      },
    ],
    check(c) {
      const column = columnOf(c.after, c.n("child"), "status");
      expect(column.nullable).toBe(false);
      expect(column.default).not.toBeNull();
      expect(c.rowsAfter[c.n("child")]!.map((r) => r.status)).toEqual(Array(3).fill("it's new"));
    },
  },
  {
    name: "dropColumn with existing: the column goes, the reverse adds it back",
    up: ({ n }) => [
      { kind: "dropColumn", table: { name: n("child") }, column: "legacy", existing: LEGACY },
    ],
    check(c) {
      expect(tableOf(c.after, c.n("child")).columns.map((col) => col.name)).toEqual([
        "id",
        "parent_id",
        "qty",
        "note",
      ]);
    },
  },
  {
    name: "alterColumn: type varchar(20) -> varchar(50), values kept",
    up: alter("parent", "code", { type: t.varchar(50) }, COLUMNS.parentCode),
    check(c) {
      expect(columnOf(c.after, c.n("parent"), "code").type).toContain("50");
      expect(columnOf(c.after, c.n("parent"), "code").nullable).toBe(true);
    },
  },
  {
    name: "alterColumn: set not null",
    up: alter("bare", "label", { nullable: false }, COLUMNS.bareLabel),
    check(c) {
      expect(columnOf(c.after, c.n("bare"), "label").nullable).toBe(false);
    },
  },
  {
    name: "alterColumn: drop not null, the default stays",
    up: alter("child", "qty", { nullable: true }, COLUMNS.childQty),
    check(c) {
      const after = columnOf(c.after, c.n("child"), "qty");
      expect(after.nullable).toBe(true);
      expect(after.default).toBe(columnOf(c.before, c.n("child"), "qty").default);
    },
  },
  {
    name: "alterColumn: set a default",
    up: alter("parent", "code", { default: "zz" }, COLUMNS.parentCode),
    check(c) {
      expect(columnOf(c.after, c.n("parent"), "code").default).toContain("zz");
    },
  },
  {
    name: "alterColumn: drop the default, not null stays",
    up: alter("child", "qty", { default: null }, COLUMNS.childQty),
    check(c) {
      expect(columnOf(c.after, c.n("child"), "qty").default).toBeNull();
      expect(columnOf(c.after, c.n("child"), "qty").nullable).toBe(false);
    },
  },
  {
    name: "alterColumn: rename, values and type kept",
    up: alter("child", "note", { newName: "remark" }, COLUMNS.childNote),
    check(c) {
      const names = tableOf(c.after, c.n("child")).columns.map((col) => col.name);
      expect(names).toEqual(["id", "parent_id", "qty", "remark", "legacy"]);
      const { name: _, ...before } = columnOf(c.before, c.n("child"), "note");
      const { name: __, ...after } = columnOf(c.after, c.n("child"), "remark");
      expect(after).toEqual(before);
      const notes = c.rowsBefore[c.n("child")]!.map((r) => r.note);
      expect(c.rowsAfter[c.n("child")]!.map((r) => r.remark)).toEqual(notes);
    },
  },
  {
    name: "alterColumn: comment (nothing changes where comments are not kept)",
    up: alter("parent", "name", { comment: "the parent's name" }, COLUMNS.parentName),
    check(c) {
      if (!c.dialect.capabilities.comments) return expect(c.after).toEqual(c.before);
      expect(columnOf(c.after, c.n("parent"), "name").comment).toBe("the parent's name");
      expect(columnOf(c.after, c.n("parent"), "name").nullable).toBe(false);
    },
  },
];
