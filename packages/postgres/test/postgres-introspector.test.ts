import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("introspect");

describe("introspect", () => {
  test("serial and identity columns are autoincrement with no default", async () => {
    await h.connection().execute(`
      CREATE TABLE counter (
        a serial,
        b bigint GENERATED ALWAYS AS IDENTITY,
        c integer DEFAULT 3,
        d integer DEFAULT nextval('counter_a_seq'::regclass)
      )`);
    const [table] = (await h.snapshot()).tables;
    expect(table!.columns.map((c) => [c.name, c.autoincrement, c.default, c.nullable])).toEqual([
      ["a", true, null, false],
      ["b", true, null, false],
      ["c", false, "3", true],
      ["d", true, null, true],
    ]);
  });

  test("tables sort by name; options.tables and options.exclude choose them", async () => {
    await h.connection().execute(`
      CREATE TABLE zeta (id int); CREATE TABLE "Alpha" (id int); CREATE TABLE beta (id int);
      CREATE VIEW a_view AS SELECT 1 AS x; CREATE SEQUENCE a_seq;
      CREATE TABLE parted (id int) PARTITION BY RANGE (id);
      CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);`);
    const names = async (options?: Parameters<typeof h.snapshot>[0]) =>
      (await h.snapshot(options)).tables.map((x) => x.name);
    expect(await names()).toEqual(["Alpha", "beta", "parted", "zeta"]);
    expect(await names({ tables: ["zeta", "beta", "nope"] })).toEqual(["beta", "zeta"]);
    expect(await names({ exclude: ["zeta"] })).toEqual(["Alpha", "beta", "parted"]);
    expect(await names({ tables: [] })).toEqual([]);
  });

  test("another schema: read by name; a key into it names the schema", async () => {
    await h.connection().execute(`
      CREATE SCHEMA other;
      CREATE TABLE other.target (id int PRIMARY KEY);
      CREATE TYPE other.kind AS ENUM ('x');
      CREATE TABLE source (t int REFERENCES other.target ON UPDATE SET DEFAULT, k other.kind);`);
    const here = await h.snapshot();
    expect(here.enums).toEqual([]);
    expect(here.tables[0]!.columns[1]!.type).toBe("other.kind");
    expect(here.tables[0]!.foreignKeys).toEqual([
      {
        name: "source_t_fkey",
        columns: ["t"],
        referencedTable: "target",
        referencedSchema: "other",
        referencedColumns: ["id"],
        onDelete: "no action",
        onUpdate: "set default",
      },
    ]);
    const there = await h.snapshot({ schema: "other" });
    expect(there.enums).toEqual([{ name: "kind", schema: "other", values: ["x"] }]);
    expect(there.tables.map((x) => [x.schema, x.name])).toEqual([["other", "target"]]);
  });

  test("enum values in their sort order; indexes: constraint-owned ones left out", async () => {
    await h.connection().execute(`
      CREATE TYPE level AS ENUM ('low', 'high');
      ALTER TYPE level ADD VALUE 'mid' BEFORE 'high';
      CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int, d int, EXCLUDE USING btree (c WITH =));
      CREATE UNIQUE INDEX t_b_d ON t (d, b) INCLUDE (c) WHERE d > 0;
      CREATE INDEX t_expr ON t ((c + d), a DESC);`);
    const snapshot = await h.snapshot();
    expect(snapshot.enums).toEqual([{ name: "level", values: ["low", "mid", "high"] }]);
    expect(snapshot.tables[0]!.uniques).toEqual([{ name: "t_b_key", columns: ["b"] }]);
    expect(snapshot.tables[0]!.indexes).toEqual([
      { name: "t_b_d", columns: ["d", "b"], unique: true, where: "d > 0" },
      { name: "t_expr", columns: ["(c + d)", "a"], unique: false, where: null },
    ]);
  });

  test("two reads of the same schema are deeply equal", async () => {
    await h.connection().execute(`
      CREATE TABLE b (id int PRIMARY KEY, x int CHECK (x > 0), y int CHECK (y > 0));
      CREATE TABLE a (id int REFERENCES b, k int, CONSTRAINT z UNIQUE (id), CONSTRAINT m UNIQUE (k, id));`);
    const first = await h.snapshot();
    expect(first.tables.map((x) => x.name)).toEqual(["a", "b"]);
    expect(first.tables[0]!.uniques.map((u) => u.name)).toEqual(["m", "z"]);
    expect(first.tables[1]!.checks.map((c) => c.name)).toEqual(["b_x_check", "b_y_check"]);
    expect(await h.snapshot()).toEqual(first);
  });
});
