import { type PoolOptions, parseDatabaseUrl } from "@mig/core";
import { createDialect } from "../src/index.js";
import type { MysqlConnectionSource } from "../src/mysql-driver.js";

/** The server every database test uses; a missing one fails the tests, never skips them. */
export function serverUrl(): string {
  const url = process.env.MIG_TEST_MYSQL_URL;
  if (!url) {
    throw new Error(
      "MIG_TEST_MYSQL_URL is not set. Start the test server with `scripts/db/mariadb.sh start` " +
        'and run: MIG_TEST_MYSQL_URL="$(scripts/db/mariadb.sh url)" pnpm exec vitest run',
    );
  }
  return url;
}

/** The server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function connect(url: string, pool: PoolOptions = {}): Promise<MysqlConnectionSource> {
  return createDialect().connect(parseDatabaseUrl(url), { pool });
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file; `drop()` removes it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = serverUrl();
  const name = `mig_t_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await connect(base, { poolSize: 1 });
  try {
    const c = await admin.acquire();
    await c.execute(`CREATE DATABASE \`${name}\``);
    await c.release();
  } finally {
    await admin.close();
  }
  return {
    name,
    url: withDatabase(base, name),
    async drop() {
      const source = await connect(base, { poolSize: 1 });
      try {
        const c = await source.acquire();
        await c.execute(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.release();
      } finally {
        await source.close();
      }
    },
  };
}

/** The three Galera nodes' URLs; a missing cluster fails the Galera tests, never skips them. */
export function galeraUrls(): string[] {
  const urls = (process.env.MIG_TEST_GALERA_URLS ?? "").split(",").filter(Boolean);
  if (urls.length < 2) {
    throw new Error(
      "MIG_TEST_GALERA_URLS is not set (or names fewer than 2 nodes). Start the test cluster with " +
        '`scripts/db/galera.sh start` and run: MIG_TEST_GALERA_URLS="$(scripts/db/galera.sh url)" pnpm exec vitest run',
    );
  }
  return urls;
}
