import { type Operation, sql, t, tableDefinition } from "@mig/core";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_names");

/** Names that break naive quoting: quotes, spaces, dollar quotes, keywords, non-ASCII. */
const TABLE = `we"ird 'tab' $$ select`;
const REF = "order";
const ORDER = "order";
const NAIVE = "naïve_表";
const ODD = `co"l 'x' $$`;
const ENUM = `mo"od $$ 'x' $mig$`;
const VALUES = ["it's", "$$", `"q"`, "$mig$", NAIVE, "end; DROP TABLE x; --"];
const q = (name: string) => h.dialect.quoteIdentifier(name);

const referenced = tableDefinition(REF, {
  select: { type: "integer", primaryKey: true, autoincrement: true },
});

const weird = tableDefinition(
  TABLE,
  {
    [ORDER]: { type: "integer", nullable: false },
    [NAIVE]: { type: t.enum(ENUM, VALUES), default: "it's", comment: `c'o"m $$` },
    [ODD]: { type: "integer", references: { table: REF, column: "select", name: `fk "q" $$` } },
    select: { type: "text", comment: "$$ 'c' $$" },
  },
  {
    comment: `t'a"b $$`,
    primaryKey: { name: `pk "q" 'x'`, columns: [ORDER] },
    uniques: [{ name: `uq ${NAIVE} "q"`, columns: [NAIVE, ORDER] }],
    checks: [{ name: `ck $$ 'q'`, expression: `${q(ORDER)} > 0` }],
    indexes: [
      { name: `ix "q" $$ 'x'`, columns: [sql(`abs(${q(ODD)})`)], where: `${q(ORDER)} > 1` },
    ],
  },
);

describe("identifiers", () => {
  test("createTable: every name comes back exactly, and the reverse drops it all", async () => {
    await h.op().invoke({ kind: "createTable", definition: referenced });
    await h.roundTrip({ kind: "createTable", definition: weird }, (after) => {
      expect(after.enums).toEqual([{ name: ENUM, values: VALUES }]);
      const table = after.tables.find((x) => x.name === TABLE)!;
      expect(table.comment).toBe(`t'a"b $$`);
      expect(table.columns.map((c) => c.name)).toEqual([ORDER, NAIVE, ODD, "select"]);
      expect(table.columns[1]).toMatchObject({
        type: `"mo""od $$ 'x' $mig$"`,
        default: `'it''s'::"mo""od $$ 'x' $mig$"`,
        comment: `c'o"m $$`,
      });
      expect(table.primaryKey).toEqual({ name: `pk "q" 'x'`, columns: [ORDER] });
      expect(table.uniques).toEqual([{ name: `uq ${NAIVE} "q"`, columns: [NAIVE, ORDER] }]);
      expect(table.checks).toEqual([{ name: `ck $$ 'q'`, expression: `"order" > 0` }]);
      expect(table.foreignKeys).toEqual([
        {
          name: `fk "q" $$`,
          columns: [ODD],
          referencedTable: REF,
          referencedColumns: ["select"],
          onDelete: "no action",
          onUpdate: "no action",
        },
      ]);
      expect(table.indexes).toMatchObject([
        {
          name: `ix "q" $$ 'x'`,
          columns: [`abs("co""l 'x' $$")`],
          unique: false,
          where: `"order" > 1`,
        },
      ]);
    });
  });

  const table = { name: TABLE };
  const column = { name: `new "c" $$`, type: t.enum(`e2 "x"`, ["a'b"]), nullable: true };
  /** Each operation, a name (or comment) it brings or takes away, and which. */
  const operations: readonly [Operation, string, "appears" | "goes"][] = [
    [{ kind: "renameTable", table, newName: `${NAIVE} "2"` }, `${NAIVE} "2"`, "appears"],
    [{ kind: "addColumn", table, column }, `e2 "x"`, "appears"],
    [
      { kind: "dropColumn", table, column: "select", existing: weird.columns[3] },
      "$$ 'c' $$",
      "goes",
    ],
    [
      {
        kind: "alterColumn",
        table,
        column: NAIVE,
        changes: { newName: `${NAIVE}'`, comment: "x", default: null },
        existing: { comment: `c'o"m $$`, default: "it's" },
      },
      `${NAIVE}'`,
      "appears",
    ],
    [
      {
        kind: "createIndex",
        table,
        index: { name: `i "2"`, columns: [ORDER, NAIVE], unique: true },
      },
      `i "2"`,
      "appears",
    ],
    [
      { kind: "dropIndex", name: `ix "q" $$ 'x'`, table, existing: weird.indexes[0] },
      `ix "q" $$ 'x'`,
      "goes",
    ],
    [
      { kind: "createUniqueConstraint", table, constraint: { name: `u "2" $$`, columns: [ORDER] } },
      `u "2" $$`,
      "appears",
    ],
    [
      {
        kind: "createCheckConstraint",
        table,
        constraint: { name: `c "2" $$`, expression: `${q(ORDER)} < 1000` },
      },
      `c "2" $$`,
      "appears",
    ],
    [
      {
        kind: "dropConstraint",
        table,
        name: `pk "q" 'x'`,
        existing: { type: "primary", ...weird.primaryKey! },
      },
      `pk "q" 'x'`,
      "goes",
    ],
    [
      { kind: "setTableComment", table, comment: "$$ ' \"", existing: `t'a"b $$` },
      "$$ ' \"",
      "appears",
    ],
  ];

  test("every other operation on odd names, each reversed", async () => {
    await h.op().invoke({ kind: "createTable", definition: referenced });
    await h.op().invoke({ kind: "createTable", definition: weird });
    for (const [op, name, change] of operations) {
      await h.roundTrip(op, (after, before) => {
        const has = (snapshot: unknown) => JSON.stringify(snapshot).includes(JSON.stringify(name));
        expect([has(before), has(after)], `${op.kind} ${name}`).toEqual(
          change === "appears" ? [false, true] : [true, false],
        );
      });
    }
    const rows = [{ [ORDER]: 5, [NAIVE]: "$mig$", [ODD]: null, select: "'$1'" }];
    await h.op().invoke({ kind: "bulkInsert", table, rows });
    const read = await h.connection().query(`SELECT * FROM ${q(TABLE)}`);
    expect(read).toEqual(rows);
  });

  test("the same operations as --sql text build the same schema", async () => {
    const script: Operation[] = [
      { kind: "createTable", definition: referenced },
      { kind: "createTable", definition: weird },
      // Renames last, so the other operations still find their names.
      ...[1, 2, 4, 5, 6, 7, 8, 9, 3, 0].map((i) => operations[i]![0]),
    ];
    for (const op of script) await h.op().invoke(op);
    const online = await h.snapshot();
    const text = await h.offlineSql(script);
    await h.reset();
    await h.connection().execute(text);
    expect(await h.snapshot()).toEqual(online);
  });

  test("a schema with an odd name holds the table and its enum type", async () => {
    const schema = `sch "q" $$ ${NAIVE}`;
    await h.connection().execute(`CREATE SCHEMA ${q(schema)}`);
    const def = tableDefinition(
      { name: TABLE, schema },
      { [ORDER]: { type: t.enum(ENUM, VALUES), default: "$$" } },
    );
    await h.roundTrip(
      { kind: "createTable", definition: def },
      (after) => {
        expect(after.tables.map((x) => [x.schema, x.name])).toEqual([[schema, TABLE]]);
        expect(after.enums).toEqual([{ name: ENUM, schema, values: VALUES }]);
      },
      { schema },
    );
  });
});
