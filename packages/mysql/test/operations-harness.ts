import {
  OfflineExecutor,
  OnlineExecutor,
  type Operation,
  Operations,
  reverseOperation,
  type SchemaSnapshot,
  type TableSnapshot,
} from "@mig/core";
import { afterEach, beforeEach, expect } from "vitest";
import { createDialect, type MysqlConnection, type MysqlConnectionSource } from "../src/index.js";
import { connect, createTestDatabase, type TestDatabase } from "./helpers.js";

export const dialect = createDialect();

/** A fresh database per test, an online `op`, and the steps every round trip takes. */
export class OperationsHarness {
  readonly db: TestDatabase;
  readonly source: MysqlConnectionSource;
  readonly connection: MysqlConnection;
  readonly op: Operations;

  private constructor(
    db: TestDatabase,
    source: MysqlConnectionSource,
    connection: MysqlConnection,
  ) {
    this.db = db;
    this.source = source;
    this.connection = connection;
    this.op = new Operations(new OnlineExecutor(dialect, connection));
  }

  static async open(label: string): Promise<OperationsHarness> {
    const db = await createTestDatabase(label);
    const source = await connect(db.url, { poolSize: 1 });
    return new OperationsHarness(db, source, await source.acquire());
  }

  async close(): Promise<void> {
    await this.connection.release();
    await this.source.close();
    await this.db.drop();
  }

  snapshot(): Promise<SchemaSnapshot> {
    return dialect.introspect(this.connection);
  }

  async table(name: string): Promise<TableSnapshot> {
    const found = (await this.snapshot()).tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  }

  async run(...operations: Operation[]): Promise<void> {
    try {
      for (const operation of operations) await this.op.invoke(operation);
      await this.op.flush();
    } catch (error) {
      // A failed call stops the rest of a migration; the next test step starts afresh.
      await this.op.settle();
      throw error;
    }
  }

  /**
   * Applies `op`, lets `check` look at the schema before and after, applies the reverse
   * (`reverseOperation(op)` unless `back` is given) and expects the schema as it was.
   */
  async roundTrip(
    op: Operation,
    check: (after: SchemaSnapshot, before: SchemaSnapshot) => void,
    back: Operation | undefined = reverseOperation(op),
  ): Promise<void> {
    const before = await this.snapshot();
    await this.run(op);
    const after = await this.snapshot();
    expect(after).not.toEqual(before);
    check(after, before);
    expect(back, `no reverse for ${op.kind}`).toBeDefined();
    await this.run(back!);
    expect(await this.snapshot()).toEqual(before);
  }
}

/** `op` as `--sql` text: the statements an offline run writes. */
export async function offlineSql(build: (op: Operations) => Promise<void>): Promise<string> {
  let out = "";
  const op = new Operations(new OfflineExecutor(dialect, (text) => (out += text)));
  await build(op);
  await op.flush();
  return out;
}

/** Registers a harness opened before and closed after each test. */
export function useHarness(label: string): () => OperationsHarness {
  let current: OperationsHarness | undefined;
  beforeEach(async () => {
    current = await OperationsHarness.open(label);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => current!;
}

export const table = (name: string) => ({ name });
