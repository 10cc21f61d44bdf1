import { parseDatabaseUrl } from "@mig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

const dialect = createDialect();
let db: TestDatabase;
let source: MysqlConnectionSource;

beforeAll(async () => {
  db = await createTestDatabase("conn");
  source = await connect(db.url);
});

afterAll(async () => {
  await source?.close();
  await db?.drop();
});

async function withConnection<T>(
  fn: (c: Awaited<ReturnType<MysqlConnectionSource["acquire"]>>) => Promise<T>,
) {
  const c = await source.acquire();
  try {
    return await fn(c);
  } finally {
    await c.release();
  }
}

describe("MySQL connection (real server)", () => {
  it("executes and queries with ? parameters", async () => {
    await withConnection(async (c) => {
      await c.execute(
        "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50), born DATETIME(3))",
      );
      const born = new Date("2001-02-03T04:05:06.789Z");
      expect(
        await c.execute("INSERT INTO people VALUES (?, ?, ?), (?, ?, ?)", [
          1,
          "O'Brien \\ ?",
          born,
          2,
          "b",
          null,
        ]),
      ).toBe(2);
      expect(await c.execute("UPDATE people SET name = ? WHERE id > ?", ["z", 0])).toBe(2);
      const rows = await c.query<{ id: number; name: string; born: Date | null }>(
        "SELECT id, name, born FROM people WHERE id = ? OR name = 'what?' ORDER BY id",
        [1],
      );
      expect(rows).toEqual([{ id: 1, name: "z", born }]);
      expect(await c.query("UPDATE people SET name = 'y'")).toEqual([]);
    });
  });

  it("round-trips strings with quotes, backslashes and newlines through literals", async () => {
    await withConnection(async (c) => {
      const text = 'it\'s \\ a "test"\n\r\0 ` ? ok';
      const rows = await c.query<{ v: string }>(`SELECT ${dialect.literal(text)} AS v`);
      expect(rows[0]!.v).toBe(text);
    });
  });

  it("runs several statements in one execute (a SQL migration section)", async () => {
    await withConnection(async (c) => {
      const changed = await c.execute(
        "CREATE TABLE multi (id INT PRIMARY KEY);\nINSERT INTO multi VALUES (1), (2);\nINSERT INTO multi VALUES (3);",
      );
      expect(changed).toBe(3);
      expect(await c.query("SELECT id FROM multi ORDER BY id")).toEqual([
        { id: 1 },
        { id: 2 },
        { id: 3 },
      ]);
      expect(await c.query("SELECT 1 AS a; SELECT 2 AS b")).toEqual([{ b: 2 }]);
    });
  });

  it("names the failing statement of a batch and keeps the ones before it", async () => {
    await withConnection(async (c) => {
      const error = await c
        .execute(
          "CREATE TABLE half_a (id INT); CREATE TABLE half_b (id INT); CREATE TABLE half_a (id INT); CREATE TABLE half_c (id INT)",
        )
        .catch((e: unknown) => e as Error);
      expect((error as Error).message).toMatch(
        /Table 'half_a' already exists \(statement 3 of this batch; the 2 before it already ran\)/,
      );
      expect(await dialect.hasTable(c, { name: "half_b" })).toBe(true);
      expect(await dialect.hasTable(c, { name: "half_c" })).toBe(false);
    });
  });

  it("can refuse several statements in one call, and take driver options", async () => {
    const strict = createDialect({ multipleStatements: false, driver: { dateStrings: true } });
    const one = await strict.connect(parseDatabaseUrl(db.url), { pool: { poolSize: 1 } });
    try {
      const c = await one.acquire();
      await expect(c.execute("SELECT 1; SELECT 2")).rejects.toThrow(/SQL syntax/);
      expect(await c.query("SELECT CAST('2001-02-03 04:05:06' AS DATETIME) AS d")).toEqual([
        { d: "2001-02-03 04:05:06" },
      ]);
      await c.release();
    } finally {
      await one.close();
    }
  });

  it("does not roll back DDL (transactionalDDL: false)", async () => {
    expect(dialect.capabilities.transactionalDDL).toBe(false);
    await withConnection(async (c) => {
      await c.begin();
      await c.execute("CREATE TABLE survives (id INT)");
      await c.rollback();
      expect(await dialect.hasTable(c, { name: "survives" })).toBe(true);
    });
  });

  it("rolls back row changes", async () => {
    await withConnection(async (c) => {
      await c.execute("CREATE TABLE rows_tx (id INT) ENGINE=InnoDB");
      await c.begin();
      await c.execute("INSERT INTO rows_tx VALUES (1)");
      await c.rollback();
      await c.begin();
      await c.execute("INSERT INTO rows_tx VALUES (2)");
      await c.commit();
      expect(await c.query("SELECT id FROM rows_tx")).toEqual([{ id: 2 }]);
    });
  });

  it("commitAndBegin commits and opens the next transaction, with or without batches", async () => {
    const strict = createDialect({ multipleStatements: false });
    const one = await strict.connect(parseDatabaseUrl(db.url), { pool: { poolSize: 1 } });
    try {
      for (const [name, from] of [
        ["batched", source],
        ["one statement per call", one],
      ] as const) {
        const c = await from.acquire();
        try {
          const table = `tx_${name.length}`;
          await c.execute(`CREATE TABLE ${table} (id INT) ENGINE=InnoDB`);
          await c.begin();
          await c.execute(`INSERT INTO ${table} VALUES (1)`);
          await c.commitAndBegin();
          await c.execute(`INSERT INTO ${table} VALUES (2)`);
          await c.rollback();
          expect(await c.query(`SELECT id FROM ${table}`), name).toEqual([{ id: 1 }]);
        } finally {
          await c.release();
        }
      }
    } finally {
      await one.close();
    }
  });

  it("hasTable honours the schema (a database) and defaults to the URL's", async () => {
    await withConnection(async (c) => {
      await c.execute("CREATE TABLE present (id INT)");
      expect(await dialect.hasTable(c, { name: "present" })).toBe(true);
      expect(await dialect.hasTable(c, { name: "present", schema: db.name })).toBe(true);
      expect(await dialect.hasTable(c, { name: "present", schema: "mysql" })).toBe(false);
      expect(await dialect.hasTable(c, { name: "absent" })).toBe(false);
      expect(await dialect.hasTable(c, { name: "user", schema: "mysql" })).toBe(true);
    });
  });

  it("quotes identifiers with backticks and quotes in them", async () => {
    const table = { name: 'we`ird "name"', schema: db.name };
    const column = dialect.quoteIdentifier("it's `col`");
    await withConnection(async (c) => {
      await c.execute(`CREATE TABLE ${dialect.qualify(table)} (${column} VARCHAR(20))`);
      await c.execute(`INSERT INTO ${dialect.qualify(table)} (${column}) VALUES (?)`, ["v"]);
      expect(await dialect.hasTable(c, table)).toBe(true);
      expect(await dialect.hasTable(c, { name: table.name })).toBe(true);
      expect(await c.query(`SELECT ${column} FROM ${dialect.qualify(table)}`)).toEqual([
        { "it's `col`": "v" },
      ]);
      const names = await c.query<{ n: string }>(
        "SELECT table_name AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'we%'",
      );
      expect(names.map((r) => r.n)).toEqual(['we`ird "name"']);
    });
  });

  it("creates, fills and reads the version table through its SQL", async () => {
    const t = { name: "mig_version" };
    const sql = dialect.versionTable;
    await withConnection(async (c) => {
      expect(await dialect.hasTable(c, t)).toBe(false);
      await c.execute(sql.create(t));
      await c.execute(sql.insert(t, "ae1027a6acf0"));
      expect(await c.execute(sql.update(t, "ae1027a6acf0", "1975ea83b712"))).toBe(1);
      expect(await c.query(sql.select(t))).toEqual([{ version_num: "1975ea83b712" }]);
      expect(await c.execute(sql.delete(t, "nope"))).toBe(0);
      const engine = await c.query<{ e: string }>(
        "SELECT engine AS e FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'mig_version'",
      );
      expect(engine[0]!.e).toBe("InnoDB");
    });
  });

  it("gives back a session with an open transaction rolled back, and refuses use after release", async () => {
    const one = await connect(db.url, { poolSize: 1, maxOverflow: 0 });
    try {
      const c = await one.acquire();
      await c.execute("CREATE TABLE reset_tx (id INT) ENGINE=InnoDB");
      await c.begin();
      await c.execute("INSERT INTO reset_tx VALUES (1)");
      const thread = c.threadId;
      await c.release();
      await expect(c.query("SELECT 1")).rejects.toThrow(/already given back/);
      const again = await one.acquire();
      expect(again.threadId).toBe(thread);
      expect(await again.query("SELECT COUNT(*) AS n FROM reset_tx")).toEqual([{ n: 0 }]);
      await again.release();
    } finally {
      await one.close();
    }
  });

  it("replaces a session the server closed, even without prePing", async () => {
    const plain = await connect(db.url, { poolSize: 1, maxOverflow: 0 });
    try {
      const c = await plain.acquire();
      const thread = c.threadId;
      await c.release();
      await withConnection((k) => k.execute(`KILL ${thread}`));
      await new Promise((r) => setTimeout(r, 100));
      const again = await plain.acquire();
      expect(again.threadId).not.toBe(thread);
      await again.release();
    } finally {
      await plain.close();
    }
  });

  it("replaces a session the server killed when prePing is on", async () => {
    const pinged = await connect(db.url, { poolSize: 1, maxOverflow: 0, prePing: true });
    try {
      const c = await pinged.acquire();
      const thread = c.threadId;
      await c.release();
      await withConnection((k) => k.execute(`KILL ${thread}`));
      const again = await pinged.acquire();
      expect(again.threadId).not.toBe(thread);
      expect(await again.query("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
      await again.release();
    } finally {
      await pinged.close();
    }
  });
});
