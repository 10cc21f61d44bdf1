import { join } from "node:path";
import {
  OfflineExecutor,
  OnlineExecutor,
  type Operation,
  Operations,
  reverseOperation,
  type SchemaSnapshot,
} from "@mig/core";
import { expect } from "vitest";
import { createDialect, type SqliteConnection, type SqliteDialect } from "../src/index.js";
import { connect, tempDir } from "./helpers.js";

export interface Db {
  readonly dialect: SqliteDialect;
  readonly connection: SqliteConnection;
  readonly file: string;
}

/** A fresh database file; `?foreign_keys=on` when asked. */
export async function freshDb(options: { foreignKeys?: boolean } = {}): Promise<Db> {
  const dir = tempDir();
  const file = join(dir, "ops.db");
  const query = options.foreignKeys ? "?foreign_keys=on" : "";
  const { connection } = await connect(`sqlite:${file}${query}`, { cwd: dir });
  return { dialect: createDialect(), connection, file };
}

/** Runs `body` the way the runner runs a migration: begin, op calls, flush, commit. */
export async function migrate(db: Db, body: (op: Operations) => unknown): Promise<void> {
  const op = new Operations(new OnlineExecutor(db.dialect, db.connection));
  await db.connection.begin();
  try {
    await body(op);
    await op.flush();
    await db.connection.commit();
  } catch (error) {
    await op.settle();
    await db.connection.rollback();
    throw error;
  }
}

/** Like `migrate`, outside any transaction (a `transactional = false` migration). */
export async function migrateWithoutTransaction(
  db: Db,
  body: (op: Operations) => unknown,
): Promise<void> {
  const op = new Operations(new OnlineExecutor(db.dialect, db.connection));
  await body(op);
  await op.flush();
}

export function snapshot(db: Db): Promise<SchemaSnapshot> {
  return db.dialect.introspect(db.connection);
}

/**
 * Applies `operation`, then its reverse; returns the schema in between. The schema after
 * the reverse must equal the one before.
 */
export async function roundTrip(db: Db, operation: Operation): Promise<SchemaSnapshot> {
  const before = await snapshot(db);
  await migrate(db, (op) => op.invoke(operation));
  const during = await snapshot(db);
  const back = reverseOperation(operation);
  expect(back).toBeDefined();
  await migrate(db, (op) => op.invoke(back!));
  expect(await snapshot(db)).toEqual(before);
  return during;
}

/** The SQL an offline (`--sql`) run writes for `body`, inside BEGIN/COMMIT. */
export async function offlineSql(body: (op: Operations) => unknown): Promise<string> {
  let text = "";
  const exec = new OfflineExecutor(createDialect(), (chunk) => {
    text += chunk;
  });
  const op = new Operations(exec);
  await exec.begin();
  await body(op);
  await op.flush();
  await exec.commit();
  return text;
}

export function table(snap: SchemaSnapshot, name: string) {
  const found = snap.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name} in snapshot`);
  return found;
}

export async function rows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return db.connection.query(sql);
}
