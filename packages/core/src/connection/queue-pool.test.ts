import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, test } from "vitest";
import { isMigError } from "../errors/mig-error.js";
import type { PoolOptions } from "./pool-options.js";
import { type PoolResource, PoolTimeoutError, QueuePool } from "./queue-pool.js";

interface Item {
  readonly id: number;
  dead: boolean;
  silentlyDead: boolean;
  closed: boolean;
}

interface Behaviour {
  readonly failCreate?: () => boolean;
  /** Leave out `ping` and `isBroken`, as a resource with no cheap checks would. */
  readonly bare?: boolean;
  readonly createDelayMs?: number;
}

/** A fake resource: counts what the pool creates, pings and destroys. No server needed. */
function fake(options: PoolOptions, behaviour: Behaviour = {}) {
  const made: Item[] = [];
  let pings = 0;
  const resource: PoolResource<Item> = {
    async create() {
      await sleep(behaviour.createDelayMs ?? 1);
      if (behaviour.failCreate?.()) throw new Error("cannot connect");
      const item = { id: made.length + 1, dead: false, silentlyDead: false, closed: false };
      made.push(item);
      return item;
    },
    async destroy(item) {
      item.closed = true;
    },
    ...(behaviour.bare
      ? {}
      : {
          async ping(item: Item) {
            pings++;
            if (item.silentlyDead) throw new Error("gone");
            return true;
          },
          isBroken: (item: Item) => item.dead,
        }),
  };
  return { pool: new QueuePool(resource, options), made, pings: () => pings };
}

const code = (error: unknown) => (isMigError(error) ? error.code : String(error));

