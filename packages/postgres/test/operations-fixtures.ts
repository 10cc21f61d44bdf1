import { sql, t, tableDefinition } from "@mig/core";

export const parent = tableDefinition("parent", {
  id: { type: "integer", primaryKey: true, autoincrement: true },
  name: { type: t.varchar(40), nullable: false },
});

/** Every portable type, defaults of each kind, an identity key and the table-level extras. */
export const everyType = tableDefinition(
  "every_type",
  {
    id: { type: "bigint", primaryKey: true, autoincrement: true, comment: "the key" },
    small: { type: "smallint" },
    count: { type: "integer", nullable: false, default: 7 },
    big: { type: "bigint", default: 9007199254740993n },
    body: { type: "text", default: "it's" },
    flag: { type: "boolean", default: true },
    ratio: { type: "real" },
    score: { type: "double" },
    born: { type: "date" },
    at: { type: "time" },
    at_tz: { type: t.time({ withTimeZone: true }) },
    ts: { type: "timestamp" },
    created: { type: "timestamptz", nullable: false, default: sql("now()") },
    doc: { type: "json" },
    docb: { type: "jsonb", default: sql("'{}'::jsonb") },
    uid: { type: "uuid" },
    bytes: { type: "blob" },
    code: { type: t.varchar(20), unique: "every_type_code_key" },
    free: { type: t.varchar() },
    fixed: { type: t.char(3) },
    price: { type: t.numeric(10, 2) },
    mood: { type: t.enum("mood", ["happy", "sad"]), default: "happy" },
    addr: { type: t.raw("inet") },
    parent_id: {
      type: "integer",
      references: {
        table: "parent",
        column: "id",
        name: "every_type_parent_fk",
        onDelete: "cascade",
      },
    },
  },
  {
    comment: "every type",
    checks: [{ name: "price_positive", expression: "price > 0" }],
    indexes: [{ name: "every_type_born_code", columns: ["born", "code"] }],
  },
);
