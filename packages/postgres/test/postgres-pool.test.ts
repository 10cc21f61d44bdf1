import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PostgresConnectionSource } from "../src/postgres-driver.js";
import { connect, createTestDatabase, type TestDatabase, withDatabase } from "./helpers.js";

let db: TestDatabase;
let observer: PostgresConnectionSource;
const sources: PostgresConnectionSource[] = [];

beforeAll(async () => {
  db = await createTestDatabase("pool");
  observer = await connect(db.url, { poolSize: 1 });
});

afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await observer?.close();
  await db?.drop();
});

/** A pool whose sessions carry their own application_name, so the server can count them. */
async function pool(
  name: string,
  options: Parameters<typeof connect>[1],
): Promise<PostgresConnectionSource> {
  const source = await connect(withDatabase(db.url, db.name, { application_name: name }), options);
  sources.push(source);
  return source;
}

/** Backends the server has for a pool, by pid. */
async function backends(name: string): Promise<number[]> {
  const c = await observer.acquire();
  try {
    const rows = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid",
      [name],
    );
    return rows.map((r) => r.pid);
  } finally {
    await c.release();
  }
}

describe("queue pool on a real server", () => {
  test("poolSize 2 + maxOverflow 1: a 4th caller waits poolTimeout, then fails with pool_timeout", async () => {
    const source = await pool("p_limits", { poolSize: 2, maxOverflow: 1, poolTimeout: 300 });
    const held = await Promise.all([source.acquire(), source.acquire(), source.acquire()]);
    expect(new Set(held.map((c) => c.pid)).size).toBe(3);
    expect(source.stats).toMatchObject({ open: 3, inUse: 3, idle: 0 });
    expect(await backends("p_limits")).toHaveLength(3);

    const started = performance.now();
    const error = await source.acquire().then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; hint?: string },
    );
    const waited = performance.now() - started;
    expect(error?.code).toBe("pool_timeout");
    expect(error?.message).toBe(
      "The connection pool is exhausted: all 3 allowed connections (pool_size 2 + max_overflow 1) are in use, and none came free within 0.3 s.",
    );
    expect(error?.hint).toMatch(/pool_size, max_overflow or pool_timeout/);
    expect(waited).toBeGreaterThanOrEqual(290);
    // Bounded, with room for a busy machine: the point is that it gives up at all.
    expect(waited).toBeLessThan(300 + 5000);
    expect(source.stats).toMatchObject({ open: 3, waiting: 0 });
    expect(await backends("p_limits")).toHaveLength(3);
    await Promise.all(held.map((c) => c.release()));
  });

  test("releasing a connection lets the waiter through, before its timeout", async () => {
    // A long timeout: the waiter must be handed the released connection, not time out.
    const source = await pool("p_handoff", { poolSize: 2, maxOverflow: 1, poolTimeout: 30_000 });
    const held = await Promise.all([source.acquire(), source.acquire(), source.acquire()]);
    const started = performance.now();
    const waiting = source.acquire();
    await sleep(100);
    expect(source.stats.waiting).toBe(1);
    await held[1]!.release();
    const got = await waiting;
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(got.pid).toBe(held[1]!.pid);
    expect(await got.query("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
    await Promise.all([got, held[0]!, held[2]!].map((c) => c.release()));
  });

  test("waiters are served first come, first served", async () => {
    const source = await pool("p_fifo", { poolSize: 1, maxOverflow: 1, poolTimeout: 5000 });
    const [a, b] = await Promise.all([source.acquire(), source.acquire()]);
    const order: string[] = [];
    const waiters = ["w1", "w2", "w3"].map((name) =>
      source.acquire().then(async (c) => {
        order.push(name);
        await sleep(20);
        await c.release();
      }),
    );
    await sleep(50);
    expect(source.stats.waiting).toBe(3);
    await a!.release();
    await Promise.all(waiters);
    await b!.release();
    expect(order).toEqual(["w1", "w2", "w3"]);
  });

  test("overflow connections close when given back above poolSize; poolSize stay open", async () => {
    const source = await pool("p_overflow", { poolSize: 2, maxOverflow: 2, poolTimeout: 1000 });
    const held = await Promise.all([1, 2, 3, 4].map(() => source.acquire()));
    expect(await backends("p_overflow")).toHaveLength(4);
    await held[0]!.release();
    await held[1]!.release();
    expect(source.stats).toMatchObject({ open: 2, idle: 0, inUse: 2 });
    await held[2]!.release();
    await held[3]!.release();
    expect(source.stats).toMatchObject({ open: 2, idle: 2, inUse: 0 });
    await sleep(100);
    expect((await backends("p_overflow")).sort()).toEqual([held[2]!.pid, held[3]!.pid].sort());
  });

  test("poolRecycle replaces a connection older than it", async () => {
    const source = await pool("p_recycle", { poolSize: 1, poolRecycle: 200 });
    const first = await source.acquire();
    const pid = first.pid;
    await first.release();
    const again = await source.acquire();
    expect(again.pid).toBe(pid);
    await again.release();
    await sleep(250);
    const fresh = await source.acquire();
    expect(fresh.pid).not.toBe(pid);
    await fresh.release();
    await sleep(100);
    expect(await backends("p_recycle")).toEqual([fresh.pid]);
  });

  test("a connection the server killed is replaced, not handed out (with and without prePing)", async () => {
    for (const prePing of [true, false]) {
      const name = `p_ping_${prePing}`;
      const source = await pool(name, { poolSize: 1, prePing });
      const first = await source.acquire();
      const pid = first.pid;
      await first.release();
      const killer = await observer.acquire();
      await killer.query("SELECT pg_terminate_backend($1)", [pid]);
      await killer.release();
      await sleep(100);
      const next = await source.acquire();
      expect(next.pid).not.toBe(pid);
      expect(await next.query("SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
      await next.release();
      expect(source.stats).toMatchObject({ open: 1, idle: 1 });
    }
  });

  test("close() ends every connection, in use or idle, and fails later acquires", async () => {
    const source = await pool("p_close", { poolSize: 2, maxOverflow: 1, poolTimeout: 5000 });
    const held = await Promise.all([source.acquire(), source.acquire(), source.acquire()]);
    await held[0]!.release();
    await held[0]!.release(); // twice is harmless
    const again = await source.acquire();
    const waiter = source.acquire().catch((e: unknown) => e);
    await sleep(20);
    expect(source.stats).toMatchObject({ open: 3, inUse: 3, waiting: 1 });
    await source.close();
    expect(await waiter).toMatchObject({ code: "pool_closed" });
    await sleep(100);
    expect(await backends("p_close")).toEqual([]);
    await expect(source.acquire()).rejects.toMatchObject({ code: "pool_closed" });
    await expect(again.query("SELECT 1")).rejects.toThrow();
    await again.release();
  });

  test("the URL's pool parameters win over the config's", async () => {
    const source = await connect(
      withDatabase(db.url, db.name, { pool_size: "1", max_overflow: "0", pool_timeout: "0.2" }),
      {
        poolSize: 10,
        maxOverflow: 10,
        poolTimeout: 30_000,
      },
    );
    sources.push(source);
    expect(source.pool.options).toMatchObject({ poolSize: 1, maxOverflow: 0, poolTimeout: 200 });
    const one = await source.acquire();
    await expect(source.acquire()).rejects.toMatchObject({ code: "pool_timeout" });
    await one.release();
  });
});
