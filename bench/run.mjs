#!/usr/bin/env node
// `pnpm bench`: runs every benchmark in bench/, passing the arguments through
// (e.g. `pnpm bench -- --runs 5`), then prints every budget with MET / MISSED, the machine's
// load average at start and end, and the total time. Benchmarks print figures; they are
// not tests, and a MISSED budget does not fail the run (a benchmark that crashes does).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { freshPageMicros, loadLine, printTable, REPO, WORK } from "./common.mjs";

const BENCHMARKS = ["startup.mjs", "graph.mjs", "up.mjs", "autogenerate.mjs", "targets.mjs"];
const ARGS = process.argv.slice(2);
// autogenerate.mjs (issue 12's budget) takes 2 timed rounds here unless --runs is given,
// to keep the whole run under 10 minutes; on its own it takes 3.
const extra = (file) =>
  file === "autogenerate.mjs" && !ARGS.some((a) => a.startsWith("--runs")) ? ["--runs", "2"] : [];
const started = Date.now();
const loadAtStart = loadLine();
// What a fresh page of memory costs now: the machine's speed moves with it (README).
const pageLine = () => {
  const us = freshPageMicros();
  return us === undefined ? "not measured" : `${us.toFixed(1)} µs`;
};
const pageAtStart = pageLine();
mkdirSync(WORK, { recursive: true });
const summary = join(WORK, "budgets.jsonl");
rmSync(summary, { force: true });

console.log(
  `mig benchmarks, ${new Date().toISOString()}, ${cpus().length} cores, node ${process.version};` +
    ` load average (1/5/15 min) at start: ${loadAtStart}; a fresh 4 KB page: ${pageAtStart}`,
);
let failed = false;
for (const file of BENCHMARKS) {
  const t0 = Date.now();
  console.log(`\n=== ${file}`);
  const res = spawnSync(process.execPath, [join(REPO, "bench", file), ...ARGS, ...extra(file)], {
    stdio: "inherit",
    // The benchmark itself drops NODE_EXTRA_CA_CERTS for what it times (common.mjs), and
    // startup.mjs needs to see it to measure `node -e 0` both ways.
    env: { ...process.env, MIG_BENCH_SUMMARY: summary },
  });
  if (res.status !== 0) {
    failed = true;
    console.log(`${file} exited ${res.status ?? res.signal}`);
  }
  console.log(`(${file}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

const rows = existsSync(summary)
  ? readFileSync(summary, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
const ms = (x) => (typeof x === "number" ? x.toFixed(0) : "-");
console.log("\n=== budgets (issue 13, DESIGN.md section 9)\n");
printTable(
  ["budget", "mig ms", "peer", "peer ms", "measured", "want", "verdict"],
  rows.map((r) => [
    r.what,
    ms(r.mig),
    r.peerName ?? "-",
    ms(r.peer),
    r.measured,
    r.want,
    r.verdict,
  ]),
  new Set([1, 3]),
);
const count = (v) => rows.filter((r) => r.verdict === v).length;
console.log(
  `\n${count("MET")} met, ${count("MISSED")} missed, ${count("n/a")} not measured.` +
    ` load average at start: ${loadAtStart}; at end: ${loadLine()}.` +
    ` A fresh 4 KB page at start: ${pageAtStart}; at end: ${pageLine()}.` +
    ` total: ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = failed ? 1 : 0;
