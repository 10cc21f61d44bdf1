#!/usr/bin/env node
// Graph-command benchmark: mig's graph commands and `up --sql` against Alembic's on generated
// graphs (linear, branchy; 10,000 revisions), then mig's growth from 1,000 to 100,000.
// Plain Node ESM, no build step: `node bench/graph.mjs [--runs 3] [--mig-runs 7] [--size
// 10000] [--curve 1000,10000,100000] [--shapes linear,branchy] [--slow 5000] [--regenerate]`.
// Projects go to bench/.work/ (gitignored). Not a test: figures against issue 13's budgets.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ALEMBIC_BIN,
  cell,
  fmtMs,
  freshPageMicros,
  MIG_BIN,
  measure,
  NODE,
  parseArgs,
  printTable,
  REPO,
  recordBudget,
  run,
  sleep,
  WORK,
} from "./common.mjs";
import { reportGrowth } from "./graph-growth.mjs";
import { idsIn, middleRevision, sameSet } from "./graph-ids.mjs";
import { writeProjects } from "./graph-project.mjs";
import { measurePaired } from "./paired.mjs";

const args = parseArgs(process.argv.slice(2));
const RUNS = Math.max(1, Number(args.runs ?? 3));
// mig's and the floor's runs are short: more of them steady the median (README: "Runs").
const MIG_RUNS = Math.max(RUNS, Number(args["mig-runs"] ?? 7));
const SIZE = Number(args.size ?? 10000);
const CURVE = String(args.curve ?? "1000,10000,100000")
  .split(",")
  .filter(Boolean)
  .map(Number);
const SHAPES = String(args.shapes ?? "linear,branchy").split(",");
// A run slower than this ends its series early (bench/README.md: "Runs").
const SLOW_MS = Number(args.slow ?? 5000);
// Alembic is run up to this size; at 100,000 revisions one `up --sql` would take minutes.
const ALEMBIC_MAX = Number(args["alembic-max"] ?? 10000);
// An Alembic run is stopped here, its figure then a lower bound (linear `current`: minutes).
const ALEMBIC_TIMEOUT_MS = Number(args["alembic-timeout"] ?? 45000);
// A growth-curve point is skipped when a run of it would take longer than this.
const CURVE_MAX_MS = Number(args["curve-max"] ?? 60000);

/** `current` reads the version table: both databases are stamped at the heads first. */
const COMMANDS = [
  { name: "heads", mig: ["heads"], alembic: ["heads"], want: 20, curve: true },
  { name: "branches", mig: ["branches"], alembic: ["branches"], want: 20 },
  { name: "history", mig: ["history"], alembic: ["history"], want: 20, curve: true },
  // `show` of the revision in the middle of the file list (its id is in the file name).
  { name: "show", mig: ["show"], alembic: ["show"], want: 20, middle: true },
  { name: "current", mig: ["current"], alembic: ["current"], want: 20, stamp: true },
  {
    name: "up --sql",
    mig: ["up", "heads", "--sql"],
    alembic: ["upgrade", "heads", "--sql"],
    want: 10,
    curve: true,
  },
];

/** The generated projects for one graph; new files age 2.5 s (mig skips caching younger headers). */
function project(shape, size, alembic) {
  const t0 = Date.now();
  const p = writeProjects(shape, size, { regenerate: Boolean(args.regenerate), alembic });
  if (p.revs) {
    console.log(
      `  generated ${p.name} (${size} revisions, ${alembic ? "both formats" : "mig only"}) in ${Date.now() - t0} ms`,
    );
    sleep(2500);
  }
  return p;
}

const STAT_FLOOR = join(REPO, "bench", "stat-floor.mjs");
const nodeSpec = (argv, cwd) => ({ cmd: NODE, argv, cwd });
const migAvailable = existsSync(MIG_BIN);
const alembicAvailable = existsSync(ALEMBIC_BIN);
const ALEMBIC_MEASURE = { runs: RUNS, slowMs: SLOW_MS, timeoutMs: ALEMBIC_TIMEOUT_MS };

/**
 * Both tools on one graph, in turns (paired.mjs): per command, Alembic once (seconds a
 * run), then mig `perPeer` times with the floor after each, round after round, so the two
 * tools' figures come from the same minutes. Without Alembic, the same rounds run mig only.
 */
