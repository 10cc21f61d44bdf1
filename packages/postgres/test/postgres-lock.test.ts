import { setTimeout as sleep } from "node:timers/promises";
import { acquireLock, type Connection, type Dialect, isMigError, type LockHandle } from "@mig/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { advisoryLockKey, createDialect, type PostgresDialect } from "../src/index.js";
import type { PostgresConnection, PostgresConnectionSource } from "../src/postgres-driver.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

let db: TestDatabase;
let source: PostgresConnectionSource;

beforeAll(async () => {
  db = await createTestDatabase("lock");
  source = await connect(db.url, { poolSize: 30, maxOverflow: 10 });
});

afterAll(async () => {
  await source?.close();
  await db?.drop();
});

/** Core's wait loop over the dialect's one-try lock, as `mig up` takes it. */
const take = (
  dialect: Dialect,
  connection: Connection,
  timeoutMs: number,
  name = "mig_version",
  schema?: string,
): Promise<LockHandle> =>
  acquireLock(dialect, connection, { timeoutMs, table: schema ? { name, schema } : { name } });

async function errorOf(
  promise: Promise<unknown>,
): Promise<(Error & { code?: string }) | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: string },
  );
}

test("the advisory key is a stable signed 64-bit integer per schema and table", () => {
  const key = advisoryLockKey("public", "mig_version");
  expect(key).toBe(advisoryLockKey("public", "mig_version"));
  expect(BigInt(key)).toBeGreaterThanOrEqual(-(2n ** 63n));
  expect(BigInt(key)).toBeLessThan(2n ** 63n);
  expect(key).not.toBe(advisoryLockKey("public", "other_version"));
  expect(key).not.toBe(advisoryLockKey("tenant_a", "mig_version"));
});

