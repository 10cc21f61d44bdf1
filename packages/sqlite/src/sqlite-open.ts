import { statSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseConnectionError } from "@mig/core/dialect";
import type Database from "better-sqlite3";
import type { SqliteDriverOptions } from "./sqlite-driver-options.js";
import { openSqliteFile } from "./sqlite-native.js";
import { MEMORY } from "./sqlite-url.js";

/** Opens the file, or fails with one plain line naming what is wrong and how to fix it. */
export function openDatabase(options: SqliteDriverOptions): Database.Database {
  const { file } = options;
  if (file !== MEMORY) checkDirectory(file);
  let db: Database.Database;
  try {
    db = openSqliteFile(file, {
      readonly: options.mode === "ro",
      fileMustExist: options.mode !== "rwc",
      timeout: options.timeoutMs,
    });
  } catch (cause) {
    if (options.mode !== "rwc" && !exists(file)) {
      throw new DatabaseConnectionError(
        `The SQLite database ${file} does not exist (the URL asks for mode=${options.mode}).`,
        "Create it first, or drop mode= from the URL so it is created.",
        cause,
      );
    }
    throw new DatabaseConnectionError(
      `Cannot open the SQLite database ${file}: ${(cause as Error).message}.`,
      "Check that the path is a file this user can read and write.",
      cause,
    );
  }
  try {
    // better-sqlite3 builds SQLite with foreign keys on; a migration tool wants SQLite's
    // (and Alembic's) default, off, so a move-and-copy alter can drop and rename tables.
    db.pragma(`foreign_keys = ${options.foreignKeys ? "ON" : "OFF"}`);
    readHeader(db);
  } catch (cause) {
    db.close();
    if ((cause as { code?: string }).code === "SQLITE_NOTADB") {
      throw new DatabaseConnectionError(
        `The file ${file} is not a SQLite database.`,
        "Check the path in the database URL.",
        cause,
      );
    }
    throw new DatabaseConnectionError(
      `Cannot read the SQLite database ${file}: ${(cause as Error).message}.`,
      "Check that the path is a file this user can read and write.",
      cause,
    );
  }
  return db;
}

/** Fails now, not mid-run, on a file that is not a database; busy means another writer has it. */
function readHeader(db: Database.Database): void {
  try {
    db.pragma("schema_version");
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) throw error;
  }
}

function checkDirectory(file: string): void {
  const dir = dirname(file);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {}
  if (!isDirectory) {
    throw new DatabaseConnectionError(
      `Cannot open the SQLite database ${file}: the directory ${dir} does not exist.`,
      `Create the directory (mkdir -p ${dir}) or fix the path in the database URL.`,
    );
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
