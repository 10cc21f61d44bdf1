import { isMigError } from "@mig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";
import { mysqlLockName } from "../src/mysql-lock.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

const dialect = createDialect();
const table = { name: "mig_version" };
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
      await dialect.acquireLock(a, { timeoutMs: 1000, table });
      const used = await a.query<{ id: number }>("SELECT IS_USED_LOCK(?) AS id", [
        `mig:${db.name}.mig_version`,
      ]);
      expect(used[0]!.id).toBe(a.threadId);

      const started = performance.now();
      const error = await dialect
        .acquireLock(b, { timeoutMs: 300, table })
        .catch((e: unknown) => e);
      const waited = performance.now() - started;
      expect(isMigError(error) && error.code).toBe("lock_timeout");
      expect((error as Error).name).toBe("LockTimeoutError");
      expect((error as Error).message).toContain(`held by MySQL connection ${a.threadId}`);
      expect(waited).toBeGreaterThanOrEqual(280);
      // Bounded, with room for a busy machine: the point is that it gives up at all.
      expect(waited).toBeLessThan(300 + 5000);

      // A waiter with time left gets the lock as soon as it is released.
      const waiting = dialect.acquireLock(b, { timeoutMs: 5000, table });
      await new Promise((r) => setTimeout(r, 100));
      await dialect.releaseLock(a, { timeoutMs: 1000, table });
      await waiting;
      await dialect.releaseLock(b, { timeoutMs: 1000, table });
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("locks per version table: another table's lock does not block", async () => {
    const a = await source.acquire();
    const b = await source.acquire();
    try {
      await dialect.acquireLock(a, { timeoutMs: 0, table });
      await dialect.acquireLock(b, { timeoutMs: 0, table: { name: "other_version" } });
      await dialect.acquireLock(b, {
        timeoutMs: 0,
        table: { name: "mig_version", schema: "elsewhere" },
      });
      await dialect.releaseLock(b, {
        timeoutMs: 0,
        table: { name: "mig_version", schema: "elsewhere" },
      });
      await dialect.releaseLock(b, { timeoutMs: 0, table: { name: "other_version" } });
      await dialect.releaseLock(a, { timeoutMs: 0, table });
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("a session released while holding the lock is closed, which frees the lock", async () => {
    const small = await connect(db.url, { poolSize: 1, maxOverflow: 1 });
    try {
      const a = await small.acquire();
      await dialect.acquireLock(a, { timeoutMs: 0, table });
      await a.release();
      const b = await source.acquire();
      try {
        await dialect.acquireLock(b, { timeoutMs: 3000, table });
        await dialect.releaseLock(b, { timeoutMs: 0, table });
      } finally {
        await b.release();
      }
    } finally {
      await small.close();
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
        await dialect.acquireLock(c, { timeoutMs: 30_000, table });
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
          await dialect.releaseLock(c, { timeoutMs: 0, table });
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

  it("refuses to release a lock this session does not hold", async () => {
    const c = await source.acquire();
    try {
      const error = await dialect.releaseLock(c, { timeoutMs: 0, table }).catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("lock_not_held");
    } finally {
      await c.release();
    }
  });
});
