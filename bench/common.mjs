// What every benchmark in bench/ shares: the child environment, timing one process,
// medians of warm runs, the budget summary that `pnpm bench` prints at the end.
import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");
export const WORK = join(REPO, "bench", ".work");
export const MIG_BIN = join(REPO, "apps", "cli", "bin", "mig.js");
export const ALEMBIC_BIN = "/usr/bin/alembic"; // the apt package; the python3 first on PATH lacks it
export const NODE = process.execPath;

/**
 * The environment of every process the benchmarks start. NODE_EXTRA_CA_CERTS makes each
 * Node process read a CA file at start (about 45 ms here), a cost of this machine and not
 * of mig, so no Node process of the benchmark gets it (`pnpm bench` prints `node -e 0`
 * with and without). PYTHONDONTWRITEBYTECODE, which some shells set, would make every
 * Alembic run compile all its scripts: warm runs use `__pycache__`.
 */
export const ENV = { ...process.env };
export const CA_CERTS_SET = Boolean(ENV.NODE_EXTRA_CA_CERTS);
delete ENV.NODE_EXTRA_CA_CERTS;
delete ENV.PYTHONDONTWRITEBYTECODE;

export function parseArgs(argv) {
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

/**
 * What this process's finished children used, from /proc/self/stat: CPU time (user +
 * system, ms: cutime + cstime, in clock ticks, usually 100 a second) and minor page faults
 * (cminflt: each first touch of a page of memory); undefined where there is no /proc.
 * spawnSync waits for its child, so the difference across one call is that child's use.
 */
export function childrenUsage() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 11, 16 and 17 of proc(5); the slice starts at field 3.
    return { cpu: (Number(fields[13]) + Number(fields[14])) * 10, faults: Number(fields[8]) };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) of this process's finished children (see childrenUsage). */
export const childrenCpuMs = () => childrenUsage()?.cpu;

/**
 * What one fresh page of memory (4 KB, first touched) costs on this machine now, in µs: a
 * new Node process writes one byte into every page of a 64 MB buffer; median of 3. Most
 * machines take well under 1 µs; a virtual machine that hands its free memory back to its
 * host takes 10 or more, and then a process's page faults are a large part of its time
 * (README: "Fresh pages").
 */
export function freshPageMicros() {
  const probe =
    "const n = 64 << 20; const t = process.hrtime.bigint(); const b = Buffer.allocUnsafeSlow(n);" +
    " for (let i = 0; i < n; i += 4096) b[i] = 1;" +
    " process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e3 / (n / 4096)));";
  const runs = [0, 1, 2].map(() => run(NODE, ["-e", probe], REPO));
  if (!runs.every((r) => r.ok)) return undefined;
  return median(runs.map((r) => Number(r.stdout)));
}

/**
 * One process, timed from spawn to exit: wall ms, its CPU ms and page faults, whether it
 * exited 0. Its output is taken as bytes and decoded after the clock stops: turning
 * megabytes of `up --sql` into a string is this script's work, not the child's.
 * `timeoutMs` stops it (SIGTERM) and marks the result `timedOut`.
 */
