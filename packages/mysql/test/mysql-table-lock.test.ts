import { hostname } from "node:os";
import {
  acquireLock,
  type Connection,
  isMigError,
  type LockBusy,
  type LockHandle,
  parseDatabaseUrl,
} from "@mig/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDialect, type MysqlDialectOptions } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";
import { createTestDatabase, type TestDatabase } from "./helpers.js";

// The lock Galera clusters get, forced on the plain test server: the same row, the same rules.
const table = { name: "mig_version" };
let db: TestDatabase;
let source: MysqlConnectionSource;
let admin: Connection;

const dialectWith = (options: MysqlDialectOptions = {}) =>
  createDialect({ lock: "table", ...options });
const tryOnce = (connection: Connection, options?: MysqlDialectOptions) =>
  dialectWith(options).tryAcquireLock(connection, { table });
const isHandle = (got: LockHandle | LockBusy): got is LockHandle => "release" in got;

async function lockRows(): Promise<{ token: string; holder: string }[]> {
  return admin.query(`SELECT token, holder FROM \`${db.name}\`.mig_version_lock`);
}

/** A holder that wrote its row and died: nobody beats for it. */
async function deadHolder(secondsAgo: number): Promise<void> {
  await admin.execute(`DELETE FROM \`${db.name}\`.mig_version_lock`);
  await admin.execute(
    `INSERT INTO \`${db.name}\`.mig_version_lock VALUES (1, 'feedfeedfeedfeedfeedfeedfeedfeed', 'mig on crashed-host pid 42', UTC_TIMESTAMP(3) - INTERVAL ? SECOND, UTC_TIMESTAMP(3) - INTERVAL ? SECOND)`,
    [secondsAgo, secondsAgo],
  );
}

beforeAll(async () => {
  db = await createTestDatabase("tlock");
  source = await createDialect().connect(parseDatabaseUrl(db.url), {
    pool: { poolSize: 10, maxOverflow: 0 },
  });
  admin = await source.acquire();
});

afterAll(async () => {
  await admin?.release();
  await source?.close();
  await db?.drop();
});

