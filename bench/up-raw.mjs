#!/usr/bin/env node
// The `up` benchmark's workload and its raw-driver program: `node bench/up-raw.mjs <dialect>
// <file-or-url> <n>` loads the driver and sends mig's own statements for N migrations (what
// bench/up.mjs spawns and times). Only Node built-ins and common.mjs load before it runs.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prng, REPO } from "./common.mjs";

const THIS_FILE = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- the shared workload

/** The same revision ids in every tool and every run. */
export function revisionIds(n) {
  const { hex } = prng(0x5eed0000 + n);
  const seen = new Set();
  const ids = [];
  while (ids.length < n) {
    const id = hex(12);
    if (!seen.has(id)) {
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

export const migrationSql = (i) => `CREATE TABLE t_${i} (id INTEGER PRIMARY KEY)`;
export const DB_NAME = "mig_bench_up"; // the database each PostgreSQL/MariaDB run creates afresh

/**
 * The statements mig sends, per dialect (DialectBase.versionTable and the dialects'
 * overrides, transcribed): the version table, BEGIN (SQLite: BEGIN IMMEDIATE, as
 * @mig/sqlite's begin(); MySQL: START TRANSACTION), the INSERT of the first revision and
 * the UPDATE from one revision to the next.
 */
export const SQL = {
  sqlite: ansi("BEGIN IMMEDIATE", ""),
  postgres: ansi("BEGIN", ""),
  mysql: ansi("START TRANSACTION", " ENGINE=InnoDB", (s) => `\`${s}\``),
};

function ansi(begin, createSuffix, q = (s) => `"${s}"`) {
  const t = q("mig_version");
  const c = q("version_num");
  return {
    begin,
    commit: "COMMIT",
    createVersionTable: `CREATE TABLE ${t} (${c} VARCHAR(32) NOT NULL, CONSTRAINT ${q("mig_version_pkc")} PRIMARY KEY (${c}))${createSuffix}`,
    insert: (rev) => `INSERT INTO ${t} (${c}) VALUES ('${rev}')`,
    update: (from, to) => `UPDATE ${t} SET ${c} = '${to}' WHERE ${c} = '${from}'`,
  };
}

/** The driver packages, resolved from the dialect packages that depend on them. */
export const requireFrom = (dialect) =>
  createRequire(join(REPO, "packages", dialect, "package.json"));
const DRIVERS = { sqlite: "better-sqlite3", postgres: "pg", mysql: "mysql2" };
export const loadDriver = (dialect) => requireFrom(dialect)(DRIVERS[dialect]);

/** mysql2 options as @mig/mysql builds them from a URL (mysql-url.ts, mysql-driver.ts). */
export function mysqlOptions(url) {
  const u = new URL(url);
  const dec = (s) => (s ? decodeURIComponent(s) : undefined);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost",
    port: u.port ? Number(u.port) : 3306,
    user: dec(u.username),
    password: dec(u.password),
    ...(u.pathname.length > 1 ? { database: dec(u.pathname.slice(1)) } : {}),
    charset: "utf8mb4",
    multipleStatements: true,
    timezone: "Z",
    supportBigNumbers: true,
  };
}

// ---------------------------------------------------------------- raw-driver program

/**
 * One process: load the driver, connect, create the version table, then per migration
 * BEGIN; CREATE TABLE; INSERT (first) / UPDATE (the rest) on mig_version; COMMIT, with
 * one migration's COMMIT and the next one's BEGIN sent together where mig does so.
 */
async function rawProgram(dialect, target, n) {
  const ids = revisionIds(n);
  const sql = SQL[dialect];
  const Driver = loadDriver(dialect);
  let exec;
  let close;
  // SQLite: mig binds the version UPDATE to a statement prepared once per run
  // (capabilities.reusesPreparedStatements); the raw program does the same.
  let update = (from, to) => exec(sql.update(from, to));
  if (dialect === "sqlite") {
    // As @mig/sqlite opens it: busy timeout 5 s, foreign keys off, default journal/sync.
    const db = new Driver(target, { timeout: 5000 });
    db.pragma("foreign_keys = OFF");
    exec = async (s) => {
      if (s === sql.begin || s === sql.commit) db.exec(s);
      else db.prepare(s).run();
    };
    let bound; // prepared on first use, once the version table exists
    update = async (from, to) => {
      bound ??= db.prepare(`UPDATE "mig_version" SET "version_num" = ? WHERE "version_num" = ?`);
      bound.run(to, from);
    };
    close = async () => db.close();
  } else if (dialect === "postgres") {
    const client = new Driver.Client({ connectionString: target });
    await client.connect();
    exec = (s) => client.query(s);
    close = () => client.end();
  } else {
    const conn = Driver.createConnection(mysqlOptions(target));
    await new Promise((resolve, reject) => {
      conn.once("connect", resolve);
      conn.once("error", reject);
    });
    exec = (s) =>
      new Promise((resolve, reject) => conn.query(s, (e, r) => (e ? reject(e) : resolve(r))));
    close = () => new Promise((resolve) => conn.end(() => resolve()));
  }
  await exec(sql.createVersionTable);
  // As mig's runner: on PostgreSQL and MySQL a migration's COMMIT and the next one's BEGIN
  // go in one round trip (Connection.commitAndBegin); SQLite has no round trips to save.
  const between = dialect === "sqlite" ? undefined : `${sql.commit}; ${sql.begin}`;
  await exec(sql.begin);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (between) await exec(between);
      else {
        await exec(sql.commit);
        await exec(sql.begin);
      }
    }
    await exec(migrationSql(i + 1));
    await (i === 0 ? exec(sql.insert(ids[0])) : update(ids[i - 1], ids[i]));
  }
  await exec(sql.commit);
  await close();
}

if (process.argv[1] === THIS_FILE) {
  const [dialect, target, n] = process.argv.slice(2);
  await rawProgram(dialect, target, Number(n));
  process.exit(0);
}
