import { t, tableDefinition } from "@mig/core";
import { describe, expect, test } from "vitest";
import { everyType, parent } from "./operations-fixtures.js";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_tables");

describe("createTable / dropTable", () => {
  test("createTable builds every portable type, default, key, constraint, comment and index", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    await h.roundTrip({ kind: "createTable", definition: everyType }, (after) => {
      expect(after.enums).toEqual([{ name: "mood", values: ["happy", "sad"] }]);
      const table = after.tables.find((x) => x.name === "every_type")!;
      expect(table.comment).toBe("every type");
      expect(table.columns.map((c) => [c.name, c.type, c.nullable, c.default])).toEqual([
        ["id", "bigint", false, null],
        ["small", "smallint", true, null],
        ["count", "integer", false, "7"],
        ["big", "bigint", true, "'9007199254740993'::bigint"],
        ["body", "text", true, "'it''s'::text"],
        ["flag", "boolean", true, "true"],
        ["ratio", "real", true, null],
        ["score", "double precision", true, null],
        ["born", "date", true, null],
        ["at", "time without time zone", true, null],
        ["at_tz", "time with time zone", true, null],
        ["ts", "timestamp without time zone", true, null],
        ["created", "timestamp with time zone", false, "now()"],
        ["doc", "json", true, null],
        ["docb", "jsonb", true, "'{}'::jsonb"],
        ["uid", "uuid", true, null],
        ["bytes", "bytea", true, null],
        ["code", "character varying(20)", true, null],
        ["free", "character varying", true, null],
        ["fixed", "character(3)", true, null],
        ["price", "numeric(10,2)", true, null],
        ["mood", "mood", true, "'happy'::mood"],
        ["addr", "inet", true, null],
        ["parent_id", "integer", true, null],
      ]);
      expect(table.columns[0]).toMatchObject({ autoincrement: true, comment: "the key" });
      expect(table.columns.filter((c) => c.autoincrement).map((c) => c.name)).toEqual(["id"]);
      expect(table.primaryKey).toEqual({ name: "every_type_pkey", columns: ["id"] });
      expect(table.uniques).toEqual([{ name: "every_type_code_key", columns: ["code"] }]);
      expect(table.checks).toEqual([{ name: "price_positive", expression: "price > 0::numeric" }]);
      expect(table.foreignKeys).toEqual([
        {
          name: "every_type_parent_fk",
          columns: ["parent_id"],
          referencedTable: "parent",
          referencedColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "no action",
        },
      ]);
      expect(table.indexes).toMatchObject([
        { name: "every_type_born_code", columns: ["born", "code"], unique: false, where: null },
      ]);
    });
  });

  test("the on delete action of a foreign key works on rows", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    await h.op().invoke({ kind: "createTable", definition: everyType });
    const c = h.connection();
    await c.execute("INSERT INTO parent (name) VALUES ('p')");
    await c.execute("INSERT INTO every_type (parent_id, price) SELECT id, 1 FROM parent");
    await c.execute("DELETE FROM parent");
    expect(await c.query("SELECT * FROM every_type")).toEqual([]);
  });

  test("dropTable with the table's definition drops its enum type and reverses", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    await h.op().invoke({ kind: "createTable", definition: everyType });
    await h.roundTrip(
      { kind: "dropTable", table: { name: "every_type" }, existing: everyType },
      (after) => {
        expect(after.tables.map((x) => x.name)).toEqual(["parent"]);
        expect(after.enums).toEqual([]);
      },
    );
  });

  test("dropTable keeps an enum type another table still uses", async () => {
    const mood = t.enum("mood", ["happy", "sad"]);
    const a = tableDefinition("a", { m: { type: mood } });
    const b = tableDefinition("b", { m: { type: mood } });
    await h.op().invoke({ kind: "createTable", definition: a });
    await h.op().invoke({ kind: "createTable", definition: b });
    await h.op().invoke({ kind: "dropTable", table: { name: "a" }, existing: a });
    expect((await h.snapshot()).enums).toEqual([{ name: "mood", values: ["happy", "sad"] }]);
    await h.op().invoke({ kind: "dropTable", table: { name: "b" }, existing: b });
    expect((await h.snapshot()).enums).toEqual([]);
  });

  test("createTable in another schema puts its enum type there", async () => {
    const schema = "other sch";
    await h.connection().execute(`CREATE SCHEMA "other sch"`);
    await h.op().invoke({ kind: "createTable", definition: parent });
    const def = tableDefinition(
      "item",
      {
        id: { type: "integer", primaryKey: true },
        state: { type: t.enum("state", ["on", "off"]), nullable: false, default: "on" },
        parent_id: { type: "integer", references: { table: "parent", column: "id" } },
      },
      { schema },
    );
    await h.roundTrip(
      { kind: "createTable", definition: def },
      (after) => {
        expect(after.enums).toEqual([{ name: "state", schema, values: ["on", "off"] }]);
        const [item] = after.tables;
        expect(item).toMatchObject({ name: "item", schema });
        expect(item!.columns[1]).toMatchObject({
          type: '"other sch".state',
          default: `'on'::"other sch".state`,
        });
        expect(item!.foreignKeys[0]).toMatchObject({
          referencedTable: "parent",
          referencedSchema: "public",
        });
      },
      { schema },
    );
    expect((await h.snapshot()).enums).toEqual([]);
  });

  test("renameTable", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    await h.roundTrip(
      { kind: "renameTable", table: { name: "parent" }, newName: "mother" },
      (a) => {
        expect(a.tables.map((x) => x.name)).toEqual(["mother"]);
      },
    );
  });

  test("setTableComment sets and drops a comment", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const table = { name: "parent" };
    await h.roundTrip({ kind: "setTableComment", table, comment: "it's", existing: null }, (a) => {
      expect(a.tables[0]!.comment).toBe("it's");
    });
    await h.op().invoke({ kind: "setTableComment", table, comment: "old" });
    await h.roundTrip({ kind: "setTableComment", table, comment: null, existing: "old" }, (a) => {
      expect(a.tables[0]!.comment).toBeNull();
    });
  });
});
