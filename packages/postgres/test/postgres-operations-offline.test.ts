import { type Operation, sql, t, tableDefinition } from "@mig/core";
import { describe, expect, test } from "vitest";
import { everyType, parent } from "./operations-fixtures.js";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_offline");

describe("offline SQL", () => {
  const item = { name: "every_type" };
  const gone = tableDefinition("gone", { state: { type: t.enum("gone_state", ["x"]) } });
  /** A migration's worth of every operation kind (CONCURRENTLY aside: a script runs in one transaction). */
  const script: Operation[] = [
    { kind: "createTable", definition: parent },
    { kind: "createTable", definition: everyType },
    { kind: "createTable", definition: gone },
    { kind: "dropTable", table: { name: "gone" }, existing: gone },
    {
      kind: "addColumn",
      table: item,
      column: { name: "tag", type: t.enum("tag", ["t"]), nullable: true },
    },
    {
      kind: "addColumn",
      table: item,
      column: { name: "extra", type: "text", nullable: false, default: "x", comment: "c" },
    },
    {
      kind: "alterColumn",
      table: item,
      column: "extra",
      changes: {
        type: t.enum("extra_kind", ["x", "y"]),
        using: "extra::extra_kind",
        default: null,
      },
    },
    {
      kind: "alterColumn",
      table: item,
      column: "body",
      changes: { nullable: false, default: sql("'b'"), comment: null, newName: "text" },
    },
    {
      kind: "dropColumn",
      table: item,
      column: "mood",
      existing: everyType.columns.find((c) => c.name === "mood"),
    },
    {
      kind: "createIndex",
      table: item,
      index: { name: "item_expr", columns: [sql("lower(free)")], where: "flag" },
    },
    {
      kind: "createIndex",
      table: item,
      index: { name: "item_u", columns: ["small", "count"], unique: true },
    },
    { kind: "dropIndex", name: "every_type_born_code" },
    {
      kind: "createUniqueConstraint",
      table: item,
      constraint: { name: "item_uid", columns: ["uid"] },
    },
    {
      kind: "createCheckConstraint",
      table: item,
      constraint: { name: "item_small", expression: "small < 100" },
    },
    { kind: "dropConstraint", table: item, name: "price_positive" },
    { kind: "dropConstraint", table: item, name: "every_type_pkey" },
    {
      kind: "createPrimaryKey",
      table: item,
      constraint: { name: "item_pk", columns: ["id", "count"] },
    },
    { kind: "dropConstraint", table: item, name: "every_type_parent_fk" },
    {
      kind: "createForeignKey",
      table: item,
      constraint: {
        name: "item_parent",
        columns: ["parent_id"],
        references: { name: "parent" },
        referencedColumns: ["id"],
        onDelete: "set null",
        onUpdate: "cascade",
      },
    },
    { kind: "setTableComment", table: item, comment: "items" },
    { kind: "renameTable", table: item, newName: "item" },
    { kind: "bulkInsert", table: { name: "parent" }, rows: [{ name: "p1" }, { name: "p'2" }] },
    {
      kind: "execute",
      sql: "INSERT INTO item (parent_id, price, extra) VALUES ($1, $2, $3)",
      params: [1, "9.5", "y"],
    },
    {
      kind: "batch",
      table: { name: "parent" },
      recreate: "auto",
      operations: [
        {
          kind: "addColumn",
          table: { name: "parent" },
          column: { name: "n", type: "integer", nullable: true },
        },
        {
          kind: "createIndex",
          table: { name: "parent" },
          index: { name: "parent_n", columns: ["n"] },
        },
      ],
    },
  ];

  test("every operation as --sql text builds the same schema and rows as online", async () => {
    const read = async () => ({
      snapshot: await h.snapshot(),
      parents: await h.connection().query("SELECT * FROM parent ORDER BY id"),
      items: await h.connection().query("SELECT parent_id, price, extra, text FROM item"),
    });
    for (const op of script) await h.op().invoke(op);
    const online = await read();
    expect(online.snapshot.tables.map((x) => x.name)).toEqual(["item", "parent"]);
    expect(online.snapshot.enums.map((e) => e.name)).toEqual(["extra_kind", "tag"]);
    expect(online.items).toEqual([{ parent_id: 1, price: "9.50", extra: "y", text: "b" }]);

    const text = await h.offlineSql(script);
    await h.reset();
    await h.connection().execute(text);
    expect(await read()).toEqual(online);
  });
});
