#!/usr/bin/env node
// Autogenerate benchmark: `mig revision --autogenerate` and `mig check` on a generated
// schema of N tables (default 200), on SQLite, PostgreSQL and MariaDB/MySQL. Plain Node
// ESM, no build step (but mig itself must be built: `pnpm build`):
//
//   node bench/autogenerate.mjs [--tables 200] [--runs 3] [--only sqlite,postgres,mysql]
//
// The issue's budget: autogenerate on a 200-table schema in under 2 s on SQLite and
// PostgreSQL. Projects go to bench/.work/autogenerate-<dialect>/ (gitignored). Not a test:
// it prints figures, and says which step failed when one does.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { childrenCpuMs, ENV } from "./common.mjs";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(REPO, "apps", "cli", "bin", "mig.js");
const DB_NAME = "mig_bench_autogenerate";
const BUDGET_MS = 2000;
const PACKAGES = { sqlite: "sqlite", postgres: "postgres", mysql: "mysql" };
const requireFrom = (pkg) => createRequire(join(REPO, "packages", pkg, "package.json"));

function parseArgs(argv) {
  const args = { tables: 200, runs: 3, only: ["sqlite", "postgres", "mysql"] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tables") args.tables = Number(argv[++i]);
    else if (a === "--runs") args.runs = Number(argv[++i]);
    else if (a === "--only")
      args.only = argv[++i]
        .split(",")
        .map((d) => ({ pg: "postgres", mariadb: "mysql" })[d] ?? d)
        .filter((d) => d in PACKAGES);
  }
  return args;
}

// ---------------------------------------------------------------- the generated schema

/**
 * N tables, each with the kinds of column and constraint a real schema has: an
 * autoincrement key, varchar/text/numeric/boolean/timestamp columns, defaults, a unique
 * constraint, a check, an index, and (from the second table on) a foreign key to an
 * earlier table, so the comparator has to sort creates by dependency.
 */
export function schemaModule(n) {
  const lines = ['import { sql, t, table } from "@mig/core";', ""];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? null : Math.floor((i - 1) / 2);
    lines.push(`export const t_${i} = table(
  "t_${i}",
  {
    id: { type: "integer", primaryKey: true, autoincrement: true },
    code: { type: t.varchar(40), nullable: false },
    title: { type: t.varchar(200), nullable: false, default: "" },
    body: { type: "text" },
    amount: { type: t.numeric(12, 2), nullable: false, default: 0 },
    active: { type: "boolean", nullable: false, default: true },
    created_at: { type: "timestamp", nullable: false, default: sql("CURRENT_TIMESTAMP") },${
      parent === null
        ? ""
        : `\n    parent_id: { type: "integer", references: { table: "t_${parent}", column: "id", name: "t_${i}_parent_fkey", onDelete: "cascade" } },`
    }
  },
  {
    uniques: [{ name: "t_${i}_code_key", columns: ["code"] }],
    checks: [{ name: "t_${i}_amount_check", expression: "amount >= 0" }],
    indexes: [{ name: "t_${i}_created_idx", columns: ["created_at"] }],
  },
);
`);
  }
  return lines.join("\n");
}

function writeProject(dialect, n) {
  const dir = join(REPO, "bench", ".work", `autogenerate-${dialect}`);
  mkdirSync(join(dir, "node_modules", "@mig"), { recursive: true });
  for (const pkg of ["core", PACKAGES[dialect]]) {
    const link = join(dir, "node_modules", "@mig", pkg);
    if (!existsSync(link)) symlinkSync(join(REPO, "packages", pkg), link);
  }
  const entry = join(REPO, "packages", PACKAGES[dialect], "dist", "index.js");
  writeFileSync(
    join(dir, "mig.config.mjs"),
    `import { createDialect } from ${JSON.stringify(entry)};
export default {
  url: process.env.MIG_BENCH_URL,
  scriptLocation: "migrations",
  schema: "./schema.ts",
  dialects: [createDialect()],
};
`,
  );
  writeFileSync(join(dir, "schema.ts"), schemaModule(n));
  return dir;
}

function clearMigrations(dir) {
  rmSync(join(dir, "migrations"), { recursive: true, force: true });
  mkdirSync(join(dir, "migrations"));
}

// ---------------------------------------------------------------- databases

/** URL of the test server (environment, else scripts/db/<name>.sh start), or why not. */
function serverUrl(dialect) {
  const fromEnv =
    dialect === "postgres"
      ? (process.env.MIG_BENCH_POSTGRES_URL ?? process.env.MIG_TEST_POSTGRES_URL)
      : (process.env.MIG_BENCH_MYSQL_URL ?? process.env.MIG_TEST_MYSQL_URL);
  if (fromEnv) return { url: fromEnv };
  const script = join(REPO, "scripts", "db", dialect === "postgres" ? "postgres.sh" : "mariadb.sh");
  const res = spawnSync("bash", [script, "start"], { encoding: "utf8", timeout: 180_000 });
  const url = res.stdout?.trim().split("\n").filter(Boolean).pop();
  if (res.status !== 0 || !url) return { why: `${script} start failed` };
  return { url };
}

const withDatabase = (url, name) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
};

