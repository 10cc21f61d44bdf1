#!/usr/bin/env node
// `up` benchmark: applying N trivial migrations (`CREATE TABLE t_<i> (id INTEGER PRIMARY KEY)`)
// in one run, with `mig up`, with the raw driver running the same statements, and with
// `alembic upgrade head`, side by side, on SQLite, PostgreSQL and MariaDB/MySQL.
// Plain Node ESM, no build step (but mig itself must be built: `pnpm build`):
//
//   node bench/up.mjs [--n 1000] [--only sqlite,postgres,mysql] [--runs 3] [--regenerate]
//
// Projects go to bench/.work/up-<dialect>/ (gitignored). Not a test: it prints figures;
// DESIGN.md section 9 sets the budgets (SQLite within 2x of the raw driver, PostgreSQL and
// MariaDB within 1.3x; a no-op `up` at head and `mig --version` under 0.1 s).
//
// The same file is also the raw-driver program: `node bench/up.mjs --raw <dialect> <target> <n>`
// (what the benchmark spawns and times; only Node built-ins are loaded before that branch).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ALEMBIC_ENV, alembicIni } from "./alembic-project.mjs";
import {
  ALEMBIC_BIN,
  ENV,
  MIG_BIN,
  median,
  parseArgs,
  printTable,
  prng,
  REPO,
  recordBudget,
  run,
  sleep,
  WORK,
} from "./common.mjs";

const THIS_FILE = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- the shared workload