describe("QueuePool", () => {
  test("opens lazily, at most poolSize + maxOverflow, and reuses idle ones", async () => {
    const { pool, made } = fake({ poolSize: 2, maxOverflow: 1, poolTimeout: 50 });
    expect(pool.stats).toEqual({ open: 0, idle: 0, inUse: 0, waiting: 0 });
    const a = await pool.acquire();
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    const [b, c] = await Promise.all([pool.acquire(), pool.acquire()]);
    expect(made).toHaveLength(3);
    expect(pool.stats).toEqual({ open: 3, idle: 0, inUse: 3, waiting: 0 });
    await expect(pool.acquire()).rejects.toMatchObject({ code: "pool_timeout", timeoutMs: 50 });
    for (const x of [a, b!, c!]) pool.release(x);
    // The overflow connection is closed on return; poolSize stay open.
    expect(pool.stats).toEqual({ open: 2, idle: 2, inUse: 0, waiting: 0 });
    expect(made.filter((m) => m.closed)).toHaveLength(1);
    await pool.close();
    expect(pool.stats.open).toBe(0);
  });

  test("maxOverflow -1 has no limit; poolSize 0 keeps nothing idle", async () => {
    const { pool } = fake({ poolSize: 0, maxOverflow: -1 });
    const items = await Promise.all(Array.from({ length: 30 }, () => pool.acquire()));
    expect(pool.stats.open).toBe(30);
    for (const x of items) pool.release(x);
    expect(pool.stats).toEqual({ open: 0, idle: 0, inUse: 0, waiting: 0 });
  });

  test("serves waiters first in, first out", async () => {
    const { pool } = fake({ poolSize: 1, maxOverflow: 0, poolTimeout: 1000 });
    const first = await pool.acquire();
    const order: string[] = [];
    const track = (name: string) => (item: Item) => {
      order.push(name);
      return item;
    };
    const a = pool.acquire().then(track("a"));
    const b = pool.acquire().then(track("b"));
    expect(pool.stats.waiting).toBe(2);
    pool.release(first);
    pool.release(await a);
    pool.release(await b);
    expect(order).toEqual(["a", "b"]);
    await pool.close();
  });

  test("a waiter times out after poolTimeout and leaves the queue", async () => {
    const { pool } = fake({ poolSize: 1, maxOverflow: 0, poolTimeout: 80 });
    const a = await pool.acquire();
    const started = performance.now();
    const error = await pool.acquire().catch((e: unknown) => e);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(error).toMatchObject({
      code: "pool_timeout",
      name: "PoolTimeoutError",
      timeoutMs: 80,
      poolSize: 1,
      maxOverflow: 0,
    });
    expect((error as Error).message).toBe(
      "The connection pool is exhausted: all 1 allowed connections (pool_size 1 + max_overflow 0) are in use, and none came free within 0.08 s.",
    );
    expect(pool.stats.waiting).toBe(0);
    pool.release(a);
    expect(pool.stats.idle).toBe(1);
  });

  test("PoolTimeoutError is one plain line with a hint", () => {
    const error = new PoolTimeoutError(30_000, 5, -1);
    expect(error.message).toBe("The connection pool is exhausted: none came free within 30 s.");
    expect(error.message).not.toContain("\n");
    expect(error.hint).toMatch(/pool_size, max_overflow or pool_timeout/);
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
    pool.release(a); // known dead: closed, and the waiter opens its own, which fails
    await expect(waiter).rejects.toThrow("cannot connect");
    expect(a.closed).toBe(true);
    expect(pool.stats.open).toBe(0);
    fail = false;
    expect((await pool.acquire()).id).toBe(2);
  });

  test("a failed first open frees the slot; the next caller opens its own", async () => {
    let fail = true;
    const { pool } = fake(
      { poolSize: 1, maxOverflow: 0, poolTimeout: 1000 },
      { failCreate: () => fail },
    );
    await expect(pool.acquire()).rejects.toThrow("cannot connect");
    expect(pool.stats.open).toBe(0);
    fail = false;
    const item = await pool.acquire();
    const waiting = pool.acquire();
    pool.release(item, true);
    expect((await waiting).id).not.toBe(item.id);
    await pool.close();
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

  test("a resource without ping or isBroken is reused as is, even with prePing", async () => {
    const { pool } = fake({ poolSize: 1, prePing: true }, { bare: true });
    const a = await pool.acquire();
    a.dead = true;
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    await pool.close();
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

  test("poolRecycle 0 replaces every idle connection", async () => {
    const { pool, made } = fake({ poolSize: 1, poolRecycle: 0 });
    const one = await pool.acquire();
    pool.release(one);
    expect((await pool.acquire()).id).not.toBe(one.id);
    expect(made).toHaveLength(2);
    await pool.close();
  });

  test("close() ends idle and in-use connections and fails waiters", async () => {
    const { pool, made } = fake({ poolSize: 1, maxOverflow: 1, poolTimeout: 10_000 });
    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(b);
    const c = await pool.acquire();
    const waiter = pool.acquire().catch((e: unknown) => e);
    await pool.close();
    expect(pool.closed).toBe(true);
    expect(await waiter).toMatchObject({ code: "pool_closed" });
    expect(made.every((m) => m.closed)).toBe(true);
    expect(pool.stats.open).toBe(0);
    pool.release(a);
    pool.release(c);
    expect(pool.stats.open).toBe(0);
    expect(code(await pool.acquire().catch((e: unknown) => e))).toBe("pool_closed");
  });

  test("close() during an open: the new connection is closed and the caller fails", async () => {
    const { pool, made } = fake({ poolSize: 1 }, { createDelayMs: 20 });
    const opening = pool.acquire().catch((e: unknown) => e);
    await sleep(5);
    await pool.close();
    expect(code(await opening)).toBe("pool_closed");
    expect(made).toHaveLength(1);
    expect(made[0]!.closed).toBe(true);
    expect(pool.stats.open).toBe(0);
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
    expect(() => fake(options)).toThrow(/^Pool option /);
  });

  test("undefined options fall back to the defaults", () => {
    const { pool } = fake({ poolSize: undefined, poolTimeout: 100 });
    expect(pool.options).toMatchObject({ poolSize: 5, maxOverflow: 10, poolTimeout: 100 });
  });
});
