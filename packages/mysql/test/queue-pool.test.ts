import { isMigError } from "@mig/core";
import { describe, expect, it } from "vitest";
import { type PoolResource, QueuePool } from "../src/mysql-pool.js";

interface Fake {
  readonly id: number;
  alive: boolean;
}

function fakes(options: { failCreate?: () => boolean } = {}) {
  let next = 0;
  const destroyed: number[] = [];
  const resource: PoolResource<Fake> = {
    async create() {
      if (options.failCreate?.()) throw new Error("cannot connect");
      return { id: ++next, alive: true };
    },
    async destroy(item) {
      item.alive = false;
      destroyed.push(item.id);
    },
    async ping(item) {
      return item.alive;
    },
  };
  return { resource, destroyed, created: () => next };
}

const code = (error: unknown) => (isMigError(error) ? error.code : String(error));

describe("QueuePool (no database)", () => {
  it("keeps poolSize open, closes overflow on return", async () => {
    const { resource, destroyed } = fakes();
    const pool = new QueuePool(resource, { poolSize: 2, maxOverflow: 1, poolTimeout: 50 });
    const held = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    expect(pool.stats).toEqual({ open: 3, idle: 0, inUse: 3, waiting: 0 });
    for (const item of held) pool.release(item);
    expect(pool.stats).toEqual({ open: 2, idle: 2, inUse: 0, waiting: 0 });
    expect(destroyed).toHaveLength(1);
    await pool.close();
    expect(pool.stats.open).toBe(0);
  });

  it("serves waiters first in, first out, and times the rest out", async () => {
    const { resource } = fakes();
    const pool = new QueuePool(resource, { poolSize: 1, maxOverflow: 0, poolTimeout: 200 });
    const first = await pool.acquire();
    const order: string[] = [];
    const track = (name: string) => (item: Fake) => {
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
    const held = await pool.acquire();
    const started = Date.now();
    const error = await pool.acquire().catch((e: unknown) => e);
    expect(code(error)).toBe("pool_timeout");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((error as Error).message).toMatch(/No database connection became free within 0.2 s/);
    pool.release(held);
    await pool.close();
  });

  it("replaces a connection that fails its ping, or is older than poolRecycle", async () => {
    const { resource, created } = fakes();
    const pool = new QueuePool(resource, { poolSize: 1, prePing: true });
    const item = await pool.acquire();
    pool.release(item);
    item.alive = false;
    const again = await pool.acquire();
    expect(again.id).not.toBe(item.id);
    pool.release(again);

    const recycling = new QueuePool(fakes().resource, { poolSize: 1, poolRecycle: 0 });
    const one = await recycling.acquire();
    recycling.release(one);
    expect((await recycling.acquire()).id).not.toBe(one.id);
    expect(created()).toBe(2);
    await Promise.all([pool.close(), recycling.close()]);
  });

  it("frees the slot when opening fails, and lets a waiter open its own", async () => {
    let fail = true;
    const { resource } = fakes({ failCreate: () => fail });
    const pool = new QueuePool(resource, { poolSize: 1, maxOverflow: 0, poolTimeout: 1000 });
    await expect(pool.acquire()).rejects.toThrow("cannot connect");
    expect(pool.stats.open).toBe(0);
    fail = false;
    const item = await pool.acquire();
    const waiting = pool.acquire();
    pool.release(item, true);
    expect((await waiting).id).not.toBe(item.id);
    await pool.close();
  });

  it("close() fails waiters and refuses new callers", async () => {
    const pool = new QueuePool(fakes().resource, { poolSize: 1, maxOverflow: 0 });
    await pool.acquire();
    const waiting = pool.acquire().catch((e: unknown) => e);
    await pool.close();
    expect(code(await waiting)).toBe("pool_closed");
    expect(code(await pool.acquire().catch((e: unknown) => e))).toBe("pool_closed");
  });

  it("rejects impossible limits", () => {
    for (const options of [
      { poolSize: -1 },
      { maxOverflow: -2 },
      { poolSize: 0, maxOverflow: 0 },
      { poolTimeout: -5 },
    ]) {
      expect(() => new QueuePool(fakes().resource, options)).toThrow(/Pool option/);
    }
  });
});
