#!/usr/bin/env node
// Graph-command benchmark: `mig heads` / `mig history` against `alembic heads` / `history`
// on the same generated revision graphs (linear and branchy, 1,000 and 10,000 revisions).
// Plain Node ESM, no build step: `node bench/graph.mjs [--runs N] [--sizes 1000,10000]
// [--shapes linear,branchy] [--regenerate]`. Projects go to bench/.work/ (gitignored).
// Not a test: it prints figures; DESIGN.md section 9 sets the budget (>= 20x at 10,000).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ALEMBIC_ENV, alembicIni } from "./alembic-project.mjs";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
const WORK = join(REPO, "bench", ".work");
const MIG_BIN = join(REPO, "apps", "cli", "bin", "mig.js");
const ALEMBIC_BIN = "/usr/bin/alembic"; // the apt package; the python3 first on PATH lacks it
const GENERATOR_VERSION = 1; // bump when the generated files change, to regenerate

const args = parseArgs(process.argv.slice(2));
const RUNS = Math.max(1, Number(args.runs ?? 5));
const SIZES = String(args.sizes ?? "1000,10000")
  .split(",")
  .map(Number);
const SHAPES = String(args.shapes ?? "linear,branchy").split(",");
// `up --sql` renders every migration from base (DESIGN.md 9: >= 10x faster than Alembic).
const COMMANDS = [
  { name: "heads", mig: ["heads"], alembic: ["heads"], want: 20 },
  { name: "history", mig: ["history"], alembic: ["history"], want: 20 },
  {
    name: "up --sql",
    mig: ["up", "heads", "--sql"],
    alembic: ["upgrade", "heads", "--sql"],
    want: 10,
  },
];

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--" || !a.startsWith("--")) continue;
    const [key, inline] = a.slice(2).split("=", 2);
    if (inline !== undefined) out[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

// ---------------------------------------------------------------- graph generation

/** mulberry32: a seeded PRNG, so every run benchmarks the same graphs. */
function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const hex = (n) => Array.from({ length: n }, () => int(16).toString(16)).join("");
  return { next, int, hex };
}

/**
 * Revisions in creation order. "linear": one chain. "branchy": a main line with branches
 * off random earlier revisions, merges of two heads, a second base, a few branch labels
 * and cross-branch dependsOn. Merges only join heads and dependencies only target
 * revisions that already have a child and are not ancestors, so neither tool hits the
 * "parent is an ancestor of another parent" case Alembic crashes on.
 */