/** Per dialect: the URL mig uses and how to empty the database before a run. */
async function databaseFor(dialect, dir) {
  if (dialect === "sqlite") {
    return {
      url: "sqlite:./bench.db",
      async fresh() {
        for (const suffix of ["", "-journal", "-wal", "-shm"])
          rmSync(join(dir, `bench.db${suffix}`), { force: true });
      },
      async close() {},
    };
  }
  const server = serverUrl(dialect);
  if (!server.url) return { unavailable: server.why };
  if (dialect === "postgres") {
    const pg = requireFrom("postgres")("pg");
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const drop = () => admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    return {
      url: withDatabase(server.url, DB_NAME),
      async fresh() {
        await drop();
        await admin.query(`CREATE DATABASE ${DB_NAME}`);
      },
      async close() {
        await drop().catch(() => {});
        await admin.end();
      },
    };
  }
  const mysql = requireFrom("mysql")("mysql2/promise");
  const u = new URL(server.url);
  const admin = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  return {
    url: withDatabase(server.url, DB_NAME),
    async fresh() {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
      await admin.query(`CREATE DATABASE ${DB_NAME}`);
    },
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`).catch(() => {});
      await admin.end();
    },
  };
}

// ---------------------------------------------------------------- timing

function mig(dir, url, args) {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...ENV, MIG_BENCH_URL: url, NO_COLOR: "1" }, // without NODE_EXTRA_CA_CERTS
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  const why =
    res.error?.message ??
    res.stderr?.trim().split("\n").filter(Boolean).pop() ??
    `exit ${res.status}`;
  return { ms, cpu, code: res.status, why };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * One round: an empty database; `revision --autogenerate` writes the N creates (timed);
 * `up` applies them; `check` compares the N tables, which now agree (timed, exit 0
 * expected); `revision --autogenerate` again finds nothing and writes no file (timed).
 */
const STEPS = [
  {
    label: "revision --autogenerate (empty db, N new tables)",
    args: ["revision", "--autogenerate", "-m", "init"],
    expect: 0,
    timed: true,
  },
  { label: "up (applies them; not timed)", args: ["up", "-q"], expect: 0, timed: false },
  { label: "check (db and schema agree)", args: ["check"], expect: 0, timed: true },
  {
    label: "revision --autogenerate (no change)",
    args: ["revision", "--autogenerate", "-m", "noop"],
    expect: 0,
    timed: true,
  },
];

async function benchDialect(dialect, args) {
  const dir = writeProject(dialect, args.tables);
  const db = await databaseFor(dialect, dir).catch((e) => ({ unavailable: e.message }));
  if (db.unavailable) return { dialect, unavailable: db.unavailable };
  const times = STEPS.map(() => []);
  const cpus = STEPS.map(() => []);
  const failures = STEPS.map(() => undefined);
  try {
    for (let round = 0; round <= args.runs; round++) {
      await db.fresh();
      clearMigrations(dir);
      for (const [i, step] of STEPS.entries()) {
        const r = mig(dir, db.url, step.args);
        if (r.code !== step.expect) {
          failures[i] ??= `exit ${r.code}: ${r.why}`;
          break;
        }
        // Round 0 warms up (TypeScript loader cache); the median is over the rest.
        if (round > 0) {
          times[i].push(r.ms);
          if (r.cpu !== undefined) cpus[i].push(r.cpu);
        }
      }
    }
  } finally {
    await db.close();
  }
  const files = existsSync(join(dir, "migrations")) ? readdirSync(join(dir, "migrations")) : [];
  return { dialect, times, cpus, failures, files: files.length };
}

function printTable(results, args) {
  console.log(
    `\nautogenerate on ${args.tables} tables, median of ${args.runs} warm runs (wall ms, process start included)`,
  );
  console.log(`budget (issue 12): under ${BUDGET_MS} ms on SQLite and PostgreSQL (wall time)`);
  console.log(
    "cpu ms: the mig process's own user+system CPU, steadier than wall time on a busy machine\n",
  );
  const rows = [["dialect", "step", "wall ms", "cpu ms", "budget"]];
  for (const r of results) {
    if (r.unavailable) {
      rows.push([r.dialect, "unavailable", r.unavailable, "", ""]);
      continue;
    }
    for (const [i, step] of STEPS.entries()) {
      if (!step.timed && !r.failures[i]) continue;
      const ms = r.times[i].length ? median(r.times[i]) : undefined;
      const figure = r.failures[i]
        ? `failed (${r.failures[i]})`
        : ms === undefined
          ? "n/a"
          : ms.toFixed(0);
      const within = ms === undefined || r.failures[i] ? "" : ms < BUDGET_MS ? "within" : "OVER";
      const cpu = r.cpus[i].length && !r.failures[i] ? median(r.cpus[i]).toFixed(0) : "";
      rows.push([r.dialect, step.label.replace("N", String(args.tables)), figure, cpu, within]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  for (const row of rows)
    console.log(row.map((cell, c) => String(cell).padEnd(widths[c])).join("  "));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(REPO, "apps", "cli", "dist"))) {
    console.error("autogenerate.mjs: build mig first (pnpm build)");
    process.exitCode = 1;
    return;
  }
  const results = [];
  for (const dialect of args.only) results.push(await benchDialect(dialect, args));
  printTable(results, args);
}

await main();
