import { isMigError } from "@mig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MysqlConnection } from "../src/mysql-driver.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("pool");
});

afterAll(async () => {
  await db?.drop();
});

/** Sessions the server sees from this database's user right now. */
async function serverSessions(c: MysqlConnection): Promise<number> {
  const rows = await c.query<{ n: number }>(
    "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE()",
  );
  return Number(rows[0]!.n);
}

describe("queue pool on a real server", () => {
  it("holds poolSize + maxOverflow, times the next caller out, and lets a waiter through on release", async () => {
    const source = await connect(db.url, { poolSize: 2, maxOverflow: 1, poolTimeout: 300 });
    try {
      const held = await Promise.all([source.acquire(), source.acquire(), source.acquire()]);
      expect(new Set(held.map((c) => c.threadId)).size).toBe(3);
      expect(source.stats).toMatchObject({ open: 3, inUse: 3 });

      const started = performance.now();
      const error = await source.acquire().catch((e: unknown) => e);
      const waited = performance.now() - started;
      expect(isMigError(error) && error.code).toBe("pool_timeout");
      expect((error as Error).message).toBe(
        "The connection pool is exhausted: all 3 allowed connections (pool_size 2 + max_overflow 1) are in use, and none came free within 0.3 s.",
      );
      expect(waited).toBeGreaterThanOrEqual(280);
      // Bounded, with room for a busy machine: the point is that it gives up at all.
      expect(waited).toBeLessThan(300 + 5000);

      const waiter = source.acquire();
      await new Promise((r) => setTimeout(r, 50));
      expect(source.stats.waiting).toBe(1);
      const given = held.pop()!;
      const thread = given.threadId;
      await given.release();
      const got = await waiter;
      expect(got.threadId).toBe(thread);
      expect(await got.query("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);

      // Returned above poolSize, the overflow connection is closed; poolSize stay open.
      for (const c of [...held, got]) await c.release();
      expect(source.stats).toEqual({ open: 2, idle: 2, inUse: 0, waiting: 0 });
      const probe = await source.acquire();
      await expect.poll(() => serverSessions(probe)).toBe(2);
      await probe.release();
    } finally {
      await source.close();
    }
  });

  it("opens connections lazily and reuses them", async () => {
    const source = await connect(db.url, { poolSize: 5, maxOverflow: 0 });
    try {
      expect(source.stats).toEqual({ open: 1, idle: 1, inUse: 0, waiting: 0 });
      for (let i = 0; i < 5; i++) {
        const c = await source.acquire();
        await c.release();
      }
      expect(source.stats.open).toBe(1);
    } finally {
      await source.close();
    }
  });

  it("takes pool limits from the URL over the config", async () => {
    const source = await connect(`${db.url}?pool_size=1&max_overflow=0&pool_timeout=0.1`, {
      poolSize: 9,
      poolTimeout: 60_000,
    });
    try {
      expect(source.pool.options).toMatchObject({ poolSize: 1, maxOverflow: 0, poolTimeout: 100 });
      const c = await source.acquire();
      const error = await source.acquire().catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("pool_timeout");
      await c.release();
    } finally {
      await source.close();
    }
  });

  it("close() ends every session, idle or in use", async () => {
    const source = await connect(db.url, { poolSize: 3, maxOverflow: 0 });
    const observer = await connect(db.url, { poolSize: 1 });
    try {
      const held = await Promise.all([source.acquire(), source.acquire(), source.acquire()]);
      await held[0]!.release();
      const o = await observer.acquire();
      expect(await serverSessions(o)).toBe(4);
      await source.close();
      await expect.poll(() => serverSessions(o)).toBe(1);
      await o.release();
      const error = await source.acquire().catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("pool_closed");
    } finally {
      await observer.close();
    }
  });
});