/** The same revision ids in every tool and every run. */
function revisionIds(n) {
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

const migrationSql = (i) => `CREATE TABLE t_${i} (id INTEGER PRIMARY KEY)`;
const DB_NAME = "mig_bench_up"; // the database each PostgreSQL/MariaDB run creates afresh

/**
 * The statements mig sends, per dialect (DialectBase.versionTable and the dialects'
 * overrides, transcribed): the version table, BEGIN (SQLite: BEGIN IMMEDIATE, as
 * @mig/sqlite's begin(); MySQL: START TRANSACTION), the INSERT of the first revision and
 * the UPDATE from one revision to the next.
 */
const SQL = {
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
const requireFrom = (dialect) => createRequire(join(REPO, "packages", dialect, "package.json"));
const DRIVERS = { sqlite: "better-sqlite3", postgres: "pg", mysql: "mysql2" };
const loadDriver = (dialect) => requireFrom(dialect)(DRIVERS[dialect]);

/** mysql2 options as @mig/mysql builds them from a URL (mysql-url.ts, mysql-driver.ts). */
function mysqlOptions(url) {
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
  if (dialect === "sqlite") {
    // As @mig/sqlite opens it: busy timeout 5 s, foreign keys off, default journal/sync.
    const db = new Driver(target, { timeout: 5000 });
    db.pragma("foreign_keys = OFF");
    exec = async (s) => {
      if (s === sql.begin || s === sql.commit) db.exec(s);
      else db.prepare(s).run();
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
    await exec(i === 0 ? sql.insert(ids[0]) : sql.update(ids[i - 1], ids[i]));
  }
  await exec(sql.commit);
  await close();
}

if (process.argv[2] === "--raw") {
  const [dialect, target, n] = process.argv.slice(3);
  await rawProgram(dialect, target, Number(n));
  process.exit(0);
}

// ---------------------------------------------------------------- options

const args = parseArgs(process.argv.slice(2));
const N = Math.max(1, Number(args.n ?? 1000));
const RUNS = Math.max(1, Number(args.runs ?? 3));
const ONLY = String(args.only ?? "sqlite,postgres,mysql")
  .split(",")
  .map((s) => s.trim())
  .map((s) => (s === "mariadb" ? "mysql" : s === "pg" || s === "postgresql" ? "postgres" : s))
  .filter(Boolean);
const SYSTEM_PYTHON = "/usr/bin/python3"; // the python3 first on PATH cannot import alembic
const GENERATOR_VERSION = 1;
const BUDGET = { sqlite: 1.3, postgres: 1.3, mysql: 1.3 };
const BUDGET_NOOP_MS = 150;
const LABEL = { sqlite: "SQLite", postgres: "PostgreSQL", mysql: "MariaDB" };

for (const d of ONLY) {
  if (!(d in SQL)) {
    console.error(`up.mjs: unknown dialect '${d}' in --only (use sqlite, postgres, mysql)`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------- project writers

const pad = (i) => String(i).padStart(String(N).length, "0");

function migScript(i, rev, down) {
  return `/** create t_${i} */
import type { Operations } from "@mig/core";

export const revision = ${JSON.stringify(rev)};
export const downRevision: string | readonly string[] | null = ${down ? JSON.stringify(down) : "null"};
export const branchLabels: readonly string[] = [];
export const dependsOn: readonly string[] = [];

export async function upgrade(op: Operations): Promise<void> {
  await op.execute(${JSON.stringify(migrationSql(i))});
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("DROP TABLE t_${i}");
}
`;
}

function alembicScript(i, rev, down) {
  return `"""create t_${i}

Revision ID: ${rev}
Revises: ${down ?? ""}
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '${rev}'
down_revision = ${down ? `'${down}'` : "None"}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(${JSON.stringify(migrationSql(i))})


def downgrade() -> None:
    op.execute("DROP TABLE t_${i}")
`;
}

// Alembic's generic env.py, online part, with one transaction per migration as mig does.

/**
 * bench/.work/up-<dialect>/{mig,alembic}: the same N-revision chain in both formats.
 * Reused while N, the URLs and the generator are unchanged (or until --regenerate).
 */
function writeProjects(dialect, migUrl, alembicUrl) {
  const root = join(WORK, `up-${dialect}`);
  const migDir = join(root, "mig");
  const alembicDir = join(root, "alembic");
  const stamp = join(root, ".generated");
  const want = JSON.stringify({ GENERATOR_VERSION, N, migUrl, alembicUrl });
  if (!args.regenerate && existsSync(stamp) && readFileSync(stamp, "utf8") === want) {
    return { migDir, alembicDir, fresh: false };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(migDir, "migrations"), { recursive: true });
  const entry = pathToFileURL(join(REPO, "packages", dialect, "dist", "index.js")).href;
  writeFileSync(
    join(migDir, "mig.config.mjs"),
    `// Generated by bench/up.mjs: the dialect imported from its build, passed in \`dialects\`.
import { createDialect } from ${JSON.stringify(entry)};

export default {
  url: ${JSON.stringify(migUrl)},
  scriptLocation: "migrations",
  dialects: [createDialect()],
};
`,
  );
  const ids = revisionIds(N);
  for (let i = 1; i <= N; i++) {
    const down = i > 1 ? ids[i - 2] : null;
    const base = `${pad(i)}_${ids[i - 1]}_create_t_${i}`;
    writeFileSync(join(migDir, "migrations", `${base}.ts`), migScript(i, ids[i - 1], down));
  }
  if (alembicUrl) {
    mkdirSync(join(alembicDir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(alembicDir, "alembic.ini"), alembicIni(alembicUrl));
    writeFileSync(join(alembicDir, "migrations", "env.py"), ALEMBIC_ENV);
    for (let i = 1; i <= N; i++) {
      const down = i > 1 ? ids[i - 2] : null;
      const base = `${pad(i)}_${ids[i - 1]}_create_t_${i}`;
      writeFileSync(
        join(alembicDir, "migrations", "versions", `${base}.py`),
        alembicScript(i, ids[i - 1], down),
      );
    }
  }
  writeFileSync(stamp, want);
  return { migDir, alembicDir, fresh: true };
}

// ---------------------------------------------------------------- databases

/** URL of a throwaway server from scripts/db/<name>.sh, or why there is none. */
function serverUrl(dialect) {
  const fromEnv =
    dialect === "postgres"
      ? (process.env.MIG_BENCH_POSTGRES_URL ?? process.env.MIG_TEST_POSTGRES_URL)
      : (process.env.MIG_BENCH_MYSQL_URL ?? process.env.MIG_TEST_MYSQL_URL);
  if (fromEnv) return { url: fromEnv };
  const script = join(REPO, "scripts", "db", dialect === "postgres" ? "postgres.sh" : "mariadb.sh");
  if (!existsSync(script)) return { why: `${script.replace(`${REPO}/`, "")} does not exist` };
  const res = spawnSync("bash", [script, "start"], {
    encoding: "utf8",
    env: ENV,
    timeout: 180_000,
  });
  const url = res.stdout?.trim().split("\n").filter(Boolean).pop();
  if (res.status !== 0 || !url) {
    const why =
      res.error?.message ??
      res.stderr?.trim().split("\n").filter(Boolean).pop() ??
      `exit ${res.status}`;
    return { why: `${script.replace(`${REPO}/`, "")} start failed: ${why}` };
  }
  return { url };
}

/** The server URL with the benchmark's own database in place of the one it names. */
function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

/** Per dialect: where each tool's database is, how to make it fresh, how to check it. */
async function databaseFor(dialect, root) {
  if (dialect === "sqlite") {
    const Database = loadDriver("sqlite");
    return {
      migUrl: "sqlite:./bench.db",
      alembicUrl: "sqlite:///bench.db",
      rawTarget: join(root, "raw.db"),
      version:
        "SQLite (better-sqlite3), journal_mode=delete, synchronous=full (defaults, all tools)",
      async fresh(path) {
        for (const suffix of ["", "-journal", "-wal", "-shm", ".mig_version.mig-lock"])
          rmSync(`${path}${suffix}`, { force: true });
      },
      async inspect(path, versionTable) {
        const db = new Database(path, { readonly: true, fileMustExist: true });
        try {
          const tables = db
            .prepare(
              "SELECT count(*) AS n FROM sqlite_master WHERE type='table' AND name LIKE 't\\_%' ESCAPE '\\'",
            )
            .get().n;
          const rows = db.prepare(`SELECT version_num AS v FROM ${versionTable}`).all();
          return { tables, rows: rows.map((r) => r.v) };
        } finally {
          db.close();
        }
      },
      async close() {},
    };
  }
  const server = serverUrl(dialect);
  if (!server.url) return { unavailable: server.why };
  const url = withDatabase(server.url, DB_NAME);
  if (dialect === "postgres") {
    const pg = loadDriver("postgres");
    const admin = new pg.Client({ connectionString: server.url });
    try {
      await admin.connect();
    } catch (error) {
      return { unavailable: `cannot connect to PostgreSQL: ${error.message}` };
    }
    const version = (await admin.query("SELECT version() AS v")).rows[0].v.split(",")[0];
    // WITH (FORCE) (PostgreSQL 13+) also ends sessions a failed run left behind.
    const dropPostgres = () =>
      admin
        .query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`)
        .catch(() => admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`));
    return {
      migUrl: url,
      alembicUrl: url.replace(/^postgres(ql)?:/, "postgresql+psycopg2:"),
      rawTarget: url,
      version,
      async fresh() {
        await dropPostgres();
        await admin.query(`CREATE DATABASE ${DB_NAME}`);
      },
      async inspect(_path, versionTable) {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          const tables = (
            await c.query(
              "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 't\\_%'",
            )
          ).rows[0].n;
          const rows = (await c.query(`SELECT version_num AS v FROM ${versionTable}`)).rows;
          return { tables, rows: rows.map((r) => r.v) };
        } finally {
          await c.end();
        }
      },
      async close() {
        await dropPostgres().catch(() => {});
        await admin.end();
      },
    };
  }
  const mysqlPromise = requireFrom("mysql")("mysql2/promise");
  let admin;
  try {
    admin = await mysqlPromise.createConnection({ ...mysqlOptions(server.url) });
  } catch (error) {
    return { unavailable: `cannot connect to MariaDB/MySQL: ${error.message}` };
  }
  const [[{ v }]] = await admin.query("SELECT VERSION() AS v");
  return {
    migUrl: url,
    alembicUrl: url.replace(/^(mysql|mariadb):/, "mysql+pymysql:"),
    rawTarget: url,
    version: `MariaDB/MySQL ${v}`,
    async fresh() {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
      await admin.query(`CREATE DATABASE ${DB_NAME}`);
    },
    async inspect(_path, versionTable) {
      const [[{ n }]] = await admin.query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name LIKE 't\\_%'",
        [DB_NAME],
      );
      const [rows] = await admin.query(`SELECT version_num AS v FROM ${DB_NAME}.${versionTable}`);
      return { tables: Number(n), rows: rows.map((r) => r.v) };
    },
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`).catch(() => {});
      await admin.end();
    },
  };
}

/** Whether /usr/bin/python3 can import the DBAPI module Alembic needs for this dialect. */
function alembicDriver(dialect) {
  if (!existsSync(ALEMBIC_BIN))
    return { why: "no /usr/bin/alembic (apt-get install -y alembic python3-alembic)" };
  if (dialect === "sqlite") return {};
  const [module, apt] =
    dialect === "postgres" ? ["psycopg2", "python3-psycopg2"] : ["pymysql", "python3-pymysql"];
  const res = spawnSync(SYSTEM_PYTHON, ["-c", `import ${module}`], { encoding: "utf8" });
  if (res.status === 0) return {};
  return { why: `${SYSTEM_PYTHON} cannot import ${module} (apt-get install -y ${apt})` };
}

// ---------------------------------------------------------------- timing

// ---------------------------------------------------------------- main

async function benchDialect(dialect) {
  const root = join(WORK, `up-${dialect}`);
  const db = await databaseFor(dialect, root).catch((error) => ({
    unavailable: `cannot set up ${LABEL[dialect]}: ${String(error?.message ?? error).split("\n")[0]}`,
  }));
  if (db.unavailable) {
    console.log(`  ${LABEL[dialect]}: unavailable (${db.unavailable})`);
    return { dialect, unavailable: db.unavailable };
  }
  const alembic = alembicDriver(dialect);
  const t0 = Date.now();
  const p = writeProjects(dialect, db.migUrl, alembic.why ? undefined : db.alembicUrl);
  if (p.fresh) {
    console.log(`  generated up-${dialect} (${N} migrations) in ${Date.now() - t0} ms`);
    // mig does not cache the header of a file changed in the last 2 s; let them age.
    sleep(2500);
  }
  console.log(`  ${LABEL[dialect]}: ${db.version}`);
  const ids = revisionIds(N);
  const head = ids[N - 1];
  const sqlitePath = (tool) =>
    tool === "raw" ? db.rawTarget : join(tool === "mig" ? p.migDir : p.alembicDir, "bench.db");

  const tools = [
    {
      tool: "raw driver",
      key: "raw",
      versionTable: "mig_version",
      cmd: [process.execPath, [THIS_FILE, "--raw", dialect, db.rawTarget, String(N)], root],
    },
    {
      tool: "mig up",
      key: "mig",
      versionTable: "mig_version",
      cmd: [process.execPath, [MIG_BIN, "up", "-q"], p.migDir],
      noop: [process.execPath, [MIG_BIN, "up", "-q"], p.migDir],
    },
    {
      tool: "alembic upgrade head",
      key: "alembic",
      versionTable: "alembic_version",
      skip: alembic.why,
      cmd: [ALEMBIC_BIN, ["upgrade", "head"], p.alembicDir],
      noop: [ALEMBIC_BIN, ["upgrade", "head"], p.alembicDir],
    },
  ];
  const results = new Map(
    tools.map((t) => [t.key, { times: [], cpu: [], noop: [], noopCpu: [], why: t.skip }]),
  );
  // Round 0 is the untimed warm-up (mig's header cache, __pycache__); the raw driver has
  // no cache to fill, so it sits that round out (pnpm bench's 10 minutes).
  for (let round = 0; round <= RUNS; round++) {
    for (const t of tools) {
      const r = results.get(t.key);
      if (r.why || (round === 0 && t.key === "raw")) continue;
      const path = dialect === "sqlite" ? sqlitePath(t.key) : undefined;
      await db.fresh(path);
      const res = run(...t.cmd);
      if (!res.ok) {
        r.why = `${t.tool} failed: ${res.why}`;
        continue;
      }
      const state = await db.inspect(path, t.versionTable).catch((e) => ({ error: e.message }));
      if (state.error || state.tables !== N || state.rows.length !== 1 || state.rows[0] !== head) {
        r.why = `${t.tool} left the database wrong: ${JSON.stringify(state)}`;
        continue;
      }
      if (round > 0) {
        r.times.push(res.ms);
        if (res.cpu !== undefined) r.cpu.push(res.cpu);
      }
      if (t.noop) {
        const again = run(...t.noop);
        if (!again.ok) r.noopWhy = again.why;
        else if (round > 0) {
          r.noop.push(again.ms);
          if (again.cpu !== undefined) r.noopCpu.push(again.cpu);
        }
      }
    }
    if (round > 0) {
      const took = tools
        .filter((t) => !results.get(t.key).why)
        .map((t) => `${t.key} ${results.get(t.key).times.at(-1).toFixed(0)}`)
        .join(", ");
      console.log(`  ${LABEL[dialect]}: run ${round}/${RUNS}: ${took} ms`);
    }
  }
  await db.close();
  return { dialect, version: db.version, results };
}

async function main() {
  if (!existsSync(join(REPO, "apps", "cli", "dist", "cli.js"))) {
    console.error("up.mjs: mig is not built; run `pnpm build` first");
    process.exit(1);
  }
  mkdirSync(WORK, { recursive: true });
  console.log(
    `up benchmark: ${N} migrations (CREATE TABLE t_<i> (id INTEGER PRIMARY KEY)), one transaction each;` +
      ` median of ${RUNS} runs after one warm-up; a fresh database for every run; process start included`,
  );
  const all = [];
  for (const dialect of ONLY) all.push(await benchDialect(dialect));
  printResults(all);
}

const fmtMs = (ms) => (ms === undefined ? "-" : ms.toFixed(0));

function printResults(all) {
  const header = ["dialect", "tool", "time ms", "vs raw", "cpu ms", "budget"];
  const lines = [];
  const notes = [];
  const budgets = [];
  const row = (dialect, tool, ms, ratio, cpu, budget) =>
    lines.push([dialect, tool, fmtMs(ms), ratio, fmtMs(cpu), budget]);
  const cpuOf = (xs) => (xs.length ? median(xs) : undefined);
  for (const d of all) {
    const label = LABEL[d.dialect];
    const want = BUDGET[d.dialect];
    if (d.unavailable) {
      lines.push([label, "(unavailable)", "n/a", "-", "-", "-"]);
      notes.push(`${label}: ${d.unavailable}`);
      budgets.push({
        what: `up ${N} vs raw driver, ${label}`,
        measured: "not measured",
        want: `<= ${want}x`,
      });
      continue;
    }
    const raw = d.results.get("raw");
    const rawMs = raw.why ? undefined : median(raw.times);
    for (const [key, tool] of [
      ["raw", "raw driver"],
      ["mig", "mig up"],
      ["alembic", "alembic upgrade head"],
    ]) {
      const r = d.results.get(key);
      if (r.why) {
        lines.push([label, tool, "n/a", "-", "-", key === "mig" ? "not measured" : "-"]);
        notes.push(`${label} ${tool}: ${r.why}`);
        if (key === "mig")
          budgets.push({
            what: `up ${N} vs raw driver, ${label}`,
            measured: "not measured",
            want: `<= ${want}x`,
          });
        continue;
      }
      const ms = median(r.times);
      const ratio = rawMs ? ms / rawMs : undefined;
      let budget = "-";
      if (key === "mig") {
        const met = ratio === undefined ? undefined : ratio <= want;
        budget = `<= ${want}x raw: ${met === undefined ? "no raw figure" : met ? "MET" : "MISSED"}`;
        const alembic = d.results.get("alembic");
        budgets.push({
          what: `up ${N} vs raw driver, ${label}`,
          mig: ms,
          peer: rawMs,
          peerName: "raw driver",
          measured:
            ratio === undefined
              ? "no raw figure"
              : `${ratio.toFixed(2)}x raw` +
                (alembic.why ? "" : ` (alembic ${(median(alembic.times) / rawMs).toFixed(2)}x)`),
          want: `<= ${want}x`,
          met,
        });
      }
      row(
        label,
        tool,
        ms,
        ratio === undefined ? "-" : `${ratio.toFixed(2)}x`,
        cpuOf(r.cpu),
        budget,
      );
    }
    for (const [key, tool] of [
      ["mig", "mig up (no-op at head)"],
      ["alembic", "alembic upgrade head (no-op)"],
    ]) {
      const r = d.results.get(key);
      if (r.why) continue;
      if (r.noopWhy) {
        lines.push([label, tool, "n/a", "-", "-", "-"]);
        notes.push(`${label} ${tool}: ${r.noopWhy}`);
        continue;
      }
      const ms = median(r.noop);
      // The budgeted no-op (SQLite, 1,000 revisions) is startup.mjs's; here for comparison.
      const budget =
        key === "mig" ? `< ${BUDGET_NOOP_MS} ms: ${ms < BUDGET_NOOP_MS ? "yes" : "no"}` : "-";
      row(label, tool, ms, "-", cpuOf(r.noopCpu), budget);
    }
  }
  console.log();
  printTable(header, lines, new Set([2, 3, 4]));
  console.log();
  console.log(
    "time ms: wall time of the whole process (median). vs raw: time / the raw driver's time on the" +
      " same database; the raw driver runs mig's statements and transactions in one Node process" +
      " (start, driver load and connect included). cpu ms: the process's own user+system CPU" +
      " (median; not the server's), which machine load inflates far less than wall time.",
  );
  for (const n of notes) console.log(`note: ${n}`);
  console.log();
  for (const b of budgets) recordBudget(b);
}

await main();
