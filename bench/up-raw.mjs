#!/usr/bin/env node
// The `up` benchmark's workload and its raw-driver program: `node bench/up-raw.mjs <dialect>
// <file-or-url> <n> <statements.json>` loads the driver and sends mig's own statements for N
// migrations (what bench/up.mjs spawns and times; the JSON file is what up-statements.mjs
// renders). Only Node built-ins, common.mjs and up-statements.mjs load before it runs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prng, REPO } from "./common.mjs";
import { FROM, REV } from "./up-statements.mjs";

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
 * One process: load the driver, connect, create the version table and the applied log, then
 * per migration what mig's runner sends, in the same round trips (statements from mig's own
 * dialect, `st`: up-statements.mjs): BEGIN; CREATE TABLE; the version row's INSERT (first) or
 * UPDATE; the log row; COMMIT. Where mig sends a COMMIT with the next BEGIN (PostgreSQL,
 * MySQL), the version change and log row go with them: on PostgreSQL the UPDATE the server
 * checks and the finished row; on MySQL (no such check) the UPDATE on its own and the row
 * written ahead, finished with the COMMIT. The last migration's go one by one, as mig's.
 */
async function rawProgram(dialect, target, n, st) {
  const ids = revisionIds(n);
  const sql = SQL[dialect];
  const Driver = loadDriver(dialect);
  const to = (text, i) => text.replaceAll(REV, ids[i]);
  const move = (i) => (i === 0 ? sql.insert(ids[0]) : sql.update(ids[i - 1], ids[i]));
  let exec;
  let close;
  if (dialect === "sqlite") {
    // As @mig/sqlite opens it: busy timeout 5 s, foreign keys off, default journal/sync.
    const db = new Driver(target, { timeout: 5000 });
    db.pragma("foreign_keys = OFF");
    exec = async (s) => {
      if (s === sql.begin || s === sql.commit) db.exec(s);
      else db.prepare(s).run();
    };
    // mig binds the version UPDATE and the log row to statements prepared once per run
    // (capabilities.reusesPreparedStatements); so does this program.
    let update; // prepared on first use, once the version table exists
    let log;
    const moveBound = async (i) => {
      if (i === 0) return exec(move(0));
      update ??= db.prepare(`UPDATE "mig_version" SET "version_num" = ? WHERE "version_num" = ?`);
      update.run(ids[i], ids[i - 1]);
    };
    const logBound = async (i) => {
      log ??= db.prepare(st.logBound.sql);
      log.run(...st.logBound.params.map((p) => (p === REV ? ids[i] : p)));
    };
    await exec(sql.createVersionTable);
    await exec(st.createLog);
    for (let i = 0; i < n; i++) {
      await exec(sql.begin);
      await exec(migrationSql(i + 1));
      await moveBound(i);
      await logBound(i);
      await exec(sql.commit);
    }
    db.close();
    return;
  }
  if (dialect === "postgres") {
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
  const checked = (i) => (i === 0 ? move(0) : to(st.checkedUpdate, i).replaceAll(FROM, ids[i - 1]));
  await exec(sql.createVersionTable);
  await exec(st.createLog);
  await exec(sql.begin);
  if (dialect === "mysql") await exec(to(st.logOpen, 0));
  for (let i = 0; i < n; i++) {
    const last = i === n - 1;
    await exec(migrationSql(i + 1));
    if (dialect === "postgres") {
      if (last) {
        await exec(move(i));
        await exec(to(st.logInsert, i));
        await exec(sql.commit);
      } else {
        await exec(`${checked(i)}; ${to(st.logInsert, i)}; ${sql.commit}; ${sql.begin}`);
      }
    } else {
      await exec(move(i));
      if (last) {
        await exec(to(st.logFinish, i));
        await exec(sql.commit);
      } else {
        const next = to(st.logOpen, i + 1);
        await exec(`${to(st.logFinish, i)}; ${sql.commit}; ${sql.begin}; ${next}`);
      }
    }
  }
  await close();
}

if (process.argv[1] === THIS_FILE) {
  const [dialect, target, n, statements] = process.argv.slice(2);
  await rawProgram(dialect, target, Number(n), JSON.parse(readFileSync(statements, "utf8")));
  process.exit(0);
}
