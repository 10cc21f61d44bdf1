import { parseDatabaseUrl } from "@mig/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDialect } from "../src/index.js";
import type { PostgresConnectionSource } from "../src/postgres-driver.js";
import { connect, createTestDatabase, type TestDatabase, withDatabase } from "./helpers.js";

const dialect = createDialect();
let db: TestDatabase;
let source: PostgresConnectionSource;

beforeAll(async () => {
  db = await createTestDatabase("conn");
  source = await connect(db.url);
});

afterAll(async () => {
  await source?.close();
  await db?.drop();
});

async function withConn<T>(
  fn: (c: Awaited<ReturnType<PostgresConnectionSource["acquire"]>>) => Promise<T>,
  from = source,
): Promise<T> {
  const c = await from.acquire();
  try {
    return await fn(c);
  } finally {
    await c.release();
  }
}

describe("a connection", () => {
  test("executes statements, binds $n parameters and returns rows", async () => {
    await withConn(async (c) => {
      expect(
        await c.execute(
          "CREATE TABLE people (id SERIAL PRIMARY KEY, name TEXT NOT NULL, data JSONB, born TIMESTAMPTZ, raw BYTEA)",
        ),
      ).toBe(0);
      expect(
        await c.execute(
          "INSERT INTO people (name, data, born, raw) VALUES ($1, $2, $3, $4), ($5, NULL, NULL, NULL)",
          [
            "Ada",
            { langs: ["en"] },
            new Date("1815-12-10T00:00:00Z"),
            Buffer.from([1, 2, 3]),
            "Grace",
          ],
        ),
      ).toBe(2);
      const rows = await c.query<{
        name: string;
        data: unknown;
        born: Date | null;
        raw: Buffer | null;
      }>("SELECT name, data, born, raw FROM people WHERE name = ANY($1) ORDER BY id", [
        ["Ada", "Grace"],
      ]);
      expect(rows.map((r) => r.name)).toEqual(["Ada", "Grace"]);
      expect(rows[0]!.data).toEqual({ langs: ["en"] });
      expect(rows[0]!.born!.toISOString()).toBe("1815-12-10T00:00:00.000Z");
      expect([...rows[0]!.raw!]).toEqual([1, 2, 3]);
      expect(await c.execute("UPDATE people SET name = upper(name)")).toBe(2);
      expect(await c.query("SELECT 1 AS one WHERE false")).toEqual([]);
    });
  });

  test("execute without parameters runs several statements in one call", async () => {
    await withConn(async (c) => {
      const changed = await c.execute(`
        CREATE TABLE multi (n INTEGER);
        INSERT INTO multi VALUES (1), (2), (3);
        UPDATE multi SET n = n * 10 WHERE n > 1;
        -- a comment with a ; in it
        DO $$ BEGIN PERFORM 1; END $$;
      `);
      expect(changed).toBe(5);
      expect(
        await c.query(
          "SELECT sum(n)::int AS total FROM multi; SELECT count(*)::int AS rows FROM multi",
        ),
      ).toEqual([{ rows: 3 }]);
    });
  });

  test("a failing statement in a batch throws the server's error", async () => {
    await withConn(async (c) => {
      await expect(c.execute("SELECT 1; SELECT * FROM no_such_table; SELECT 3")).rejects.toThrow(
        /relation "no_such_table" does not exist/,
      );
      expect(await c.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
    });
  });

  test("DDL is transactional: a rolled-back migration leaves no table", async () => {
    await withConn(async (c) => {
      await c.begin();
      await c.execute(
        "CREATE TABLE doomed (id INTEGER PRIMARY KEY); INSERT INTO doomed VALUES (1)",
      );
      await c.execute("ALTER TABLE people ADD COLUMN doomed_col INTEGER");
      expect(await dialect.hasTable(c, { name: "doomed" })).toBe(true);
      await c.rollback();
      expect(await dialect.hasTable(c, { name: "doomed" })).toBe(false);
      const cols = await c.query(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'doomed_col'",
      );
      expect(cols).toEqual([]);
      await c.begin();
      await c.execute("CREATE TABLE kept (id INTEGER)");
      await c.commit();
      expect(await dialect.hasTable(c, { name: "kept" })).toBe(true);
    });
  });

  test("COMMIT of a failed transaction is an error, not a silent rollback", async () => {
    await withConn(async (c) => {
      await c.begin();
      await c.execute("CREATE TABLE half_done (id INTEGER)");
      await expect(c.execute("SELECT * FROM missing_table")).rejects.toThrow();
      await expect(c.commit()).rejects.toMatchObject({ code: "transaction_aborted" });
      expect(await dialect.hasTable(c, { name: "half_done" })).toBe(false);
    });
  });

  test("commitAndBegin commits and opens the next transaction in one call", async () => {
    await withConn(async (c) => {
      await c.execute("CREATE TABLE two_steps (id INTEGER)");
      await c.begin();
      await c.execute("INSERT INTO two_steps VALUES (1)");
      await c.commitAndBegin();
      await c.execute("INSERT INTO two_steps VALUES (2)");
      await c.rollback();
      expect(await c.query("SELECT id FROM two_steps")).toEqual([{ id: 1 }]);
    });
  });

  test("commitAndBegin after a failed statement is an error and saves nothing", async () => {
    await withConn(async (c) => {
      await c.begin();
      await c.execute("CREATE TABLE not_saved (id INTEGER)");
      await expect(c.execute("SELECT * FROM missing_table")).rejects.toThrow();
      await expect(c.commitAndBegin()).rejects.toMatchObject({ code: "transaction_aborted" });
      // The failed transaction is gone and the next one is open: the caller rolls it back.
      expect(c.client.getTransactionStatus()).toBe("T");
      await c.rollback();
      expect(await dialect.hasTable(c, { name: "not_saved" })).toBe(false);
    });
  });

  test("a connection given back inside a transaction is rolled back before reuse", async () => {
    const small = await connect(db.url, { poolSize: 1, maxOverflow: 0 });
    try {
      const first = await small.acquire();
      const pid = first.pid;
      await first.begin();
      await first.execute("CREATE TABLE abandoned (id INTEGER)");
      await first.release();
      await withConn(async (c) => {
        expect(c.pid).toBe(pid);
        expect(c.client.getTransactionStatus()).toBe("I");
        expect(await dialect.hasTable(c, { name: "abandoned" })).toBe(false);
      }, small);
      await expect(first.query("SELECT 1")).rejects.toMatchObject({ code: "connection_released" });
    } finally {
      await small.close();
    }
  });

  test("concurrent calls on one connection run one after another", async () => {
    await withConn(async (c) => {
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => c.query<{ n: number }>("SELECT $1::int AS n, pg_sleep(0.01)", [n])),
      );
      expect(results.map((r) => r[0]!.n)).toEqual([1, 2, 3, 4]);
    });
  });
});

