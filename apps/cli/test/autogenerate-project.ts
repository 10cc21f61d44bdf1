import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import * as mysql from "../../../packages/mysql/test/helpers.js";
import * as postgres from "../../../packages/postgres/test/helpers.js";
import { type Run, tempDir } from "./run-cli.js";

const pkg = (name: string) => fileURLToPath(new URL(`../../../packages/${name}`, import.meta.url));

// better-sqlite3 is @mig/sqlite's dependency; tests write "existing" databases through it.
const Database = createRequire(pkg("sqlite/package.json"))("better-sqlite3") as new (
  file: string,
  options?: { readonly?: boolean },
) => {
  exec(sql: string): void;
  prepare(sql: string): { all(): unknown[] };
  close(): void;
};

/** A database on one of the three servers, and how to run DDL on it as its own client would. */
export interface TargetDatabase {
  readonly url: string;
  exec(statements: readonly string[]): Promise<void>;
  drop(): Promise<void>;
}

export interface Target {
  readonly name: "sqlite" | "postgres" | "mariadb";
  /** A fresh empty database; `dir` is the project (SQLite's file lives there). */
  database(dir: string): Promise<TargetDatabase>;
  /** Two tables and an index of an app that exists before mig: authors, books. */
  readonly existingDdl: readonly string[];
}

async function serverDatabase(
  helpers: typeof postgres | typeof mysql,
  label: string,
): Promise<TargetDatabase> {
  const db = await helpers.createTestDatabase(label);
  return {
    url: db.url,
    async exec(statements) {
      const source = await helpers.connect(db.url, { poolSize: 1 });
      try {
        const c = await source.acquire();
        for (const sql of statements) await c.execute(sql);
        await c.release();
      } finally {
        await source.close();
      }
    },
    drop: () => db.drop(),
  };
}

/** A list to push each test database into; every one is dropped after the file's tests. */
export function droppedAfterAll(): TargetDatabase[] {
  const databases: TargetDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });
  return databases;
}

export const TARGETS: readonly Target[] = [
  {
    name: "sqlite",
    database: async (dir) => ({
      url: "sqlite:./app.db",
      async exec(statements) {
        const db = new Database(join(dir, "app.db"));
        try {
          for (const sql of statements) db.exec(sql);
        } finally {
          db.close();
        }
      },
      drop: async () => undefined,
    }),
    existingDdl: [
      "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, born INTEGER)",
      "CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors (id), title VARCHAR(200) NOT NULL, pages INTEGER DEFAULT 0)",
      "CREATE INDEX books_title ON books (title)",
    ],
  },
  {
    name: "postgres",
    database: () => serverDatabase(postgres, "ag"),
    existingDdl: [
      "CREATE TABLE authors (id serial PRIMARY KEY, name varchar(100) NOT NULL, born integer)",
      "CREATE TABLE books (id serial PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id), title varchar(200) NOT NULL, pages integer DEFAULT 0)",
      "CREATE INDEX books_title ON books (title)",
    ],
  },
  {
    name: "mariadb",
    database: () => serverDatabase(mysql, "ag"),
    existingDdl: [
      "CREATE TABLE authors (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, born INT)",
      "CREATE TABLE books (id INT AUTO_INCREMENT PRIMARY KEY, author_id INT NOT NULL, title VARCHAR(200) NOT NULL, pages INT DEFAULT 0, CONSTRAINT books_author FOREIGN KEY (author_id) REFERENCES authors (id))",
      "CREATE INDEX books_title ON books (title)",
    ],
  },
];

/** The schema module of the tests: users and posts (a foreign key, an index). */
export const SCHEMA_V1 = `import { t, table } from "@mig/core";

export const users = table("users", {
  id: { type: "integer", primaryKey: true, autoincrement: true },
  email: { type: t.varchar(255), nullable: false },
  age: { type: "integer" },
});

export const posts = table(
  "posts",
  {
    id: { type: "integer", primaryKey: true, autoincrement: true },
    user_id: { type: "integer", nullable: false, references: { table: "users", column: "id" } },
    title: { type: t.varchar(200), nullable: false },
  },
  { indexes: [{ name: "posts_title", columns: ["title"] }] },
);
`;

/** Version 2: users loses \`age\` (destroys data) and gains a nullable \`nickname\`. */
export const SCHEMA_V2 = SCHEMA_V1.replace(
  '  age: { type: "integer" },\n',
  "  nickname: { type: t.varchar(50) },\n",
);

/**
 * A project as a user has one: \`mig.config.ts\` importing @mig/core, the dialect packages
 * installed in node_modules (linked to this repository's), \`migrations/\` with the default
 * template. \`config\` is more keys for the config object, as source text.
 */
export function autogenerateProject(url: string, config = 'schema: "./schema.ts",'): string {
  const dir = tempDir("mig-autogen-");
  mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
  for (const name of ["core", "sqlite", "postgres", "mysql"]) {
    symlinkSync(pkg(name), join(dir, "node_modules", "@mig", name));
  }
  mkdirSync(join(dir, "migrations"));
  writeConfig(dir, url, config);
  return dir;
}

export function writeConfig(dir: string, url: string, config: string): void {
  writeFileSync(
    join(dir, "mig.config.ts"),
    `import { defineConfig } from "@mig/core";

export default defineConfig({
  url: ${JSON.stringify(url)},
  ${config}
});
`,
  );
}

export function migrationFiles(dir: string): string[] {
  return readdirSync(join(dir, "migrations")).filter((f) => f.endsWith(".ts"));
}

/** Everything a run printed, for "never printed" checks. */
export const printed = (r: Run) => r.stdout + r.stderr;

/** The tables of a SQLite database file, sorted; none when the file does not exist. */
export function sqliteTables(file: string): string[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return (rows as { name: string }[]).map((r) => r.name).sort();
  } finally {
    db.close();
  }
}
