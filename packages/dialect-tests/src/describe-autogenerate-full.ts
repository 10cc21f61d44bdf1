import { type DeclaredTable, type DialectCapabilities, sql, t, table } from "@mig/core";

/**
 * One schema using every portable type and every constraint the dialect supports: applied
 * and left unchanged, autogenerate must find nothing to do.
 */
export function fullSchema(p: string, caps: DialectCapabilities): DeclaredTable[] {
  const comment = (text: string) => (caps.comments ? { comment: text } : {});
  const kinds = table(
    `${p}kinds`,
    {
      id: { type: "integer", primaryKey: true, autoincrement: true },
      small: { type: "smallint", nullable: false, default: -1 },
      whole: { type: "integer", default: 42 },
      big: { type: "bigint", nullable: false, default: 0 },
      words: { type: "text", ...comment("free text") },
      flag: { type: "boolean", nullable: false, default: false },
      ratio: { type: "real", default: 1.5 },
      precise: { type: "double" },
      day: { type: "date", default: "2024-01-31" },
      clock: { type: "time" },
      clock_tz: { type: t.time({ withTimeZone: true }) },
      at: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },
      at_tz: { type: "timestamptz" },
      doc: { type: "json" },
      docb: { type: "jsonb" },
      ident: { type: "uuid" },
      bytes: { type: "blob" },
      name: { type: t.varchar(100), nullable: false, default: "it's", unique: true },
      code: { type: t.char(3) },
      free: { type: t.varchar() },
      price: { type: t.numeric(10, 2), nullable: false, default: 0 },
      amount: { type: t.numeric() },
      mood: { type: t.enum(`${p}mood`, ["ok", "meh"]), nullable: false, default: "ok" },
      doubled: { type: "integer", generated: { expression: "whole * 2", stored: true } },
    },
    {
      ...comment("every type"),
      uniques: [{ name: `${p}kinds_code_uq`, columns: ["code", "day"] }],
      checks: [{ name: `${p}kinds_small_ck`, expression: "small >= -1" }, "big >= 0"],
      indexes: [{ name: `${p}kinds_at_ix`, columns: ["at", "day"] }],
    },
  );
  const nodes = table(
    `${p}nodes`,
    {
      id: { type: "integer", primaryKey: true },
      parent_id: {
        type: "integer",
        references: { table: `${p}nodes`, column: "id", onDelete: "cascade" },
      },
      kind_id: {
        type: "integer",
        references: {
          table: `${p}kinds`,
          column: "id",
          name: `${p}nodes_kind_fk`,
          onDelete: "set null",
          onUpdate: "cascade",
        },
      },
      label: { type: t.varchar(30), nullable: false },
    },
    {
      indexes: [
        { name: `${p}nodes_label_ix`, columns: ["label"] },
        { name: `${p}nodes_kl_ux`, columns: ["kind_id", "label"], unique: true },
        { name: `${p}nodes_desc_ix`, columns: [{ column: "label", descending: true }] },
        ...(caps.partialIndexes
          ? [{ name: `${p}nodes_child_ix`, columns: ["label"], where: "parent_id IS NOT NULL" }]
          : []),
        ...(caps.expressionIndexes
          ? [{ name: `${p}nodes_lower_ix`, columns: [sql("lower(label)")] }]
          : []),
      ],
    },
  );
  const lines = table(`${p}lines`, {
    order_id: { type: "integer", primaryKey: true },
    line_no: { type: "smallint", primaryKey: true },
    qty: { type: "integer", nullable: false, default: 1 },
  });
  const notes = table(
    `${p}line_notes`,
    {
      id: { type: "bigint", primaryKey: true },
      order_id: { type: "integer", nullable: false },
      line_no: { type: "smallint", nullable: false },
      body: { type: t.varchar(200) },
    },
    {
      foreignKeys: [
        {
          name: `${p}notes_line_fk`,
          columns: ["order_id", "line_no"],
          references: `${p}lines`,
          referencedColumns: ["order_id", "line_no"],
          onDelete: "cascade",
        },
      ],
    },
  );
  return [kinds, nodes, lines, notes];
}
