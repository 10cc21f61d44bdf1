import { type ColumnDefinition, sql, type TableDefinition, t } from "@mig/core";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ddl_fields");

const col = (name: string, over: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  name,
  type: "integer",
  nullable: true,
  ...over,
});

const table = (over: Partial<TableDefinition>): TableDefinition => ({
  table: { name: "thing" },
  columns: [],
  foreignKeys: [],
  uniques: [],
  checks: [],
  indexes: [],
  ...over,
});

describe("column and index definitions", () => {
  test("autoincrement alone is serial; identity always / by default as declared", async () => {
    await h.op().invoke({
      kind: "createTable",
      definition: table({
        columns: [
          col("a", { autoincrement: true, nullable: false }),
          col("b", { type: "bigint", autoincrement: true, identity: "always", nullable: false }),
          col("c", { type: "smallint", autoincrement: true, identity: "by default" }),
          col("d", { type: "bigint", autoincrement: true }),
        ],
      }),
    });
    const columns = (await h.snapshot()).tables[0]!.columns;
    expect(columns.map((c) => [c.name, c.type, c.autoincrement, c.identity, c.default])).toEqual([
      ["a", "integer", true, null, null],
      ["b", "bigint", true, "always", null],
      ["c", "smallint", true, "by default", null],
      ["d", "bigint", true, null, null],
    ]);
    const [serial] = await h
      .connection()
      .query<{ seq: string | null }>("SELECT pg_get_serial_sequence('thing', 'a') AS seq");
    expect(serial!.seq).toBe("public.thing_a_seq");
  });

  test("a stored generated column and a collation come back as declared", async () => {
    await h.op().invoke({
      kind: "createTable",
      definition: table({
        columns: [
          col("n"),
          col("twice", { generated: { expression: "n * 2", stored: true } }),
          col("name", { type: "text", collation: "C" }),
        ],
      }),
    });
    const columns = (await h.snapshot()).tables[0]!.columns;
    expect(columns[1]).toMatchObject({ generated: { expression: "(n * 2)", stored: true } });
    expect(columns[2]).toMatchObject({ collation: "C", default: null });
  });

  test("a virtual generated column is refused in a plain line", async () => {
    const definition = table({
      columns: [col("n"), col("v", { generated: { expression: "n + 1", stored: false } })],
    });
    await expect(h.op().invoke({ kind: "createTable", definition })).rejects.toThrow(
      /Column "v": PostgreSQL has only STORED generated columns/,
    );
    expect((await h.snapshot()).tables).toEqual([]);
  });

  test("indexes: method, operator class, DESC, key collation and INCLUDE", async () => {
    await h.op().invoke({
      kind: "createTable",
      definition: table({
        columns: [col("id"), col("title", { type: "text" }), col("doc", { type: "jsonb" })],
        indexes: [
          {
            name: "thing_doc",
            columns: [{ column: "doc", opclass: "jsonb_path_ops" }],
            method: "gin",
          },
          {
            name: "thing_title",
            columns: [{ column: "title", collation: "C", descending: true }, "id"],
            include: ["doc"],
            where: "id > 0",
          },
          { name: "thing_lower", columns: [{ column: sql("lower(title)"), descending: true }] },
        ],
      }),
    });
    const indexes = (await h.snapshot()).tables[0]!.indexes;
    expect(indexes.map((i) => [i.name, i.method, i.columns, i.include, i.where])).toEqual([
      ["thing_doc", "gin", ["doc"], [], null],
      ["thing_lower", null, ["lower(title)"], [], null],
      ["thing_title", null, ["title", "id"], ["doc"], "id > 0"],
    ]);
    expect(indexes[0]!.keys[0]).toMatchObject({ opclass: "jsonb_path_ops" });
    expect(indexes[1]!.keys[0]).toMatchObject({ expression: "lower(title)", descending: true });
    expect(indexes[2]!.keys[0]).toMatchObject({ collation: "C", descending: true });
  });

  test("a portable type read back with readType compiles to the same catalog type", async () => {
    const spellings = [
      "smallint",
      "integer",
      "bigint",
      "text",
      "boolean",
      "real",
      "double precision",
      "date",
      "time without time zone",
      "time with time zone",
      "timestamp without time zone",
      "timestamp with time zone",
      "json",
      "jsonb",
      "uuid",
      "bytea",
      "character varying",
      "character varying(255)",
      "character(3)",
      "numeric",
      "numeric(10,2)",
      "numeric(7,0)",
    ];
    const columns = spellings.map((type, i) => col(`c${i}`, { type: t.raw(type) }));
    await h.op().invoke({ kind: "createTable", definition: table({ columns }) });
    const read = (await h.snapshot()).tables[0]!.columns.map((c) => c.type);
    expect(read).toEqual(spellings);
    const portable = read.map((type) => h.dialect.readType(type));
    expect(portable.filter((p) => p === undefined)).toEqual([]);
    const again = portable.map((type, i) => col(`c${i}`, { type: type! }));
    await h.op().invoke({
      kind: "createTable",
      definition: table({ table: { name: "again" }, columns: again }),
    });
    const back = (await h.snapshot()).tables.find((x) => x.name === "again")!.columns;
    expect(back.map((c) => c.type)).toEqual(spellings);
    for (const other of [
      "mood",
      "integer[]",
      "timestamp(3) without time zone",
      "citext",
      "bit(3)",
    ]) {
      expect(h.dialect.readType(other)).toBeUndefined();
    }
  });
});