function generate(shape, size, seed) {
  const r = prng(seed);
  const revs = [];
  const children = [];
  const ids = new Set();
  const newId = () => {
    for (;;) {
      const id = r.hex(12);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const heads = new Set();
  const indexOf = new Map();
  let labels = 0;
  for (let i = 0; i < size; i++) {
    const rev = { id: newId(), downs: [], labels: [], deps: [], message: `change ${i}` };
    if (i > 0) {
      const headList = [...heads];
      if (shape === "linear") rev.downs = [revs[i - 1].id];
      else if (i === Math.floor(size / 3))
        rev.downs = []; // a second base
      else if (headList.length >= 2 && r.next() < 0.06) {
        const a = headList[r.int(headList.length)];
        let b = headList[r.int(headList.length)];
        while (b === a) b = headList[r.int(headList.length)];
        rev.downs = [revs[a].id, revs[b].id];
      } else if (r.next() < 0.08 || headList.length === 0) {
        rev.downs = [revs[r.int(i)].id];
      } else {
        rev.downs = [revs[headList[r.int(headList.length)]].id];
      }
      if (shape === "branchy" && r.next() < 0.01)
        rev.deps = pickDependency(r, revs, children, rev.downs);
      if (shape === "branchy" && labels < 8 && r.next() < 0.002)
        rev.labels = [`feature_${labels++}`];
    }
    const index = revs.length;
    revs.push(rev);
    indexOf.set(rev.id, index);
    children.push(0);
    heads.add(index);
    for (const d of rev.downs) {
      const p = indexOf.get(d);
      children[p]++;
      heads.delete(p);
    }
  }
  return revs;
}

function pickDependency(r, revs, children, downs) {
  const byId = new Map(revs.map((x, i) => [x.id, i]));
  // Everything below the new revision's parents, through down revisions and dependencies.
  const below = new Set();
  const todo = [...downs];
  while (todo.length > 0) {
    const id = todo.pop();
    if (below.has(id)) continue;
    below.add(id);
    const x = revs[byId.get(id)];
    todo.push(...x.downs, ...x.deps);
  }
  for (let tries = 0; tries < 20; tries++) {
    const cand = revs[r.int(revs.length)];
    if (children[byId.get(cand.id)] > 0 && !below.has(cand.id)) return [cand.id];
  }
  return [];
}

// ---------------------------------------------------------------- project writers

const pad = (i, width) => String(i).padStart(width, "0");
const slug = (message) => message.replace(/\W+/g, "_");
const tsLiteral = (list) =>
  list.length === 0 ? "[]" : `[${list.map((x) => JSON.stringify(x)).join(", ")}]`;

function tsDown(downs) {
  if (downs.length === 0) return "null";
  return downs.length === 1 ? JSON.stringify(downs[0]) : tsLiteral(downs);
}

/** mig's TypeScript script format (DESIGN.md section 3). */
function migScript(rev) {
  return `/** ${rev.message} */
import type { Operations } from "@mig/core";

export const revision = ${JSON.stringify(rev.id)};
export const downRevision: string | readonly string[] | null = ${tsDown(rev.downs)};
export const branchLabels: readonly string[] = ${tsLiteral(rev.labels)};
export const dependsOn: readonly string[] = ${tsLiteral(rev.deps)};

export async function upgrade(op: Operations): Promise<void> {
  op.execute("SELECT 1");
}

export async function downgrade(op: Operations): Promise<void> {
  op.execute("SELECT 1");
}
`;
}

function pyValue(list, scalarWhenOne) {
  if (list.length === 0) return "None";
  if (list.length === 1 && scalarWhenOne) return `'${list[0]}'`;
  return `(${list.map((x) => `'${x}'`).join(", ")}${list.length === 1 ? "," : ""})`;
}

/** Alembic's script format, as `alembic revision` writes it. */
function alembicScript(rev) {
  return `"""${rev.message}

Revision ID: ${rev.id}
Revises: ${rev.downs.join(", ")}
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '${rev.id}'
down_revision = ${pyValue(rev.downs, true)}
branch_labels = ${pyValue(rev.labels, false)}
depends_on = ${pyValue(rev.deps, true)}


def upgrade() -> None:
    op.execute("SELECT 1")


def downgrade() -> None:
    op.execute("SELECT 1")
`;
}

const ALEMBIC_MAKO = `"""\${message}

Revision ID: \${up_revision}
Revises: \${down_revision | comma,n}
Create Date: \${create_date}

"""
from alembic import op
import sqlalchemy as sa
\${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = \${repr(up_revision)}
down_revision = \${repr(down_revision)}
branch_labels = \${repr(branch_labels)}
depends_on = \${repr(depends_on)}


def upgrade() -> None:
    \${upgrades if upgrades else "pass"}


def downgrade() -> None:
    \${downgrades if downgrades else "pass"}
`;

function writeProjects(shape, size) {
  const name = `${shape}-${size}`;
  const migDir = join(WORK, name, "mig");
  const alembicDir = join(WORK, name, "alembic");
  const stamp = join(WORK, name, ".generated");
  const want = JSON.stringify({ GENERATOR_VERSION, shape, size });
  if (!args.regenerate && existsSync(stamp) && readFileSync(stamp, "utf8") === want) {
    return { name, migDir, alembicDir, revs: null };
  }
  rmSync(join(WORK, name), { recursive: true, force: true });
  const revs = generate(shape, size, size * 31 + shape.length);
  const width = String(size).length;
  mkdirSync(join(migDir, "migrations"), { recursive: true });
  mkdirSync(join(alembicDir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(migDir, "mig.config.json"),
    `${JSON.stringify({ url: "sqlite:./bench.db", scriptLocation: "migrations" })}\n`,
  );
  writeFileSync(join(alembicDir, "alembic.ini"), alembicIni("sqlite:///bench.db"));
  writeFileSync(join(alembicDir, "migrations", "env.py"), ALEMBIC_ENV);
  writeFileSync(join(alembicDir, "migrations", "script.py.mako"), ALEMBIC_MAKO);
  revs.forEach((rev, i) => {
    // Same file-name order in both projects: index first, as a file template with a date would sort.
    const base = `${pad(i + 1, width)}_${rev.id}_${slug(rev.message)}`;
    writeFileSync(join(migDir, "migrations", `${base}.ts`), migScript(rev));
    writeFileSync(join(alembicDir, "migrations", "versions", `${base}.py`), alembicScript(rev));
  });
  writeFileSync(stamp, want);
  return { name, migDir, alembicDir, revs };
}

// ---------------------------------------------------------------- timing

// Warm means each tool's own cache is in use: Python's __pycache__ for Alembic's scripts
// (some shells, this machine's included, set PYTHONDONTWRITEBYTECODE, which would make
// every Alembic run compile 10,000 files) and mig's header cache.
const ENV = { ...process.env };
delete ENV.PYTHONDONTWRITEBYTECODE;

function run(cmd, argv, cwd) {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, argv, {
    cwd,
    env: ENV,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const ok = res.status === 0 && !res.error;
  const why =
    res.error?.message ??
    res.stderr?.trim().split("\n").filter(Boolean).pop() ??
    `exit ${res.status}`;
  return { ms, ok, stdout: res.stdout ?? "", why };
}

/** One warm-up run (fills caches: mig's header cache, Python's __pycache__), then the median of RUNS. */
function time(cmd, argv, cwd) {
  const warm = run(cmd, argv, cwd);
  if (!warm.ok) return { ok: false, why: warm.why };
  const times = [];
  let stdout = warm.stdout;
  for (let i = 0; i < RUNS; i++) {
    const r = run(cmd, argv, cwd);
    if (!r.ok) return { ok: false, why: r.why };
    times.push(r.ms);
    stdout = r.stdout;
  }
  times.sort((a, b) => a - b);
  return { ok: true, ms: times[Math.floor(times.length / 2)], stdout };
}

/** The revision ids a `heads`/`history` listing names, to check both tools did the same work. */
function idsIn(stdout) {
  const ids = new Set();
  for (const line of stdout.split("\n")) {
    const last = line.includes("->") ? line.split("->").pop() : line;
    const m = /\b([0-9a-f]{12})\b/.exec(last);
    if (m) ids.add(m[1]);
  }
  return ids;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

// ---------------------------------------------------------------- main

function main() {
  mkdirSync(WORK, { recursive: true });
  const migAvailable = existsSync(MIG_BIN);
  const alembicAvailable = existsSync(ALEMBIC_BIN);
  console.log(
    `graph benchmark: median of ${RUNS} warm runs; mig = node ${MIG_BIN.replace(REPO + "/", "")},` +
      ` alembic = ${ALEMBIC_BIN}${alembicAvailable ? "" : " (missing: bash scripts/ensure-tools.sh --databases)"}`,
  );
  const rows = [];
  for (const shape of SHAPES) {
    for (const size of SIZES) {
      const t0 = Date.now();
      const p = writeProjects(shape, size);
      if (p.revs) {
        console.log(
          `  generated ${p.name} (${size} revisions, both formats) in ${Date.now() - t0} ms`,
        );
        // mig does not cache headers of files changed in the last 2 s (their mtime may
        // not yet tell a later edit apart); let the new files age so the warm-up caches them.
        sleep(2500);
      }
      for (const command of COMMANDS) {
        const mig = migAvailable
          ? time("node", [MIG_BIN, ...command.mig], p.migDir)
          : { ok: false, why: "no CLI" };
        const alembic = alembicAvailable
          ? time(ALEMBIC_BIN, command.alembic, p.alembicDir)
          : { ok: false, why: "no alembic" };
        let check = "";
        if (mig.ok && alembic.ok)
          check = sameSet(idsIn(mig.stdout), idsIn(alembic.stdout)) ? "same" : "DIFFER";
        rows.push({
          graph: p.name,
          size,
          command: command.name,
          want: command.want,
          mig,
          alembic,
          check,
        });
      }
    }
  }
  printTable(rows);
}

function printTable(rows) {
  const header = ["graph", "command", "mig ms", "alembic ms", "alembic/mig", "output"];
  const lines = rows.map((r) => [
    r.graph,
    r.command,
    r.mig.ok ? r.mig.ms.toFixed(0) : "n/a",
    r.alembic.ok ? r.alembic.ms.toFixed(0) : "n/a",
    r.mig.ok && r.alembic.ok ? `${(r.alembic.ms / r.mig.ms).toFixed(1)}x` : "-",
    r.check || "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log();
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
  console.log();
  for (const r of rows) {
    if (!r.mig.ok) console.log(`mig ${r.command} (${r.graph}) did not run: ${r.mig.why}`);
    if (!r.alembic.ok)
      console.log(`alembic ${r.command} (${r.graph}) did not run: ${r.alembic.why}`);
  }
  // DESIGN.md section 9: at 10,000 revisions, >= 20x (up --sql: 10x) faster than Alembic, and linear.
  for (const { name: command, want } of COMMANDS) {
    for (const shape of SHAPES) {
      const big = rows.find((r) => r.graph === `${shape}-10000` && r.command === command);
      const small = rows.find((r) => r.graph === `${shape}-1000` && r.command === command);
      if (big?.mig.ok && big.alembic.ok) {
        const ratio = big.alembic.ms / big.mig.ms;
        console.log(
          `budget ${command} ${shape}-10000: ${ratio.toFixed(1)}x faster than alembic (want >= ${want}x) ${ratio >= want ? "ok" : "MISSED"}`,
        );
      }
      if (big?.mig.ok && small?.mig.ok) {
        const growth = big.mig.ms / small.mig.ms;
        console.log(
          `growth ${command} ${shape} 1000 -> 10000: mig ${growth.toFixed(1)}x (linear or better: <= ~10x)`,
        );
      }
    }
  }
}

main();
