import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as mysql from "../../../packages/mysql/test/helpers.js";
import * as postgres from "../../../packages/postgres/test/helpers.js";
import type { Target } from "./autogenerate-project.js";

const pkg = (name: string) => fileURLToPath(new URL(`../../../packages/${name}`, import.meta.url));
const Database = createRequire(pkg("sqlite/package.json"))("better-sqlite3") as new (
  file: string,
) => { prepare(sql: string): { all(): Record<string, unknown>[] }; close(): void };

/** Rows of a query, read with the database's own client (SQLite's file lives in `dir`). */
export async function queryRows(
  target: Target["name"],
  url: string,
  dir: string,
  sql: string,
): Promise<Record<string, unknown>[]> {
  if (target === "sqlite") {
    const db = new Database(join(dir, url.replace(/^sqlite:(\.\/)?/, "")));
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  }
  const helpers = target === "postgres" ? postgres : mysql;
  const source = await helpers.connect(url, { poolSize: 1 });
  try {
    const c = await source.acquire();
    try {
      return await c.query(sql);
    } finally {
      await c.release();
    }
  } finally {
    await source.close();
  }
}

/** The version table's rows, or null when it does not exist. */
export async function versionRows(
  target: Target["name"],
  url: string,
  dir: string,
): Promise<string[] | null> {
  try {
    const rows = await queryRows(target, url, dir, "SELECT version_num FROM mig_version");
    return rows.map((r) => String(r.version_num));
  } catch {
    return null;
  }
}

/**
 * An application's schema from before mig, in each server's own DDL: foreign keys (one
 * cascading), indexes (one unique, one on two columns), unique and check constraints,
 * defaults, an enum where the server has one, a view (not modelled: left out with a
 * warning) and `audit_log`, which the tests' config filter leaves out.
 */
export const EXISTING_SCHEMA: Readonly<Record<Target["name"], readonly string[]>> = {
  sqlite: [
    "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL UNIQUE, born INTEGER CHECK (born > 1000), status TEXT NOT NULL DEFAULT 'active')",
    "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE, title VARCHAR(200) NOT NULL, pages INTEGER DEFAULT 0, price NUMERIC(8,2), created_at TEXT DEFAULT CURRENT_TIMESTAMP)",
    "CREATE INDEX books_title ON books (title)",
    "CREATE UNIQUE INDEX books_author_title ON books (author_id, title)",
    "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, line TEXT)",
    "CREATE VIEW long_books AS SELECT * FROM books WHERE pages > 500",
  ],
  postgres: [
    "CREATE TYPE author_status AS ENUM ('active', 'retired')",
    "CREATE TABLE authors (id serial PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200) NOT NULL CONSTRAINT authors_email_key UNIQUE, born integer CONSTRAINT authors_born_check CHECK (born > 1000), status author_status NOT NULL DEFAULT 'active')",
    "CREATE TABLE books (id bigserial PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE, title text NOT NULL, pages integer DEFAULT 0, price numeric(8,2), tags text[], meta jsonb DEFAULT '{}'::jsonb, created_at timestamptz NOT NULL DEFAULT now())",
    "CREATE INDEX books_title ON books (title)",
    "CREATE UNIQUE INDEX books_author_title ON books (author_id, lower(title))",
    "CREATE TABLE audit_log (id serial PRIMARY KEY, line text)",
    "CREATE VIEW long_books AS SELECT * FROM books WHERE pages > 500",
  ],
  mariadb: [
    "CREATE TABLE authors (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL, born INT, status ENUM('active','retired') NOT NULL DEFAULT 'active', CONSTRAINT authors_email_key UNIQUE (email), CONSTRAINT authors_born_check CHECK (born > 1000))",
    "CREATE TABLE books (id BIGINT AUTO_INCREMENT PRIMARY KEY, author_id INT NOT NULL, title VARCHAR(200) NOT NULL, pages INT DEFAULT 0, price DECIMAL(8,2), created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT books_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE)",
    "CREATE INDEX books_title ON books (title)",
    "CREATE UNIQUE INDEX books_author_title ON books (author_id, title)",
    "CREATE TABLE audit_log (id INT AUTO_INCREMENT PRIMARY KEY, line TEXT)",
    "CREATE VIEW long_books AS SELECT * FROM books WHERE pages > 500",
  ],
};

/** The config's filter of the tests: `audit_log` belongs to another tool. */
export const FILTER_CONFIG = `schema: "./schema.ts",
  includeName: (name, info) => !(info.type === "table" && name === "audit_log"),`;
