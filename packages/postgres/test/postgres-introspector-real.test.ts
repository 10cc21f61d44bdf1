import type { Queryable } from "@mig/core";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("introspect_real");

/** What sample databases have and older introspection misread. */
describe("introspect real schemas", () => {
  test("a STORED generated column is generated, not a default", async () => {
    await h.connection().execute(`
      CREATE TABLE line (qty int, price numeric, total numeric GENERATED ALWAYS AS (qty * price) STORED)`);
    const total = (await h.snapshot()).tables[0]!.columns[2]!;
    expect(total).toMatchObject({
      name: "total",
      default: null,
      autoincrement: false,
      generated: { expression: "((qty)::numeric * price)", stored: true },
    });
  });

  test("a column collation other than the type's is read; the default one is null", async () => {
    await h.connection().execute(`
      CREATE TABLE names (a text COLLATE "C", b varchar(10) COLLATE "POSIX", c text, d int)`);
    const columns = (await h.snapshot()).tables[0]!.columns;
    expect(columns.map((c) => [c.name, c.type, c.collation])).toEqual([
      ["a", "text", "C"],
      ["b", "character varying(10)", "POSIX"],
      ["c", "text", null],
      ["d", "integer", null],
    ]);
  });

  test("indexes: method, DESC, operator class, key collation, INCLUDE apart from the keys", async () => {
    await h.connection().execute(`
      CREATE TABLE doc (id int, title text, body jsonb, tags text[], created timestamptz, n int);
      CREATE INDEX doc_body ON doc USING gin (body jsonb_path_ops);
      CREATE INDEX doc_tags ON doc USING gin (tags);
      CREATE INDEX doc_hash ON doc USING hash (title);
      CREATE INDEX doc_recent ON doc (created DESC, id) INCLUDE (title, n) WHERE n > 0;
      CREATE INDEX doc_prefix ON doc (title text_pattern_ops);
      CREATE INDEX doc_c ON doc (title COLLATE "C" DESC);
      CREATE INDEX doc_lower ON doc (lower(title), (n + 1) DESC);`);
    const indexes = (await h.snapshot()).tables[0]!.indexes;
    const byName = Object.fromEntries(indexes.map((i) => [i.name, i]));
    const key = (over: object) => ({
      column: null,
      expression: null,
      descending: false,
      length: null,
      opclass: null,
      collation: null,
      ...over,
    });
    expect(byName.doc_body).toMatchObject({
      method: "gin",
      columns: ["body"],
      keys: [key({ column: "body", opclass: "jsonb_path_ops" })],
    });
    expect(byName.doc_tags).toMatchObject({ method: "gin", keys: [key({ column: "tags" })] });
    expect(byName.doc_hash).toMatchObject({ method: "hash", keys: [key({ column: "title" })] });
    expect(byName.doc_recent).toEqual({
      name: "doc_recent",
      columns: ["created", "id"],
      keys: [key({ column: "created", descending: true }), key({ column: "id" })],
      unique: false,
      where: "n > 0",
      method: null,
      include: ["title", "n"],
    });
    expect(byName.doc_prefix!.keys).toEqual([
      key({ column: "title", opclass: "text_pattern_ops" }),
    ]);
    expect(byName.doc_c!.keys).toEqual([
      key({ column: "title", collation: "C", descending: true }),
    ]);
    expect(byName.doc_lower).toMatchObject({
      method: null,
      columns: ["lower(title)", "(n + 1)"],
      keys: [key({ expression: "lower(title)" }), key({ expression: "(n + 1)", descending: true })],
    });
  });

  test("a table an extension owns names it; the extension's own objects are not listed", async () => {
    await h.connection().execute(`
      CREATE EXTENSION citext;
      CREATE EXTENSION hstore;
      CREATE TABLE spatial_like (id int PRIMARY KEY);
      ALTER EXTENSION hstore ADD TABLE spatial_like;
      CREATE TABLE mine (email citext)`);
    const snapshot = await h.snapshot();
    expect(snapshot.tables.map((t) => [t.name, t.extension])).toEqual([
      ["mine", null],
      ["spatial_like", "hstore"],
    ]);
    expect(snapshot.unsupported).toEqual([]);
    expect(snapshot.enums).toEqual([]);
  });

  test("what mig does not model is listed, and partitions and child tables are not tables", async () => {
    await h.connection().execute(`
      CREATE TABLE base (id int PRIMARY KEY, period int4range,
        EXCLUDE USING gist (period WITH &&));
      CREATE VIEW v AS SELECT id FROM base;
      CREATE MATERIALIZED VIEW mv AS SELECT id FROM base;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
      CREATE PROCEDURE tidy(n int) LANGUAGE sql AS 'SELECT 1';
      CREATE TRIGGER base_touch BEFORE UPDATE ON base FOR EACH ROW EXECUTE FUNCTION touch();
      CREATE DOMAIN positive AS int CHECK (VALUE > 0);
      CREATE SEQUENCE loose_seq;
      CREATE TABLE owned (id serial, n int GENERATED ALWAYS AS IDENTITY);
      CREATE TABLE events (at date) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE child (extra int) INHERITS (base);
      CREATE FOREIGN DATA WRAPPER nowhere;
      CREATE SERVER far FOREIGN DATA WRAPPER nowhere;
      CREATE FOREIGN TABLE remote (x int) SERVER far;`);
    const snapshot = await h.snapshot();
    expect(snapshot.tables.map((t) => t.name)).toEqual(["base", "owned"]);
    expect(snapshot.unsupported).toEqual([
      { kind: "domain", name: "positive" },
      { kind: "exclusion constraint", name: "base_period_excl", table: "base" },
      { kind: "foreign table", name: "remote" },
      { kind: "function", name: "touch()" },
      { kind: "inherited table", name: "child", table: "base" },
      { kind: "materialized view", name: "mv" },
      { kind: "partition", name: "events_2024", table: "events" },
      { kind: "partitioned table", name: "events" },
      { kind: "procedure", name: "tidy(IN n integer)" },
      { kind: "sequence", name: "loose_seq" },
      { kind: "trigger", name: "base_touch", table: "base" },
      { kind: "view", name: "v" },
    ]);
    const only = await h.snapshot({ tables: ["base"] });
    expect(only.unsupported.map((u) => u.name)).toEqual([
      "base_period_excl",
      "child",
      "base_touch",
    ]);
  });

  test("defaultSchema is current_schema(), also when another schema is read", async () => {
    await h.connection().execute("CREATE SCHEMA other; CREATE TABLE other.t (id int)");
    expect((await h.snapshot()).defaultSchema).toBe("public");
    const other = await h.snapshot({ schema: "other" });
    expect(other.defaultSchema).toBe("public");
    expect(other.tables.map((t) => [t.schema, t.name])).toEqual([["other", "t"]]);
  });

  test("a fixed number of queries however many tables there are", async () => {
    const statements = ["CREATE TYPE mood AS ENUM ('a', 'b')"];
    for (let i = 0; i < 40; i++) {
      statements.push(
        `CREATE TABLE t${i} (id serial PRIMARY KEY, m mood, ref int REFERENCES t0 (id), CHECK (ref > 0))`,
        `CREATE INDEX t${i}_ref ON t${i} (ref DESC) INCLUDE (m)`,
      );
    }
    await h.connection().execute(statements.join(";\n"));
    let count = 0;
    const counting: Queryable = {
      query: (sql, params) => {
        count++;
        return h.connection().query(sql, params);
      },
    };
    const snapshot = await h.dialect.introspect(counting);
    expect(snapshot.tables).toHaveLength(40);
    expect(count).toBe(7);
  });
});