function compare(p, commands, withAlembic, skip = () => undefined, floor = undefined) {
  if (commands.some((c) => c.stamp)) {
    run(NODE, [MIG_BIN, "stamp", "heads", "-q"], p.migDir);
    if (withAlembic) run(ALEMBIC_BIN, ["stamp", "heads"], p.alembicDir);
  }
  const middle = commands.some((c) => c.middle) ? [middleRevision(p)] : [];
  const argv = (command, tool) => [...command[tool], ...(command.middle ? middle : [])];
  const migSpec = (c) =>
    migAvailable && !skip(c) ? nodeSpec([MIG_BIN, ...argv(c, "mig")], p.migDir) : undefined;
  const withPeer = withAlembic && alembicAvailable;
  const pairs = commands.map((c) => ({
    mig: migSpec(c),
    peer: withPeer ? { cmd: ALEMBIC_BIN, argv: argv(c, "alembic"), cwd: p.alembicDir } : undefined,
  }));
  const perPeer = Math.ceil(MIG_RUNS / RUNS);
  const measured = measurePaired(pairs, floor, { ...ALEMBIC_MEASURE, perPeer });
  const noAlembic = { ok: false, why: "no alembic (bash scripts/ensure-tools.sh --databases)" };
  if (floor) p.floor = measured.floor;
  const rows = [];
  for (const [k, command] of commands.entries()) {
    const why = skip(command) ?? (migAvailable ? undefined : "no CLI (pnpm build)");
    const m = why ? { ok: false, why, skipped: true } : measured.mig[k];
    const a = withAlembic && !withPeer ? noAlembic : measured.peer[k];
    let check = "-";
    if (m.ok && a?.ok) {
      // Both empty is the same too (`branches` of a linear graph lists nothing).
      const ids = idsIn(m.stdout);
      check = sameSet(ids, idsIn(a.stdout)) ? (ids.size > 0 ? "same" : "same (none)") : "DIFFER";
    }
    rows.push({ graph: p.name, command, mig: m, alembic: a, check, floor: p.floor });
    console.log(`  ${p.name} ${command.name}: mig ${cell(m)}${a ? `, alembic ${cell(a)}` : ""} ms`);
  }
  return rows;
}

/** How many times faster mig is: "12.3x", "> 40.1x" when Alembic was stopped, or undefined. */
function speedup(r) {
  if (!r.mig.ok || !(r.alembic?.ok || r.alembic?.timedOut) || r.check === "DIFFER")
    return undefined;
  const ratio = r.alembic.ms / r.mig.ms;
  return { ratio, text: `${r.alembic.timedOut ? "> " : ""}${ratio.toFixed(1)}x` };
}

