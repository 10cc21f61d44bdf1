import type { Queryable } from "@mig/core";
import { describe, expect, it } from "vitest";
import { dialect, useHarness } from "./operations-harness.js";

const h = useHarness("real");

async function run(...statements: string[]): Promise<void> {
  for (const s of statements) await h().connection.execute(s);
}

async function tableOf(name: string) {
  const found = (await h().snapshot()).tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const key = (column: string, more: object = {}) => ({
  column,
  expression: null,
  descending: false,
  length: null,
  opclass: null,
  collation: null,
  ...more,
});

describe("introspect on schemas written by hand", () => {
  it("reads FULLTEXT and SPATIAL indexes, prefix lengths and DESC keys", async () => {
    await run(
      "CREATE TABLE docs (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, place POINT NOT NULL, FULLTEXT KEY docs_ft (title, body), SPATIAL KEY docs_place (place), KEY docs_title (title(10), id DESC))",
    );
    const docs = await tableOf("docs");
    expect(docs.indexes).toEqual([
      {
        name: "docs_ft",
        columns: ["title", "body"],
        keys: [key("title"), key("body")],
        unique: false,
        where: null,
        method: "fulltext",
        include: [],
      },
      {
        // MariaDB reports a SUB_PART of 32 for a spatial key; nobody wrote it.
        name: "docs_place",
        columns: ["place"],
        keys: [key("place")],
        unique: false,
        where: null,
        method: "spatial",
        include: [],
      },
      {
        name: "docs_title",
        columns: ["title", "id"],
        keys: [key("title", { length: 10 }), key("id", { descending: true })],
        unique: false,
        where: null,
        method: null,
        include: [],
      },
    ]);
  });

  it("reads a unique key with a prefix as a unique index, and a plain one as a unique constraint", async () => {
    await run("CREATE TABLE u (a VARCHAR(50), b INT, UNIQUE KEY u_a (a(5)), UNIQUE KEY u_b (b))");
    const u = await tableOf("u");
    expect(u.uniques).toEqual([{ name: "u_b", columns: ["b"] }]);
    expect(u.indexes).toMatchObject([
      { name: "u_a", unique: true, keys: [{ column: "a", length: 5 }] },
    ]);
  });

  it("reads generated columns as generated, with no default", async () => {
    await run(
      "CREATE TABLE g (a INT NOT NULL, v INT AS (a * 2) VIRTUAL, s INT AS (a + 1) STORED, p INT AS (a - 1) PERSISTENT)",
    );
    const g = await tableOf("g");
    expect(g.columns.map((c) => [c.name, c.generated, c.default])).toEqual([
      ["a", null, null],
      ["v", { expression: "`a` * 2", stored: false }, null],
      ["s", { expression: "`a` + 1", stored: true }, null],
      ["p", { expression: "`a` - 1", stored: true }, null],
    ]);
  });

  it("reads a column's collation only when it is not the table's", async () => {
    await run(
      "CREATE TABLE c (a VARCHAR(10) COLLATE utf8mb4_bin, b VARCHAR(10), c VARCHAR(10) CHARACTER SET latin1, d VARCHAR(10) COLLATE utf8mb4_unicode_ci) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
    );
    const c = await tableOf("c");
    expect(c.columns.map((x) => [x.name, x.collation])).toEqual([
      ["a", "utf8mb4_bin"],
      ["b", null],
      ["c", "latin1_swedish_ci"],
      ["d", null],
    ]);
  });

  it("reads DEFAULT NULL as no default, current_timestamp() in one spelling, and json as json", async () => {
    await run(
      "CREATE TABLE d (a INT NULL DEFAULT NULL, b VARCHAR(5) DEFAULT 'NULL', t TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, u DATETIME(3) DEFAULT NOW(3), j JSON, k LONGTEXT, CONSTRAINT k_len CHECK (length(k) < 10))",
    );
    const d = await tableOf("d");
    expect(d.columns.map((x) => [x.name, x.type, x.default, x.collation])).toEqual([
      ["a", "int(11)", null, null],
      ["b", "varchar(5)", "'NULL'", null],
      ["t", "timestamp", "current_timestamp() ON UPDATE current_timestamp()", null],
      ["u", "datetime(3)", "current_timestamp(3)", null],
      // MariaDB's JSON is LONGTEXT, utf8mb4_bin and a json_valid() check: all of it is "json".
      ["j", "json", null, null],
      ["k", "longtext", null, null],
    ]);
    expect(d.checks).toEqual([{ name: "k_len", expression: "octet_length(`k`) < 10" }]);
  });

  it("keeps a MariaDB JSON column JSON when alterColumn restates it", async () => {
    await run("CREATE TABLE jd (id INT PRIMARY KEY, doc JSON)");
    await h().run({
      kind: "alterColumn",
      table: { name: "jd" },
      column: "doc",
      changes: { nullable: false },
    });
    const jd = await tableOf("jd");
    expect(jd.columns[1]).toMatchObject({ name: "doc", type: "json", nullable: false });
    await expect(run("INSERT INTO jd VALUES (1, 'not json')")).rejects.toThrow(/CONSTRAINT/);
  });

  it("leaves out the indexes MySQL makes for foreign keys, and keeps the user's", async () => {
    await run(
      "CREATE TABLE p (id INT PRIMARY KEY, code INT, UNIQUE KEY p_code (code))",
      "CREATE TABLE ch (id INT PRIMARY KEY, a INT, b INT, c INT, CONSTRAINT ch_a_fk FOREIGN KEY (a) REFERENCES p (id), FOREIGN KEY (b) REFERENCES p (id), KEY ch_c_idx (c), FOREIGN KEY (c) REFERENCES p (code))",
      "CREATE TABLE ch2 (id INT PRIMARY KEY, b INT, b_2 INT, KEY b (b_2), FOREIGN KEY (b) REFERENCES p (id))",
    );
    const ch = await tableOf("ch");
    expect(ch.foreignKeys.map((f) => f.name)).toEqual(["ch_a_fk", "ch_ibfk_1", "ch_ibfk_2"]);
    expect(ch.indexes.map((i) => i.name)).toEqual(["ch_c_idx"]);
    // The index MySQL made is named b_2 here (b was taken by the user's index on b_2).
    const ch2 = await tableOf("ch2");
    expect(ch2.indexes.map((i) => [i.name, i.columns])).toEqual([["b", ["b_2"]]]);
    expect((await tableOf("p")).uniques).toEqual([{ name: "p_code", columns: ["code"] }]);
  });

  it("keeps a user's index named after a foreign key's column where another index serves the key", async () => {
    // The primary key starts with a, so MySQL made no index for the key: `a` is the user's
    // (MySQL's world sample: countrylanguage's KEY CountryCode).
    await run(
      "CREATE TABLE p (id INT PRIMARY KEY)",
      "CREATE TABLE c (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b), KEY a (a), CONSTRAINT c_fk FOREIGN KEY (a) REFERENCES p (id))",
    );
    expect((await tableOf("c")).indexes.map((i) => [i.name, i.columns])).toEqual([["a", ["a"]]]);
    // Dropping the key leaves the user's index alone.
    await h().run({ kind: "dropConstraint", table: { name: "c" }, name: "c_fk" });
    const indexes = await h().connection.query<{ n: string }>(
      "SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' ORDER BY 1",
    );
    expect(indexes.map((r) => r.n)).toEqual(["a", "PRIMARY"]);
  });

  it("drops the index MySQL made for an unnamed foreign key along with the key", async () => {
    await run(
      "CREATE TABLE p (id INT PRIMARY KEY)",
      "CREATE TABLE ch (id INT PRIMARY KEY, r INT, s INT, FOREIGN KEY (r) REFERENCES p (id), FOREIGN KEY (s) REFERENCES p (id))",
      // MariaDB replaces ch_ibfk_2's index s by one named ch_s_again, which both keys use.
      "ALTER TABLE ch ADD CONSTRAINT ch_s_again FOREIGN KEY (s) REFERENCES p (id)",
    );
    await h().run({ kind: "dropConstraint", table: { name: "ch" }, name: "ch_ibfk_1" });
    // Another key still needs the index on s: it stays.
    await h().run({ kind: "dropConstraint", table: { name: "ch" }, name: "ch_ibfk_2" });
    const indexes = await h().connection.query<{ n: string }>(
      "SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'ch' ORDER BY 1",
    );
    expect(indexes.map((r) => r.n)).toEqual(["ch_s_again", "PRIMARY"]);
    expect((await tableOf("ch")).indexes).toEqual([]);
  });

  it("reports views, triggers, routines, events, sequences and partitioned tables as unsupported", async () => {
    await run(
      "CREATE TABLE base (id INT PRIMARY KEY, n INT)",
      "CREATE TABLE parts (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2",
      "CREATE VIEW base_view AS SELECT id FROM base",
      "CREATE TRIGGER base_touch BEFORE INSERT ON base FOR EACH ROW SET NEW.n = 1",
      "CREATE PROCEDURE do_nothing() BEGIN END",
      "CREATE FUNCTION one() RETURNS INT DETERMINISTIC RETURN 1",
      "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM base",
      "CREATE SEQUENCE counter",
      "CREATE TABLE hist (id INT) WITH SYSTEM VERSIONING",
    );
    const snapshot = await h().snapshot();
    // A partitioned or system-versioned table is still a table; what it adds is reported.
    expect(snapshot.tables.map((t) => t.name)).toEqual(["base", "hist", "parts"]);
    expect(snapshot.unsupported).toEqual([
      { kind: "event", name: "nightly" },
      { kind: "function", name: "one" },
      { kind: "partitioned table", name: "parts", table: "parts" },
      { kind: "procedure", name: "do_nothing" },
      { kind: "sequence", name: "counter" },
      { kind: "system-versioned table", name: "hist", table: "hist" },
      { kind: "trigger", name: "base_touch", table: "base" },
      { kind: "view", name: "base_view" },
    ]);
    expect(snapshot.defaultSchema).toBeUndefined();
    const filtered = await dialect.introspect(h().connection, {
      exclude: ["base", "base_view", "hist"],
    });
    expect(filtered.unsupported.map((u) => u.name)).toEqual([
      "nightly",
      "one",
      "parts",
      "do_nothing",
      "counter",
    ]);
  });

  it("reads any number of tables with the same few queries", async () => {
    const count = async () => {
      let queries = 0;
      const counting: Queryable = {
        query: (sql, params) => {
          queries += 1;
          return h().connection.query(sql, params);
        },
      };
      await dialect.introspect(counting);
      return queries;
    };
    await run("CREATE TABLE t0 (id INT PRIMARY KEY)");
    const one = await count();
    for (let i = 1; i < 25; i++) {
      await run(
        `CREATE TABLE t${i} (id INT PRIMARY KEY, r INT, KEY (r), FOREIGN KEY (r) REFERENCES t0 (id))`,
      );
    }
    expect(await count()).toBe(one);
    expect(one).toBeLessThanOrEqual(11);
  });
});