describe("the lock table (lock: table, as on Galera)", () => {
  it("creates <version table>_lock, names the holder to a second run, and frees the row on release", async () => {
    const a = await source.acquire();
    const b = await source.acquire();
    try {
      const held = await tryOnce(a);
      expect(isHandle(held)).toBe(true);
      const [row] = await lockRows();
      expect(row!.holder).toBe(`mig on ${hostname()} pid ${process.pid}`);
      expect(row!.token).toMatch(/^[0-9a-f]{32}$/);

      const error = await acquireLock(dialectWith(), b, { table, timeoutMs: 300 }).catch(
        (e: unknown) => e,
      );
      expect(isMigError(error) && error.code).toBe("lock_timeout");
      expect((error as Error).message).toMatch(
        new RegExp(
          `gave up after 0\\.3 s \\(held by mig on .+ pid ${process.pid}, heartbeat [0-9.]+ s ago\\)\\.$`,
        ),
      );
      // The run's own connection ran no statement inside any transaction of the lock's.
      await (held as LockHandle).release();
      expect(await lockRows()).toEqual([]);
      await (await acquireLock(dialectWith(), b, { table, timeoutMs: 0 })).release();
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("the URL's ?lock=table chooses it over the option, ?lock=get_lock forces GET_LOCK", async () => {
    const url = new URL(db.url);
    url.searchParams.set("lock", "get_lock");
    const forced = await createDialect({ lock: "table" }).connect(
      parseDatabaseUrl(url.toString()),
      {
        pool: {},
      },
    );
    try {
      const c = await forced.acquire();
      const held = await createDialect({ lock: "table" }).tryAcquireLock(c, { table });
      const used = await c.query<{ id: number | null }>("SELECT IS_USED_LOCK(?) AS id", [
        `mig:${db.name}.mig_version`,
      ]);
      expect(used[0]!.id).toBe(c.threadId);
      expect(await lockRows()).toEqual([]);
      await (held as LockHandle).release();
      await c.release();
    } finally {
      await forced.close();
    }
    url.searchParams.set("lock", "sometimes");
    const bad = await createDialect()
      .connect(parseDatabaseUrl(url.toString()), { pool: {} })
      .catch((e: unknown) => e);
    expect((bad as Error).message).toContain("lock=sometimes");
    expect((bad as Error).message).not.toContain("mig-secret-pw");
  });

  it("on a server without Galera, the default (auto) is GET_LOCK", async () => {
    const c = await source.acquire();
    try {
      await admin.execute(`DROP TABLE IF EXISTS \`${db.name}\`.other_version_lock`);
      const held = await createDialect().tryAcquireLock(c, { table: { name: "other_version" } });
      const used = await c.query<{ id: number | null }>("SELECT IS_USED_LOCK(?) AS id", [
        `mig:${db.name}.other_version`,
      ]);
      expect(used[0]!.id).toBe(c.threadId);
      await (held as LockHandle).release();
      const tables = await c.query("SHOW TABLES LIKE 'other_version_lock'");
      expect(tables).toEqual([]);
    } finally {
      await c.release();
    }
  });

  it("keeps a long run's row fresh: a holder that beats is never stale", async () => {
    const a = await source.acquire();
    const b = await source.acquire();
    try {
      // Stale after 3 s, so a beat every 0.5 s: wait until the row has been held for longer
      // than the stale period, beating all along; it is then still busy, not taken over.
      const held = await tryOnce(a, { lockStaleAfter: 3 });
      const beatFor = async () =>
        Number(
          (
            await admin.query<{ us: number }>(
              `SELECT TIMESTAMPDIFF(MICROSECOND, acquired_at, heartbeat_at) AS us FROM \`${db.name}\`.mig_version_lock`,
            )
          )[0]!.us,
        );
      for (let i = 0; i < 300 && (await beatFor()) < 3_500_000; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await beatFor()).toBeGreaterThanOrEqual(3_500_000);
      const busy = await tryOnce(b, { lockStaleAfter: 3 });
      expect(isHandle(busy)).toBe(false);
      expect((busy as LockBusy).holder).toMatch(/^held by mig on .+, heartbeat [0-9.]+ s ago$/);
      await (held as LockHandle).release();
    } finally {
      await a.release();
      await b.release();
    }
  });

  it("takes over a row whose heartbeat is older than lockStaleAfter, and only then", async () => {
    const c = await source.acquire();
    try {
      await (await acquireLock(dialectWith(), c, { table, timeoutMs: 0 })).release();
      await deadHolder(30);
      const busy = await tryOnce(c);
      expect((busy as LockBusy).holder).toMatch(
        /^held by mig on crashed-host pid 42, heartbeat 3\d\.\d s ago$/,
      );
      await deadHolder(61);
      const held = await tryOnce(c);
      expect(isHandle(held)).toBe(true);
      const [row] = await lockRows();
      expect(row!.holder).toBe(`mig on ${hostname()} pid ${process.pid}`);
      expect(row!.token).not.toBe("feedfeedfeedfeedfeedfeedfeedfeed");
      await (held as LockHandle).release();
      expect(await lockRows()).toEqual([]);
      // A shorter stale timeout is the user's to choose.
      await deadHolder(30);
      const quick = await tryOnce(c, { lockStaleAfter: 10 });
      expect(isHandle(quick)).toBe(true);
      await (quick as LockHandle).release();
    } finally {
      await c.release();
    }
  });

  it("a lockStaleAfter that is not a positive number is a usage error", async () => {
    const c = await source.acquire();
    try {
      for (const lockStaleAfter of [0, -5, Number.NaN]) {
        await expect(tryOnce(c, { lockStaleAfter })).rejects.toMatchObject({
          code: "invalid_lock_stale_after",
          usage: true,
        });
      }
    } finally {
      await c.release();
    }
  });

  it("release deletes the row only while it is still this run's, and says when it was lost", async () => {
    const c = await source.acquire();
    try {
      const held = (await tryOnce(c)) as LockHandle;
      // Another run took the row over (this one's heartbeat had stopped, say).
      await admin.execute(
        `UPDATE \`${db.name}\`.mig_version_lock SET token = 'beefbeefbeefbeefbeefbeefbeefbeef', holder = 'the other run'`,
      );
      const error = await held.release().catch((e: unknown) => e);
      expect(isMigError(error) && error.code).toBe("lock_lost");
      expect((error as Error).message).toContain("taken over by another run");
      expect((await lockRows()).map((r) => r.holder)).toEqual(["the other run"]);
      await admin.execute(`DELETE FROM \`${db.name}\`.mig_version_lock`);
    } finally {
      await c.release();
    }
  });

  it("20 claims at once: one holder at a time, every one gets its turn", async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = await source.acquire();
        try {
          const held = await acquireLock(dialectWith(), c, { table, timeoutMs: 60_000 });
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
          await held.release();
        } finally {
          await c.release();
        }
      }),
    );
    expect(most).toBe(1);
    expect(await lockRows()).toEqual([]);
  });
});