function main() {
  mkdirSync(WORK, { recursive: true });
  console.log(
    `graph benchmark: median of ${RUNS} warm runs for Alembic (fewer where a run takes over ${SLOW_MS} ms:` +
      ` the count in brackets) and of ${RUNS * Math.ceil(MIG_RUNS / RUNS)} for mig and the floor, in turns: after each Alembic run of a command,` +
      ` ${Math.ceil(MIG_RUNS / RUNS)} of mig's, each followed by one of the floor; mig = node ${MIG_BIN.replace(`${REPO}/`, "")},` +
      ` alembic = ${ALEMBIC_BIN}${alembicAvailable ? "" : " (missing)"}`,
  );
  const floor = measure(NODE, ["-e", "0"], REPO, { runs: 5 });
  const page = freshPageMicros();

  // 1. Both tools on both shapes at SIZE revisions.
  const rows = [];
  for (const shape of SHAPES) {
    const p = project(shape, SIZE, true);
    // What any Node tool that sees every edit pays at least: start, list, one lstat per file.
    const names = join(p.migDir, "..", "floor-names.txt");
    writeFileSync(names, `${readdirSync(join(p.migDir, "migrations")).join("\n")}\n`);
    const floorSpec = nodeSpec([STAT_FLOOR, "migrations", names], p.migDir);
    rows.push(...compare(p, COMMANDS, true, undefined, floorSpec));
  }
  console.log();
  printTable(
    [
      "graph",
      "command",
      "mig ms",
      "alembic ms",
      "alembic/mig",
      "cpu alembic/mig",
      "output",
      "floor ms",
      "alembic/floor",
      "faults mig/alembic/floor",
    ],
    rows.map((r) => [
      r.graph,
      r.command.name,
      cell(r.mig),
      cell(r.alembic),
      speedup(r)?.text ?? "-",
      r.mig.cpu && r.alembic?.cpu ? `${(r.alembic.cpu / r.mig.cpu).toFixed(1)}x` : "-",
      r.check,
      cell(r.floor),
      r.floor?.ok && r.alembic?.ok ? `${(r.alembic.ms / r.floor.ms).toFixed(1)}x` : "-",
      [r.mig, r.alembic, r.floor].map((x) => thousands(x?.faults)).join(" / "),
    ]),
    new Set([2, 3, 4, 5, 7, 8, 9]),
  );
  console.log(
    "floor: node bench/stat-floor.mjs, a Node process that lstat's every script, names read" +
      " from a list file (no directory read, no header read, no graph); alembic/floor is the best ratio a tool that sees every" +
      " edit could reach on this machine",
  );
  console.log(
    `faults: minor page faults of one run (median), each a first touch of 4 KB of memory;` +
      ` a fresh page costs ${page === undefined ? "(not measured)" : `${page.toFixed(1)} µs`} on this machine now,` +
      ` node -e 0 ${fmtMs(floor.ms)} ms (README: "Fresh pages")`,
  );
  console.log();
  for (const r of rows) {
    if (!r.mig.ok) console.log(`mig ${r.command.name} (${r.graph}) did not run: ${r.mig.why}`);
    if (r.alembic && !r.alembic.ok && !r.alembic.timedOut)
      console.log(`alembic ${r.command.name} (${r.graph}) did not run: ${r.alembic.why}`);
    if (r.check === "DIFFER")
      console.log(`mig ${r.command.name} (${r.graph}) listed other revisions than alembic`);
  }
  for (const r of rows) {
    const s = speedup(r);
    const stopped = r.alembic?.timedOut
      ? ` (alembic stopped at ${ALEMBIC_TIMEOUT_MS / 1000} s)`
      : "";
    recordBudget({
      what: `${r.command.name} ${r.graph}`,
      mig: r.mig.ok ? r.mig.ms : undefined,
      peer: r.alembic?.ok || r.alembic?.timedOut ? r.alembic.ms : undefined,
      peerName: "alembic",
      measured: s
        ? `${s.text} faster than alembic${stopped}${r.floor?.ok ? ` (floor ${fmtMs(r.floor.ms)} ms)` : ""}`
        : "not measured",
      want: `>= ${r.command.want}x`,
      // A stopped Alembic run makes the ratio a lower bound: MET when even that suffices,
      // else undecided (n/a).
      met: !s
        ? undefined
        : s.ratio >= r.command.want
          ? true
          : r.alembic.timedOut
            ? undefined
            : false,
    });
  }

  // 2. The growth curve on the linear shape: mig at every size, Alembic up to ALEMBIC_MAX.
  if (CURVE.length < 2) return;
  const curveCommands = COMMANDS.filter((c) => c.curve);
  const curve = new Map(); // size -> rows
  for (const size of CURVE) {
    const reuse = rows.filter((r) => r.graph === `linear-${size}` && r.command.curve);
    if (reuse.length === curveCommands.length) {
      curve.set(size, reuse);
      continue;
    }
    const withAlembic = size <= ALEMBIC_MAX;
    // A point whose run would take minutes (10x the smaller graph's figure, per 10x
    // revisions) is left out, so a slow build cannot hold the whole benchmark up.
    const before = [...curve.keys()].at(-1);
    const skip = (command) => {
      const r = curve.get(before)?.find((x) => x.command === command);
      if (!r) return undefined;
      if (!r.mig.ok) return "skipped: the smaller graph did not run";
      const guess = (r.mig.ms * size) / before;
      return guess > CURVE_MAX_MS
        ? `skipped: would take ~${(guess / 1000).toFixed(0)} s a run`
        : undefined;
    };
    curve.set(
      size,
      compare(project("linear", size, withAlembic), curveCommands, withAlembic, skip),
    );
  }
  reportGrowth(curve, CURVE, curveCommands, floor.ok ? floor.ms : 0, ALEMBIC_MAX);
}

/** A count in thousands, one decimal ("4.1k"); "-" when not measured. */
function thousands(n) {
  return n === undefined ? "-" : `${(n / 1000).toFixed(1)}k`;
}

main();
