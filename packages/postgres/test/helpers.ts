import { type PoolOptions, parseDatabaseUrl } from "@mig/core";
import { createDialect, type PostgresDialectOptions } from "../src/index.js";
import type { PostgresConnectionSource } from "../src/postgres-driver.js";

/** The server every database test uses; a missing one fails the tests, never skips them. */
export function serverUrl(): string {
  const url = process.env.MIG_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      "MIG_TEST_POSTGRES_URL is not set, so the PostgreSQL tests cannot run. Start the test server with " +
        '`scripts/db/postgres.sh start` and run: MIG_TEST_POSTGRES_URL="$(scripts/db/postgres.sh url)" pnpm exec vitest run ' +
        "(the repository's `pnpm test` does both).",
    );
  }
  return url;
}

/** The server URL pointing at another database, with extra query parameters. */
export function withDatabase(
  url: string,
  database: string,
  params: Record<string, string> = {},
): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export function connect(
  url: string,
  pool: PoolOptions = {},
  options: PostgresDialectOptions = {},
): Promise<PostgresConnectionSource> {
  return createDialect(options).connect(parseDatabaseUrl(url), { pool });
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const source = await connect(serverUrl(), { poolSize: 1 });
  try {
    const c = await source.acquire();
    await c.execute(sql);
    await c.release();
  } finally {
    await source.close();
  }
}

/** A fresh database (one per test file, or per conformance test); `drop()` removes it. */
export async function createTestDatabase(label = "t"): Promise<TestDatabase> {
  const name = `mig_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(`CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
