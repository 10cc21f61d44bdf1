import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ConnectionSource, parseDatabaseUrl } from "@mig/core";
import { afterEach } from "vitest";
import { createDialect, type SqliteConnection, type SqliteDialectOptions } from "../src/index.js";

const dirs: string[] = [];
const sources: ConnectionSource[] = [];

afterEach(async () => {
  for (const source of sources.splice(0)) await source.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-sqlite-"));
  dirs.push(dir);
  return dir;
}

/** Connects the way the CLI does: parse the URL in core, then `dialect.connect`. */
export async function connect(
  url: string,
  options: { cwd?: string; dialect?: SqliteDialectOptions } = {},
): Promise<{ source: ConnectionSource; connection: SqliteConnection }> {
  const dialect = createDialect(options.dialect);
  const source = await dialect.connect(parseDatabaseUrl(url), { cwd: options.cwd ?? tempDir() });
  sources.push(source);
  const connection = (await source.acquire()) as SqliteConnection;
  return { source, connection };
}

export async function tableNames(connection: SqliteConnection): Promise<string[]> {
  const rows = await connection.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  return rows.map((row) => row.name);
}

export async function columnNames(connection: SqliteConnection, table: string): Promise<string[]> {
  const rows = await connection.query<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [
    table,
  ]);
  return rows.map((row) => row.name);
}

export function caught(fn: () => unknown): Promise<unknown> {
  return Promise.resolve()
    .then(fn)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}