for (const mode of ["advisory", "table"] as const) {
  describe(`the ${mode} lock`, () => {
    const dialect: PostgresDialect = createDialect({ lock: mode });

    test("B waits, times out with LockTimeoutError while A holds it, and gets it once A releases", async () => {
      const a = await source.acquire();
      const b = await source.acquire();
      try {
        const held = await take(dialect, a, 5000);
        const holders: string[] = [];
        const started = performance.now();
        const error = await errorOf(
          acquireLock(dialect, b, {
            timeoutMs: 300,
            table: { name: "mig_version" },
            onWait: (holder) => holders.push(holder),
          }),
        );
        const waited = performance.now() - started;
        expect(isMigError(error) && error.code).toBe("lock_timeout");
        expect(error?.name).toBe("LockTimeoutError");
        expect(error?.message).toMatch(
          /^Another migration run holds the lock; gave up after 0\.3 s/,
        );
        if (mode === "advisory") {
          expect(error?.message).toContain(`held by PostgreSQL session ${a.pid} "mig"`);
          expect(holders).toEqual([expect.stringContaining(`held by PostgreSQL session ${a.pid}`)]);
        } else {
          // The row is held by A's side session, which the waiter names.
          expect(holders).toEqual([expect.stringMatching(/^held by PostgreSQL session \d+$/)]);
          expect(error?.message).toMatch(/\(held by PostgreSQL session \d+\)\.$/);
        }
        expect(waited).toBeGreaterThanOrEqual(280);
        expect(waited).toBeLessThan(300 + 5000);

        const waiting = take(dialect, b, 5000);
        await sleep(150);
        await held.release();
        const handoff = performance.now();
        const second = await waiting;
        expect(performance.now() - handoff).toBeLessThan(4000);
        await expect(errorOf(take(dialect, a, 100))).resolves.toMatchObject({
          code: "lock_timeout",
        });
        await second.release();
        await (await take(dialect, a, 100)).release();
      } finally {
        await a.release();
        await b.release();
      }
    });

    test("20 runs on separate connections each hold it exactly once, one at a time", async () => {
      const conns = await Promise.all(Array.from({ length: 20 }, () => source.acquire()));
      const setup = conns[0]!;
      await setup.execute(
        `DROP TABLE IF EXISTS counter_${mode}; CREATE TABLE counter_${mode} (n INTEGER NOT NULL); INSERT INTO counter_${mode} VALUES (0)`,
      );
      let inside = 0;
      let maxInside = 0;
      const turns: number[] = [];
      try {
        await Promise.all(
          conns.map(async (c, i) => {
            const held = await take(dialect, c, 60_000);
            try {
              inside++;
              maxInside = Math.max(maxInside, inside);
              // Read, wait, write: any overlap would lose an increment.
              const [row] = await c.query<{ n: number }>(`SELECT n FROM counter_${mode}`);
              await sleep(5);
              await c.execute(`UPDATE counter_${mode} SET n = $1`, [row!.n + 1]);
              turns.push(i);
              inside--;
            } finally {
              await held.release();
            }
          }),
        );
        const [row] = await setup.query<{ n: number }>(`SELECT n FROM counter_${mode}`);
        expect(row!.n).toBe(20);
        expect(maxInside).toBe(1);
        expect([...turns].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      } finally {
        await Promise.all(conns.map((c) => c.release()));
      }
    });

    test("separate version tables (or schemas) do not block each other", async () => {
      const a = await source.acquire();
      const b = await source.acquire();
      try {
        await a.execute(
          "CREATE SCHEMA IF NOT EXISTS tenant_a; CREATE SCHEMA IF NOT EXISTS tenant_b",
        );
        const held = [
          await take(dialect, a, 1000, "mig_version"),
          await take(dialect, b, 200, "other_version"),
          await take(dialect, a, 1000, "mig_version", "tenant_a"),
          await take(dialect, b, 200, "mig_version", "tenant_b"),
        ];
        for (const handle of held) await handle.release();
      } finally {
        await a.release();
        await b.release();
      }
    });

    test("the lock survives the run committing and rolling back its migrations", async () => {
      const a = await source.acquire();
      const b = await source.acquire();
      try {
        const held = await take(dialect, a, 1000, "txn_version");
        await a.begin();
        await a.execute(`CREATE TABLE txn_${mode} (id INTEGER)`);
        await a.commit();
        await a.begin();
        await a.execute(`DROP TABLE txn_${mode}`);
        await a.rollback();
        await expect(errorOf(take(dialect, b, 200, "txn_version"))).resolves.toMatchObject({
          code: "lock_timeout",
        });
        await held.release();
        await (await take(dialect, b, 1000, "txn_version")).release();
      } finally {
        await a.release();
        await b.release();
      }
    });

    test("the lock lives in the handle: release twice is harmless; a second take is refused or waits", async () => {
      const a = await source.acquire();
      try {
        const held = await take(dialect, a, 1000, "twice");
        // PostgreSQL counts a session's advisory locks, so the same session may not take it
        // again; the table lock's side session is new each time, so a second take waits.
        await expect(take(dialect, a, 100, "twice")).rejects.toMatchObject({
          code: mode === "advisory" ? "lock_already_held" : "lock_timeout",
        });
        await held.release();
        await held.release();
        await (await take(dialect, a, 100, "twice")).release();
      } finally {
        await a.release();
      }
    });
  });
}

describe("lock specifics", () => {
  test("advisory: the lock is the session's, visible in pg_locks under the key", async () => {
    const dialect = createDialect();
    const a = (await source.acquire()) as PostgresConnection;
    try {
      const held = await take(dialect, a, 1000);
      const key = BigInt.asUintN(64, BigInt(advisoryLockKey("public", "mig_version")));
      const rows = await a.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = $1 AND objid::bigint = $2",
        [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
      );
      expect(rows.map((r) => r.pid)).toEqual([a.pid]);
      // A hook may change search_path during the run; release still frees the same key.
      await a.execute("CREATE SCHEMA IF NOT EXISTS elsewhere; SET search_path TO elsewhere");
      await held.release();
      await a.execute("RESET search_path");
    } finally {
      await a.release();
    }
  });

  test("table: the URL's ?lock=table wins, and the lock table sits beside the version table", async () => {
    const url = new URL(db.url);
    url.searchParams.set("lock", "table");
    const viaUrl = await connect(url.toString(), { poolSize: 1, maxOverflow: 0 });
    const dialect = createDialect({ lock: "advisory" });
    try {
      const a = await viaUrl.acquire();
      await a.execute("CREATE SCHEMA IF NOT EXISTS ops");
      // The lock session is outside the pool: a pool of one is enough.
      const held = await take(dialect, a, 1000, "mig_version", "ops");
      expect(viaUrl.stats).toMatchObject({ open: 1, inUse: 1 });
      expect(await dialect.hasTable(a, { name: "mig_version_lock", schema: "ops" })).toBe(true);
      await held.release();
      await a.release();
    } finally {
      await viaUrl.close();
    }
  });

  test("table: 20 first runs racing to create the lock table each get the lock", async () => {
    const conns = await Promise.all(Array.from({ length: 20 }, () => source.acquire()));
    try {
      // Each round a lock table nobody created yet: every run creates it at the same moment.
      for (let round = 0; round < 20; round++) {
        const dialect = createDialect({ lock: "table", lockTable: `race_lock_${round}` });
        const taken = await Promise.allSettled(
          conns.map(async (c) => {
            const held = await take(dialect, c, 60_000);
            await held.release();
          }),
        );
        const failures = taken.filter((t) => t.status === "rejected");
        expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
      }
    } finally {
      await Promise.all(conns.map((c) => c.release()));
    }
  });

  test("table: a custom lock table name", async () => {
    const dialect = createDialect({ lock: "table", lockTable: "deploy_lock" });
    const a = await source.acquire();
    try {
      const held = await take(dialect, a, 1000);
      expect(await dialect.hasTable(a, { name: "deploy_lock" })).toBe(true);
      await held.release();
    } finally {
      await a.release();
    }
  });
});