export function run(cmd, argv, cwd, env = ENV, timeoutMs = 30 * 60_000) {
  const before = childrenUsage();
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, argv, {
    cwd,
    env,
    encoding: "buffer",
    maxBuffer: 1024 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const after = childrenUsage();
  const stdout = res.stdout?.toString("utf8") ?? "";
  const stderr = res.stderr?.toString("utf8");
  const cpu = before && after ? after.cpu - before.cpu : undefined;
  const faults = before && after ? after.faults - before.faults : undefined;
  const ok = res.status === 0 && !res.error;
  const timedOut = res.error?.code === "ETIMEDOUT";
  if (timedOut)
    return { ms, cpu, faults, ok: false, timedOut, why: `stopped after ${timeoutMs} ms` };
  const why =
    res.error?.message ?? stderr?.trim().split("\n").filter(Boolean).pop() ?? `exit ${res.status}`;
  return { ms, cpu, faults, ok, why, stdout };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The median of up to `runs` timed runs, after `warm` untimed ones. A run slower than
 * `slowMs` ends the series there (its figure is then the median of fewer runs, `n` says how
 * many): a 15 s Alembic run needs no company to be told apart from a 0.3 s one. A run
 * stopped at `timeoutMs` ends it too: the result is `timedOut`, its `ms` a lower bound.
 */
export function measure(
  cmd,
  argv,
  cwd,
  { runs, warm = 1, slowMs = Infinity, env = ENV, timeoutMs = undefined },
) {
  let last;
  const stopped = (r) => ({ ok: false, timedOut: true, ms: timeoutMs, cpu: r.cpu, why: r.why });
  for (let i = 0; i < warm; i++) {
    last = run(cmd, argv, cwd, env, timeoutMs);
    if (last.timedOut) return stopped(last);
    if (!last.ok) return { ok: false, why: last.why };
  }
  const times = [];
  const cpus = [];
  const faults = [];
  for (let i = 0; i < runs; i++) {
    last = run(cmd, argv, cwd, env, timeoutMs);
    if (last.timedOut) return stopped(last);
    if (!last.ok) return { ok: false, why: last.why };
    times.push(last.ms);
    if (last.cpu !== undefined) cpus.push(last.cpu);
    if (last.faults !== undefined) faults.push(last.faults);
    if (last.ms > slowMs) break;
  }
  return {
    ok: true,
    ms: median(times),
    cpu: cpus.length ? median(cpus) : undefined,
    faults: faults.length ? median(faults) : undefined,
    n: times.length,
    runs,
    stdout: last.stdout,
  };
}

/**
 * `measure` for several short commands at once, taken in turns (one run of each, then the
 * next round), so a burst of load elsewhere falls on all of them alike rather than on one
 * series. Each spec is `{ cmd, argv, cwd, env? }`; the results come back in the same order.
 */
export function measureInTurns(specs, { runs, warm = 1 }) {
  const results = specs.map(() => ({ times: [], cpus: [], last: undefined, why: undefined }));
  for (let round = 0; round < warm + runs; round++) {
    specs.forEach((spec, k) => {
      const r = results[k];
      if (r.why !== undefined) return;
      const one = run(spec.cmd, spec.argv, spec.cwd, spec.env ?? ENV);
      if (!one.ok) {
        r.why = one.why;
        return;
      }
      r.last = one;
      if (round < warm) return;
      r.times.push(one.ms);
      if (one.cpu !== undefined) r.cpus.push(one.cpu);
    });
  }
  return results.map((r) =>
    r.why !== undefined
      ? { ok: false, why: r.why }
      : {
          ok: true,
          ms: median(r.times),
          cpu: r.cpus.length ? median(r.cpus) : undefined,
          n: r.times.length,
          runs,
          stdout: r.last.stdout,
        },
  );
}

export const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export const loadLine = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");

/**
 * A budget verdict, printed by the benchmark and, under `pnpm bench` (MIG_BENCH_SUMMARY
 * names a file), collected for the summary table at the end of the run.
 */
export function recordBudget({ what, mig, peer, peerName, measured, want, met }) {
  const verdict = met === undefined ? "n/a" : met ? "MET" : "MISSED";
  const line = { what, mig, peer, peerName, measured, want, verdict };
  console.log(`budget ${what}: ${measured} (want ${want}) ${verdict}`);
  if (process.env.MIG_BENCH_SUMMARY)
    appendFileSync(process.env.MIG_BENCH_SUMMARY, `${JSON.stringify(line)}\n`);
}

/** A plain-text table: columns in `right` are right-aligned. */
export function printTable(header, lines, right = new Set()) {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => (right.has(i) ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(fmt(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
}

export const fmtMs = (ms) => (ms === undefined ? "-" : ms.toFixed(0));

/** A measured figure as a table shows it: `(n)` after a median of fewer runs than asked. */
export const cell = (r) => {
  if (r?.ok) return `${fmtMs(r.ms)}${r.n < r.runs ? ` (${r.n})` : ""}`;
  if (r?.timedOut) return `> ${fmtMs(r.ms)}`;
  return r?.skipped ? "skipped" : "n/a";
};

/** mulberry32: a seeded PRNG, so every run benchmarks the same graphs. */
export function prng(seed) {
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