describe("schemas", () => {
  test("?schema= sets search_path on every new connection", async () => {
    await withConn((c) =>
      c.execute('CREATE SCHEMA "App Data"; CREATE TABLE "App Data".widgets (id INTEGER)'),
    );
    const scoped = await connect(withDatabase(db.url, db.name, { schema: "App Data" }), {
      poolSize: 3,
    });
    try {
      const conns = await Promise.all([scoped.acquire(), scoped.acquire(), scoped.acquire()]);
      for (const c of conns) {
        expect(await c.query("SELECT current_schema() AS s")).toEqual([{ s: "App Data" }]);
        expect(await dialect.hasTable(c, { name: "widgets" })).toBe(true);
        expect(await dialect.hasTable(c, { name: "people" })).toBe(false);
      }
      await conns[0]!.execute("CREATE TABLE gadgets (id INTEGER)");
      await Promise.all(conns.map((c) => c.release()));
      await withConn(async (c) => {
        expect(await dialect.hasTable(c, { name: "gadgets", schema: "App Data" })).toBe(true);
        expect(await dialect.hasTable(c, { name: "gadgets" })).toBe(false);
      });
    } finally {
      await scoped.close();
    }
  });

  test("hasTable honours the schema and defaults to current_schema()", async () => {
    await withConn(async (c) => {
      await c.execute(
        "CREATE SCHEMA ops; CREATE TABLE ops.mig_version (version_num VARCHAR(32) PRIMARY KEY); CREATE VIEW ops.v AS SELECT 1 AS x",
      );
      expect(await dialect.hasTable(c, { name: "mig_version", schema: "ops" })).toBe(true);
      expect(await dialect.hasTable(c, { name: "mig_version" })).toBe(false);
      expect(await dialect.hasTable(c, { name: "mig_version", schema: "public" })).toBe(false);
      expect(await dialect.hasTable(c, { name: "people", schema: "public" })).toBe(true);
      expect(await dialect.hasTable(c, { name: "people", schema: "nope" })).toBe(false);
      expect(await dialect.hasTable(c, { name: "v", schema: "ops" })).toBe(true);
      expect(await dialect.hasTable(c, { name: "people_id_seq" })).toBe(false);
      await c.execute("SET search_path TO ops");
      expect(await dialect.hasTable(c, { name: "mig_version" })).toBe(true);
      await c.execute("RESET search_path");
    });
  });

  test("the version-table statements work in a schema", async () => {
    await withConn(async (c) => {
      const t = { name: "mig_version", schema: "vt" };
      await c.execute("CREATE SCHEMA vt");
      await c.execute(dialect.versionTable.create(t));
      await c.execute(dialect.versionTable.insert(t, "ae1027a6acf0"));
      await c.execute(dialect.versionTable.update(t, "ae1027a6acf0", "1975ea83b712"));
      expect(await c.query(dialect.versionTable.select(t))).toEqual([
        { version_num: "1975ea83b712" },
      ]);
      await c.execute(dialect.versionTable.delete(t, "1975ea83b712"));
      expect(await c.query(dialect.versionTable.select(t))).toEqual([]);
    });
  });
});

