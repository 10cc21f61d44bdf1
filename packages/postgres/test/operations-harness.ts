import {
  type Connection,
  type IntrospectOptions,
  OfflineExecutor,
  OnlineExecutor,
  type Operation,
  Operations,
  parseDatabaseUrl,
  reverseOperation,
  type SchemaSnapshot,
} from "@mig/core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createDialect, type PostgresDialect } from "../src/index.js";
import type { PostgresConnectionSource } from "../src/postgres-driver.js";
import { createTestDatabase, type TestDatabase } from "./helpers.js";

/**
 * One database per test file, emptied before each test (an empty public schema); `op` runs
 * operations online on one connection, the way a migration's `op` does.
 */
export interface OperationsHarness {
  readonly dialect: PostgresDialect;
  connection(): Connection;
  op(): Operations;
  snapshot(options?: IntrospectOptions): Promise<SchemaSnapshot>;
  /** Runs `operation`, lets `check` look at the result, reverses it, and expects `before`. */
  roundTrip(
    operation: Operation,
    check: (after: SchemaSnapshot, before: SchemaSnapshot) => void | Promise<void>,
    options?: IntrospectOptions,
  ): Promise<void>;
  /** The statements `--sql` would write for `operations`, as one script. */
  offlineSql(operations: readonly Operation[]): Promise<string>;
  /** Drops every schema but the system's and makes public again, as before each test. */
  reset(): Promise<void>;
}

export function useOperationsHarness(label: string): OperationsHarness {
  const dialect = createDialect();
  let db: TestDatabase | undefined;
  let source: PostgresConnectionSource | undefined;
  let conn: Connection | undefined;
  let ops: Operations | undefined;

  const connection = () => {
    if (!conn) throw new Error("harness not started");
    return conn;
  };
  const snapshot = (options?: IntrospectOptions) => dialect.introspect(connection(), options);
  const op = () => {
    if (!ops) throw new Error("harness not started");
    return ops;
  };
  const reset = async () => {
    const rows = await connection().query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
    );
    const drops = rows.map((r) => `DROP SCHEMA ${dialect.quoteIdentifier(r.name)} CASCADE;`);
    await connection().execute(`${drops.join(" ")} CREATE SCHEMA public;`);
  };

  beforeAll(async () => {
    db = await createTestDatabase(label);
    source = await dialect.connect(parseDatabaseUrl(db.url), { pool: { poolSize: 1 } });
    conn = await source.acquire();
    ops = new Operations(new OnlineExecutor(dialect, conn));
  });
  afterAll(async () => {
    await conn?.release();
    await source?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await op().settle();
    await reset();
  });

  return {
    dialect,
    connection,
    op,
    snapshot,
    reset,
    async roundTrip(operation, check, options) {
      const before = await snapshot(options);
      await op().invoke(operation);
      const after = await snapshot(options);
      await check(after, before);
      const back = reverseOperation(operation);
      expect(back, `${operation.kind} has a reverse`).toBeDefined();
      await op().invoke(back!);
      expect(await snapshot(options)).toEqual(before);
    },
    async offlineSql(operations) {
      let text = "";
      const offline = new Operations(new OfflineExecutor(dialect, (t) => (text += t)));
      for (const o of operations) await offline.invoke(o);
      await offline.flush();
      return text;
    },
  };
}
