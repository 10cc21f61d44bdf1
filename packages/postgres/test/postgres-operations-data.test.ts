import { type Operation, t, tableDefinition } from "@mig/core";
import { describe, expect, test } from "vitest";
import { parent } from "./operations-fixtures.js";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_data");

const sample = tableDefinition("sample", {
  id: { type: "integer", primaryKey: true },
  name: { type: "text" },
  doc: { type: "jsonb" },
  born: { type: "date" },
  at: { type: "timestamptz" },
  big: { type: "bigint" },
  flag: { type: "boolean" },
  bytes: { type: "blob" },
});

const rows = [
  {
    id: 1,
    name: "it's $1 -- not a comment",
    doc: { a: [1, "x"], b: null },
    born: "2024-02-29",
    at: new Date("2024-01-02T03:04:05.678Z"),
    big: 9007199254740993n,
    flag: true,
    bytes: Buffer.from([0, 1, 254, 255]),
  },
  { id: 2, name: null, doc: null, born: null, at: null, big: null, flag: null, bytes: null },
  // Other columns: a separate INSERT.
  { id: 3, big: "-9223372036854775808" },
];

const expectedRows = [
  {
    id: 1,
    name: "it's $1 -- not a comment",
    doc: { a: [1, "x"], b: null },
    born: "2024-02-29",
    at: new Date("2024-01-02T03:04:05.678Z"),
    big: "9007199254740993",
    flag: true,
    bytes: Buffer.from([0, 1, 254, 255]),
  },
  { id: 2, name: null, doc: null, born: null, at: null, big: null, flag: null, bytes: null },
  {
    id: 3,
    name: null,
    doc: null,
    born: null,
    at: null,
    big: "-9223372036854775808",
    flag: null,
    bytes: null,
  },
];

const readSample = () =>
  h
    .connection()
    .query(
      "SELECT id, name, doc, born::text AS born, at, big, flag, bytes FROM sample ORDER BY id",
    );

describe("data", () => {
  test("bulkInsert: the rows read back, online and as offline SQL", async () => {
    const insert: Operation = { kind: "bulkInsert", table: { name: "sample" }, rows };
    await h.op().invoke({ kind: "createTable", definition: sample });
    await h.op().invoke(insert);
    expect(await readSample()).toEqual(expectedRows);

    await h.connection().execute("TRUNCATE sample");
    await h.connection().execute(await h.offlineSql([insert]));
    expect(await readSample()).toEqual(expectedRows);
  });

  test("execute with parameters, online and as offline SQL", async () => {
    const op: Operation = {
      kind: "execute",
      sql: "INSERT INTO sample (id, name, doc) VALUES ($1, $2, $3), ($1 + 1, '$2', NULL)",
      params: [5, "o'k", { k: "v" }],
    };
    const expected = [
      { id: 5, name: "o'k", doc: { k: "v" } },
      { id: 6, name: "$2", doc: null },
    ];
    await h.op().invoke({ kind: "createTable", definition: sample });
    await h.op().invoke(op);
    const read = () => h.connection().query("SELECT id, name, doc FROM sample ORDER BY id");
    expect(await read()).toEqual(expected);

    await h.connection().execute("TRUNCATE sample");
    await h.connection().execute(await h.offlineSql([op]));
    expect(await read()).toEqual(expected);
  });
});

describe("batch", () => {
  test("a batch runs each change natively and reverses as a whole", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const table = { name: "parent" };
    const batch: Operation = {
      kind: "batch",
      table,
      recreate: "auto",
      operations: [
        {
          kind: "addColumn",
          table,
          column: { name: "kind", type: t.enum("kind", ["a", "b"]), nullable: true, default: "a" },
        },
        { kind: "createIndex", table, index: { name: "parent_kind", columns: ["kind"] } },
        {
          kind: "alterColumn",
          table,
          column: "name",
          changes: { nullable: true, newName: "label" },
          existing: { nullable: false },
        },
        {
          kind: "createUniqueConstraint",
          table,
          constraint: { name: "parent_label_key", columns: ["label"] },
        },
        {
          kind: "createCheckConstraint",
          table,
          constraint: { name: "parent_label_check", expression: "label <> ''" },
        },
      ],
    };
    await h.roundTrip(batch, (after) => {
      const p = after.tables[0]!;
      expect(p.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
        ["id", "integer", false],
        ["label", "character varying(40)", true],
        ["kind", "kind", true],
      ]);
      expect(p.indexes.map((i) => i.name)).toEqual(["parent_kind"]);
      expect(p.uniques).toEqual([{ name: "parent_label_key", columns: ["label"] }]);
      expect(p.checks.map((c) => c.name)).toEqual(["parent_label_check"]);
      expect(after.enums).toEqual([{ name: "kind", values: ["a", "b"] }]);
    });
  });
});
