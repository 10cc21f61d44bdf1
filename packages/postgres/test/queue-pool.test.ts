import { setTimeout as sleep } from "node:timers/promises";
import type { PoolOptions } from "@mig/core";
import { describe, expect, test } from "vitest";
import { type PoolResource, QueuePool } from "../src/postgres-pool.js";

interface Item {
  readonly id: number;
  dead: boolean;
  silentlyDead: boolean;
  closed: boolean;
}

/** A fake resource: counts what the pool creates, pings and destroys. No server needed. */
function fake(options: PoolOptions, behaviour: { failCreate?: () => boolean } = {}) {
  const made: Item[] = [];
  let pings = 0;
  const resource: PoolResource<Item> = {
    async create() {
      await sleep(1);
      if (behaviour.failCreate?.()) throw new Error("cannot connect");
      const item = { id: made.length + 1, dead: false, silentlyDead: false, closed: false };
      made.push(item);
      return item;
    },
    async destroy(item) {
      item.closed = true;
    },
    async ping(item) {
      pings++;
      if (item.silentlyDead) throw new Error("gone");
      return true;
    },
    usable: (item) => !item.dead,
  };
  return { pool: new QueuePool(resource, options), made, pings: () => pings };
}

describe("QueuePool", () => {
  test("opens lazily, at most poolSize + maxOverflow, and reuses idle ones", async () => {
    const { pool, made } = fake({ poolSize: 2, maxOverflow: 1, poolTimeout: 50 });
    expect(pool.stats).toEqual({ open: 0, idle: 0, inUse: 0, waiting: 0 });
    const a = await pool.acquire();
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    const [b, c] = await Promise.all([pool.acquire(), pool.acquire()]);
    expect(made).toHaveLength(3);
    await expect(pool.acquire()).rejects.toMatchObject({ code: "pool_timeout", timeoutMs: 50 });
    for (const x of [a, b!, c!]) pool.release(x);
    expect(pool.stats).toEqual({ open: 2, idle: 2, inUse: 0, waiting: 0 });
    expect(made.filter((m) => m.closed)).toHaveLength(1);
  });

  test("maxOverflow -1 has no limit; poolSize 0 keeps nothing idle", async () => {
    const { pool } = fake({ poolSize: 0, maxOverflow: -1 });
    const items = await Promise.all(Array.from({ length: 30 }, () => pool.acquire()));
    expect(pool.stats.open).toBe(30);
    for (const x of items) pool.release(x);
    expect(pool.stats).toEqual({ open: 0, idle: 0, inUse: 0, waiting: 0 });
  });

  test("a waiter times out after poolTimeout and leaves the queue", async () => {
    const { pool } = fake({ poolSize: 1, maxOverflow: 0, poolTimeout: 80 });
    const a = await pool.acquire();
    const started = performance.now();
    const error = await pool.acquire().catch((e: unknown) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(error).toMatchObject({ code: "pool_timeout", name: "PoolTimeoutError" });
    expect(String((error as Error).message)).toContain("pool_size 1 + max_overflow 0");
    expect(pool.stats.waiting).toBe(0);
    pool.release(a);
    expect(pool.stats.idle).toBe(1);
  });

  test("a connection that cannot be opened frees its place and wakes a waiter", async () => {
    let fail = false;
    const { pool } = fake(
      { poolSize: 1, maxOverflow: 0, poolTimeout: 1000 },
      { failCreate: () => fail },
    );
    const a = await pool.acquire();
    const waiter = pool.acquire();
    a.dead = true;
    fail = true;
    pool.release(a); // dead: closed, and the waiter opens its own, which fails
    await expect(waiter).rejects.toThrow("cannot connect");
    expect(pool.stats.open).toBe(0);
    fail = false;
    expect((await pool.acquire()).id).toBe(2);
  });

  test("discard closes instead of pooling, and the place goes to a waiter", async () => {
    const { pool } = fake({ poolSize: 1, maxOverflow: 0, poolTimeout: 1000 });
    const a = await pool.acquire();
    const waiter = pool.acquire();
    pool.release(a, true);
    const b = await waiter;
    expect(a.closed).toBe(true);
    expect(b).not.toBe(a);
    expect(pool.stats.open).toBe(1);
  });

  test("prePing replaces a silently dead idle connection; without it, only known-dead ones", async () => {
    const withPing = fake({ poolSize: 1, prePing: true });
    const a = await withPing.pool.acquire();
    withPing.pool.release(a);
    a.silentlyDead = true;
    const b = await withPing.pool.acquire();
    expect(b).not.toBe(a);
    expect(a.closed).toBe(true);
    expect(withPing.pings()).toBe(1);

    const noPing = fake({ poolSize: 1 });
    const c = await noPing.pool.acquire();
    noPing.pool.release(c);
    c.silentlyDead = true;
    expect(await noPing.pool.acquire()).toBe(c);
    expect(noPing.pings()).toBe(0);
    noPing.pool.release(c);
    c.dead = true;
    expect(await noPing.pool.acquire()).not.toBe(c);
  });

  test("poolRecycle replaces connections older than it on checkout", async () => {
    const { pool } = fake({ poolSize: 1, poolRecycle: 30 });
    const a = await pool.acquire();
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    pool.release(a);
    await sleep(40);
    const b = await pool.acquire();
    expect(b).not.toBe(a);
    expect(a.closed).toBe(true);
    expect(pool.stats.open).toBe(1);
  });

  test("close() ends idle and in-use connections and fails waiters", async () => {
    const { pool, made } = fake({ poolSize: 1, maxOverflow: 1, poolTimeout: 10_000 });
    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(b);
    const c = await pool.acquire();
    const waiter = pool.acquire().catch((e: unknown) => e);
    await pool.close();
    expect(await waiter).toMatchObject({ code: "pool_closed" });
    expect(made.every((m) => m.closed)).toBe(true);
    expect(pool.stats.open).toBe(0);
    pool.release(a);
    pool.release(c);
    expect(pool.stats.open).toBe(0);
    await expect(pool.acquire()).rejects.toMatchObject({ code: "pool_closed" });
  });

  test.each([
    [{ poolSize: -1 }, "poolSize"],
    [{ poolSize: 1.5 }, "poolSize"],
    [{ maxOverflow: -2 }, "maxOverflow"],
    [{ poolSize: 0, maxOverflow: 0 }, "no connection"],
    [{ poolTimeout: -5 }, "poolTimeout"],
    [{ poolRecycle: -7 }, "poolRecycle"],
  ])("rejects %j", (options, fragment) => {
    expect(() => fake(options)).toThrow(fragment);
  });
});
