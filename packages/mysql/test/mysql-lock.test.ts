import { acquireLock, type Connection, isMigError, type QualifiedName } from "@mig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";
import { mysqlLockName } from "../src/mysql-lock.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

const dialect = createDialect();
const table = { name: "mig_version" };
/** Core's wait loop over the dialect's one-try lock, as `mig up` takes it. */
const take = (connection: Connection, timeoutMs: number, on: QualifiedName = table) =>
  acquireLock(dialect, connection, { timeoutMs, table: on });
let db: TestDatabase;
let source: MysqlConnectionSource;

beforeAll(async () => {
  db = await createTestDatabase("lock");
  source = await connect(db.url, { poolSize: 25, maxOverflow: 0 });
});

afterAll(async () => {
  await source?.close();
  await db?.drop();
});

describe("GET_LOCK migration lock", () => {
  it("names the lock after the database and version table, within 64 characters", () => {
    expect(mysqlLockName("app", "mig_version")).toBe("mig:app.mig_version");
    const long = mysqlLockName("d".repeat(64), "t".repeat(64));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^mig:d+:[0-9a-f]{40}$/);
    expect(mysqlLockName("d".repeat(64), "u".repeat(64))).not.toBe(long);
  });

  it("makes a second run wait, time out, then get the lock once the first releases it", async () => {
    const a = await source.acquire();
    const b = await source.acquire();
    try {
      const held = await take(a, 1000);
      const used = await a.query<{ id: number }>("SELECT IS_USED_LOCK(?) AS id", [
        `mig:${db.name}.mig_version`,
      ]);
      expect(used[0]!.id).toBe(a.threadId);

      const started = performance.now();
      const holders: string[] = [];
      const error = await acquireLock(dialect, b, {
        timeoutMs: 300,
        table,
        onWait: (holder) => holders.push(holder),
      }).catch((e: unknown) => e);
      const waited = performance.now() - started;
      expect(isMigError(error) && error.code).toBe("lock_timeout");
      expect((error as Error).name).toBe("LockTimeoutError");
      expect((error as Error).message).toContain(`held by MySQL connection ${a.threadId}`);
      expect(holders).toEqual([`held by MySQL connection ${a.threadId}`]);
      expect(waited).toBeGreaterThanOrEqual(280);
      // Bounded, with room for a busy machine: the point is that it gives up at all.
      expect(waited).toBeLessThan(300 + 5000);

      // A waiter with time left gets the lock as soon as it is released.
      const waiting = take(b, 5000);
      await new Promise((r) => setTimeout(r, 100));
      await held.release();
      await (await waiting).release();
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("locks per version table: another table's lock does not block", async () => {
    const a = await source.acquire();
    const b = await source.acquire();
    try {
      const held = [
        await take(a, 0),
        await take(b, 0, { name: "other_version" }),
        await take(b, 0, { name: "mig_version", schema: "elsewhere" }),
      ];
      for (const handle of held) await handle.release();
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("the lock lives in the handle: taking it twice on one session is refused; release twice is harmless", async () => {
    const a = await source.acquire();
    try {
      const held = await take(a, 0);
      // GET_LOCK counts a session's own locks: a second take would need a second release.
      await expect(take(a, 0)).rejects.toMatchObject({ code: "lock_already_held" });
      await held.release();
      await held.release();
      await (await take(a, 0)).release();
    } finally {
      await a.release();
    }
  });

  it("20 runs started at once each hold it alone, and exactly one applies the migration", async () => {
    const setup = await source.acquire();
    await setup.execute("CREATE TABLE applied (run INT NOT NULL)");
    await setup.release();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const runs = Array.from({ length: 20 }, async (_, run) => {
      const c = await source.acquire();
      try {
        const held = await take(c, 30_000);
        try {
          inside++;
          most = Math.max(most, inside);
          order.push(run);
          // What a real run does under the lock: read the state, apply if still pending.
          const rows = await c.query<{ n: number }>("SELECT COUNT(*) AS n FROM applied");
          await new Promise((r) => setTimeout(r, 5));
          if (Number(rows[0]!.n) === 0) await c.execute("INSERT INTO applied VALUES (?)", [run]);
          inside--;
        } finally {
          await held.release();
        }
      } finally {
        await c.release();
      }
    });
    await Promise.all(runs);
    expect(most).toBe(1);
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const check = await source.acquire();
    expect(await check.query("SELECT COUNT(*) AS n FROM applied")).toEqual([{ n: 1 }]);
    await check.release();
  });

  it("says so when the lock was freed behind the handle's back", async () => {
    const c = await source.acquire();
    try {
      const held = await take(c, 0);
      await c.query("SELECT RELEASE_LOCK(?) AS r", [`mig:${db.name}.mig_version`]);
      const error = await held.release().catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("lock_not_held");
    } finally {
      await c.release();
    }
  });
});