describe("URL forms", () => {
  test("a Unix socket through ?host=<dir> (postgres:///db?host=, postgres://u:pw@/db?host=)", async () => {
    const rows = await withConn((c) =>
      c.query<{ dir: string; port: number }>(
        "SELECT current_setting('unix_socket_directories') AS dir, current_setting('port')::int AS port",
      ),
    );
    const { dir, port } = rows[0]!;
    const socketDir = dir.split(",")[0]!.trim();
    const u = new URL(db.url);
    for (const url of [
      withDatabase(db.url, db.name, { host: socketDir }),
      `postgres:///${db.name}?host=${encodeURIComponent(socketDir)}&port=${port}&user=${u.username}&password=${u.password}`,
      // Credentials and no host, as libpq and pg take it.
      `postgres://${u.username}:${u.password}@/${db.name}?host=${encodeURIComponent(socketDir)}&port=${port}`,
    ]) {
      const viaSocket = await createDialect().connect(parseDatabaseUrl(url), {});
      try {
        const r = await withConn(
          (c) =>
            c.query<{ addr: string | null; db: string }>(
              "SELECT inet_client_addr() AS addr, current_database() AS db",
            ),
          viaSocket,
        );
        expect(r).toEqual([{ addr: null, db: db.name }]);
      } finally {
        await viaSocket.close();
      }
    }
  });

  test("application_name defaults to mig and follows ?application_name=", async () => {
    expect(
      await withConn((c) => c.query("SELECT current_setting('application_name') AS a")),
    ).toEqual([{ a: "mig" }]);
    const named = await connect(withDatabase(db.url, db.name, { application_name: "deploy-42" }));
    try {
      expect(
        await withConn((c) => c.query("SELECT current_setting('application_name') AS a"), named),
      ).toEqual([{ a: "deploy-42" }]);
    } finally {
      await named.close();
    }
  });

  test("sslmode=disable connects in plain text; require fails plainly on a server without TLS", async () => {
    const plain = await connect(withDatabase(db.url, db.name, { sslmode: "disable" }));
    await plain.close();
    const error = await connect(withDatabase(db.url, db.name, { sslmode: "require" })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "connection_failed" });
    expect((error as Error).message).toMatch(/does not support TLS/);
  });
});
