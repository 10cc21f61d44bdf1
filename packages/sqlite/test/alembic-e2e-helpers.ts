/**
 * Helpers for alembic-e2e.test.ts: mig's real runs (programmatic `upgrade` / `downgrade` /
 * `stamp` through the runner, version table and lock) on real SQLite files, compared with
 * Alembic's runs (core's oracle.py) for the same graphs and command sequences.
 *
 * The acceptance rules are the ones core/test/alembic/compare.ts applies to the pure
 * planner (compareCommand there is not exported, so they are restated in `judge` below):
 * - Alembic ran the command: mig must run the same scripts in the same order and leave
 *   the same version rows (compared sorted).
 * - Alembic raised its own error (CommandError / RevisionError): mig must throw a
 *   MigError.
 * - Alembic crashed (any other exception): a MigError or a run both do.
 * - `downgrade -N` from several rows, where Alembic only warns that it is ambiguous:
 *   mig may refuse with `ambiguous_relative`.
 * Checked on top, because these are real runs: whatever mig throws, the database
 * (version rows and the scripts' log) is unchanged; whatever it runs, the scripts it
 * reports are the ones that ran (the log) and the rows it reports are the table's.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import {
  downgrade,
  isMigError,
  openProject,
  type ProjectOptions,
  type RevisionHeader,
  type RunResult,
  stamp,
  upgrade,
} from "@mig/core";
import { type ScriptSpec, TestProject } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { FIXED_GRAPHS } from "../../core/test/alembic/fixed-graphs.js";
import type { OracleCommandResult, OracleResult } from "../../core/test/alembic/oracle.js";
import { type GraphCommand, randomQueries } from "../../core/test/alembic/random-commands.js";
import { type GraphOptions, randomGraph } from "../../core/test/alembic/random-graph.js";
import { createDialect } from "../src/index.js";

/** A GraphCommand, plus `purge` for stamp (oracle.py passes it to `command.stamp`). */
export type E2eCommand = GraphCommand & { readonly purge?: boolean };

export interface E2eCase {
  readonly name: string;
  /** In load order: the oracle's file-name order and TestProject's (`0000_<rev>`, ...). */
  readonly headers: readonly RevisionHeader[];
  /** Each sequence starts from a fresh database. */
  readonly runs: readonly (readonly E2eCommand[])[];
  /** mig must refuse the graph (a MigError before touching the database). */
  readonly invalid?: boolean;
  readonly format: "ts" | "sql";
}

const up = (target: string): E2eCommand => ({ cmd: "upgrade", target });
const down = (target: string): E2eCommand => ({ cmd: "downgrade", target });

/**
 * One extra sequence per graph with the identifier forms the random commands never pick
 * (`head-1`, `heads` as a stamp list, `stamp --purge`) and a few they pick rarely.
 */
function extraRun(headers: readonly RevisionHeader[], labels: readonly string[]): E2eCommand[] {
  const ids = headers.map((h) => h.revision);
  const mid = ids[Math.floor(ids.length / 2)]!;
  const label = labels[0];
  return [
    up("head-1"),
    up("+1"),
    up("heads"),
    down("head-1"),
    down("-2"),
    { cmd: "stamp", target: [mid], purge: true },
    up(label ? `${label}@head` : "head"),
    down(label ? `${label}@-1` : "-1"),
    { cmd: "stamp", target: ["heads"] },
    down(`${mid.slice(0, 5)}`),
    up(`${mid}+1`),
    down("base"),
  ];
}

/** Graph shapes the seeds cycle through (core's differential test's, ≤ 15 revisions). */
const PROFILES: readonly (readonly [string, GraphOptions])[] = [
  ["mixed", {}],
  ["dependsOn-heavy", { dependsOnChance: 0.35, mergeChance: 0.1, maxBases: 4, baseChance: 0.12 }],
  [
    "labels and merges",
    { labelChance: 0.35, mergeChance: 0.3, threeWayShare: 0.5, branchChance: 0.3 },
  ],
  ["long chains", { branchChance: 0.05, mergeChance: 0.05, dependsOnChance: 0.05 }],
  // A merge or dependsOn also naming an ancestor of another parent: where DESIGN.md
  // section 4 says Alembic may crash, and what 1.13 (#1373) fixed undoing.
  ["ancestor parents", { ancestorParentChance: 0.2, dependsOnChance: 0.25 }],
];

export function e2eCases(seedCount: number): E2eCase[] {
  const fixed = FIXED_GRAPHS.map((g, i): E2eCase => {
    const labels = g.headers.flatMap((h) => h.branchLabels);
    const random = randomQueries(
      { seed: i, headers: [...g.headers], labels, loadOrder: "creation" },
      2000 + i,
      { runs: 2, length: 8 },
    );
    return {
      name: `fixed: ${g.name}`,
      headers: g.headers,
      invalid: g.invalid ?? false,
      runs: g.invalid ? [[up("heads")]] : [...g.runs, ...random.runs, extraRun(g.headers, labels)],
      format: i % 2 === 0 ? "ts" : "sql",
    };
  });
  const random = Array.from({ length: seedCount }, (_, i): E2eCase => {
    const seed = 7001 + i;
    const [profile, options] = PROFILES[i % PROFILES.length]!;
    const size = 4 + ((i * 7) % 12); // 4..15 revisions
    const graph = randomGraph(seed, { ...options, size });
    const queries = randomQueries(graph, seed, { runs: 3, length: 8 });
    return {
      name: `seed ${seed} (${profile}, ${graph.headers.length} revisions, ${graph.loadOrder} load order)`,
      headers: graph.headers,
      runs: [...queries.runs, extraRun(graph.headers, graph.labels)],
      format: i % 2 === 0 ? "sql" : "ts",
    };
  });
  return [...fixed, ...random];
}

// ---------------------------------------------------------------------------------------
// The project and the database

const SHM = "/dev/shm";

function scratchDir(prefix: string): string {
  let base = tmpdir();
  try {
    mkdirSync(SHM, { recursive: true });
    base = SHM;
  } catch {
    // no tmpfs: the ordinary temp directory
  }
  return mkdtempSync(join(base, prefix));
}

/** Each script logs itself, like oracle.py's `mig_log` (here `step_log`: mig's own applied log is `mig_log`). */
function scriptFor(header: RevisionHeader, format: "ts" | "sql"): ScriptSpec {
  const log = (dir: "up" | "down") =>
    `INSERT INTO step_log (rev, dir) VALUES ('${header.revision}', '${dir}')`;
  return {
    revision: header.revision,
    down: header.downRevisions,
    labels: header.branchLabels,
    dependsOn: header.dependsOn,
    up: [log("up")],
    downSql: [log("down")],
    format,
  };
}

export interface E2eProject {
  readonly project: TestProject;
  /** Options for one sequence's fresh database. */
  database(index: number): { options: ProjectOptions; path: string };
  dispose(): Promise<void>;
}

export async function createE2eProject(c: E2eCase): Promise<E2eProject> {
  const dbDir = scratchDir("mig-alembic-e2e-");
  const project = await TestProject.create(
    {
      name: "sqlite-alembic-e2e",
      dialect: createDialect,
      dialectModule: fileURLToPath(new URL("../dist/index.js", import.meta.url)),
      cli: fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url)),
      database: async () => ({
        url: `sqlite:///${join(dbDir, "unused.db")}`,
        drop: async () => undefined,
      }),
    },
    c.headers.map((h) => scriptFor(h, c.format)),
  );
  return {
    project,
    database(index) {
      const path = join(dbDir, `run${index}.db`);
      const db = new Database(path);
      db.exec("CREATE TABLE step_log (id INTEGER PRIMARY KEY AUTOINCREMENT, rev TEXT, dir TEXT)");
      db.close();
      // `sqlite:////abs/path.db`: four slashes, absolute (as in SQLAlchemy).
      return { options: { ...project.options, url: `sqlite:///${path}` }, path };
    },
    async dispose() {
      await project.dispose();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/** The load order mig sees (file-name order), to check it is the oracle's. */
export async function migLoadOrder(options: ProjectOptions): Promise<string[]> {
  return (await openProject(options)).scripts.map((s) => s.header.revision);
}

interface DbState {
  /** Version rows, sorted; [] while the table does not exist. */
  readonly rows: string[];
  readonly log: (readonly [string, "up" | "down"])[];
}

function readDb(path: string): DbState {
  const db = new Database(path, { readonly: true });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mig_version'")
      .get();
    const rows = hasTable
      ? (db.prepare("SELECT version_num FROM mig_version").all() as { version_num: string }[]).map(
          (r) => r.version_num,
        )
      : [];
    const log = (
      db.prepare("SELECT rev, dir FROM step_log ORDER BY id").all() as {
        rev: string;
        dir: "up" | "down";
      }[]
    ).map((r) => [r.rev, r.dir] as const);
    return { rows: rows.sort(), log };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------
// Running and judging

type MigOutcome =
  | { readonly ok: true; readonly result: RunResult }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly crash: boolean;
    };

async function runMig(options: ProjectOptions, command: E2eCommand): Promise<MigOutcome> {
  try {
    const { target } = command;
    let result: RunResult;
    if (command.cmd === "stamp") {
      result = await stamp({
        ...options,
        revisions: typeof target === "string" ? [target] : target,
        purge: command.purge ?? false,
      });
    } else {
      if (typeof target !== "string") throw new Error(`${command.cmd} takes one target`);
      result =
        command.cmd === "upgrade"
          ? await upgrade({ ...options, target })
          : await downgrade({ ...options, target });
    }
    return { ok: true, result };
  } catch (error) {
    if (isMigError(error))
      return { ok: false, code: error.code, message: error.message, crash: false };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, code: "(not a MigError)", message, crash: true };
  }
}

export interface E2eTally {
  graphs: number;
  sequences: number;
  commands: number;
  /** Alembic ran scripts, and mig ran the same ones. */
  commandsApplied: number;
  commandsFailedInAlembic: number;
  alembicCrashes: number;
  ambiguousRelativeDowngrades: number;
  /** Times mig's database was re-synced to Alembic's rows with `stamp --purge`. */
  resyncs: number;
  /** Sequences cut short because Alembic's rows could not be stamped (see `resync`). */
  sequencesStopped: number;
  /** Commands not run because their sequence stopped. */
  commandsSkipped: number;
  /** Per identifier form (`upgrade <label>@head`...): [Alembic ran it, Alembic refused it]. */
  forms: Record<string, [number, number]>;
}

export const emptyE2eTally = (): E2eTally => ({
  graphs: 0,
  sequences: 0,
  commands: 0,
  commandsApplied: 0,
  commandsFailedInAlembic: 0,
  alembicCrashes: 0,
  ambiguousRelativeDowngrades: 0,
  resyncs: 0,
  sequencesStopped: 0,
  commandsSkipped: 0,
  forms: {},
});

/** The identifier form of a command, e.g. `downgrade <label>@-N`, `stamp --purge [list]`. */
export function commandForm(command: E2eCommand, headers: readonly RevisionHeader[]): string {
  const ids = new Set(headers.map((h) => h.revision));
  const labels = new Set(headers.flatMap((h) => h.branchLabels));
  const one = (t: string): string => {
    if (t === "head" || t === "heads" || t === "base") return t;
    if (/^[+-]\d+$/.test(t)) return `${t[0]}N`;
    if (ids.has(t)) return "<rev>";
    const at = t.indexOf("@");
    if (at >= 0) {
      const branch = t.slice(0, at);
      return `${labels.has(branch) ? "<label>" : ids.has(branch) ? "<rev>" : "?"}@${one(t.slice(at + 1))}`;
    }
    const rel = /^(.+)([+-])\d+$/.exec(t);
    if (rel) return `${one(rel[1]!)}${rel[2]}N`;
    if ([...ids].some((id) => id.startsWith(t))) return "<partial>";
    return "?";
  };
  const target =
    typeof command.target === "string"
      ? one(command.target)
      : `[${command.target.map(one).join(" ")}]`;
  return `${command.cmd}${command.purge ? " --purge" : ""} ${target}`;
}

export interface E2eMismatch {
  readonly sequence: number;
  readonly step: number;
  readonly command: string;
  readonly from: readonly string[];
  readonly alembic: unknown;
  readonly mig: unknown;
  readonly problem: string;
}

const AMBIGUOUS_RELATIVE = /downgrade -1 from multiple heads is ambiguous/;

export function label(command: E2eCommand): string {
  const target = typeof command.target === "string" ? command.target : command.target.join(" ");
  return `${command.cmd}${command.purge ? " --purge" : ""} ${target}`;
}

/**
 * Runs every sequence of a case through mig and compares each command with Alembic's.
 *
 * Between commands the two databases must hold the same rows, or the next comparison
 * means nothing. Where a command was accepted although the rows now differ (Alembic
 * crashed, or failed after writing some rows; mig refused an ambiguous `downgrade -1`),
 * mig's database is re-synced to Alembic's rows with mig's own `stamp --purge` (which
 * leaves the scripts' log alone) and checked; if mig cannot stamp those rows (Alembic
 * crashed into a state mig will not name, e.g. a revision and its own ancestor), the
 * sequence stops there. A real mismatch also stops its sequence: it is reported, and
 * what follows would only compare diverged states.
 */
export async function runCase(
  c: E2eCase,
  e2e: E2eProject,
  oracle: OracleResult,
  tally: E2eTally,
): Promise<E2eMismatch[]> {
  const mismatches: E2eMismatch[] = [];
  tally.graphs++;
  if (c.invalid) {
    const { options, path } = e2e.database(0);
    const outcome = await runMig(options, up("heads"));
    const after = readDb(path);
    if (outcome.ok || outcome.crash || after.rows.length > 0 || after.log.length > 0)
      mismatches.push({
        sequence: 0,
        step: 0,
        command: "upgrade heads (invalid graph)",
        from: [],
        alembic: oracle.graphError ?? "built the graph",
        mig: showMig(outcome, after),
        problem: "mig must refuse an invalid graph with a MigError and touch nothing",
      });
    return mismatches;
  }
  if (oracle.graphError) {
    return [
      {
        sequence: -1,
        step: -1,
        command: "build",
        from: [],
        alembic: oracle.graphError,
        mig: "-",
        problem: "Alembic refused a graph meant to be valid: nothing would be compared",
      },
    ];
  }
  for (const [s, commands] of c.runs.entries()) {
    tally.sequences++;
    const expected = oracle.runs![s]!;
    const { options, path } = e2e.database(s);
    for (const [i, command] of commands.entries()) {
      const result = expected[i]!;
      const before = readDb(path);
      const from = i === 0 ? [] : expected[i - 1]!.rows;
      tally.commands++;
      const form = commandForm(command, c.headers);
      const counts = tally.forms[form] ?? [0, 0];
      counts[result.error ? 1 : 0]++;
      tally.forms[form] = counts;
      const outcome = await runMig(options, command);
      const after = readDb(path);
      const problem = judge(command, outcome, before, after, result, from, tally);
      if (problem) {
        mismatches.push({
          sequence: s,
          step: i,
          command: label(command),
          from,
          alembic: showAlembic(result),
          mig: showMig(outcome, after, before),
          problem,
        });
        tally.commandsSkipped += commands.length - i - 1;
        break;
      }
      if (!isDeepStrictEqual(after.rows, result.rows)) {
        const synced = await resync(options, path, result.rows);
        tally.resyncs++;
        if (!synced) {
          tally.sequencesStopped++;
          tally.commandsSkipped += commands.length - i - 1;
          break;
        }
      }
    }
  }
  return mismatches;
}

/** Makes mig's version table hold `rows` with `stamp --purge`; false if mig refuses. */
async function resync(options: ProjectOptions, path: string, rows: readonly string[]) {
  const outcome = await runMig(options, {
    cmd: "stamp",
    target: rows.length > 0 ? rows : ["base"],
    purge: true,
  });
  return outcome.ok && isDeepStrictEqual(readDb(path).rows, [...rows].sort());
}

/** Why mig's outcome is not acceptable, or null. The rules are compare.ts's (see above). */
function judge(
  command: E2eCommand,
  outcome: MigOutcome,
  before: DbState,
  after: DbState,
  result: OracleCommandResult,
  from: readonly string[],
  tally: E2eTally,
): string | null {
  if (!outcome.ok && outcome.crash) return "mig threw something that is not a MigError";
  const ranNow = after.log.slice(before.log.length);
  if (!outcome.ok) {
    // A refusal, of whatever kind: nothing may have changed.
    if (!isDeepStrictEqual(after, before))
      return "mig threw a MigError but changed the database (rows or scripts run)";
  } else {
    // A run: what it reports is what happened.
    const reported = outcome.result.steps
      .filter((st) => st.kind === "revision")
      .map((st) => [st.revision, st.direction] as const);
    if (!isDeepStrictEqual(reported, ranNow))
      return "the steps mig reports are not the scripts that ran";
    if (!isDeepStrictEqual([...outcome.result.rows].sort(), after.rows))
      return "the rows mig reports are not the version table's";
    if (
      after.log.length < before.log.length ||
      !isDeepStrictEqual(after.log.slice(0, before.log.length), before.log)
    )
      return "the scripts' log lost entries";
  }

  if (result.error) {
    tally.commandsFailedInAlembic++;
    if (result.error.crash) {
      // Alembic crashed (DESIGN.md section 4): a clear MigError or a valid run both do.
      tally.alembicCrashes++;
      return null;
    }
    return outcome.ok ? "Alembic refused the command, mig ran it" : null;
  }
  if (outcome.ok) {
    if (
      !isDeepStrictEqual(
        ranNow,
        result.applied.map(([r, d]) => [r, d] as const),
      )
    )
      return "different scripts (or order)";
    if (!isDeepStrictEqual(after.rows, [...result.rows])) return "different version rows";
    if (result.applied.length > 0) tally.commandsApplied++;
    return null;
  }
  if (
    command.cmd === "downgrade" &&
    new Set(from).size > 1 &&
    (result.warnings ?? []).some((w) => AMBIGUOUS_RELATIVE.test(w)) &&
    outcome.code === "ambiguous_relative"
  ) {
    // Alembic warns "downgrade -1 from multiple heads is ambiguous" and walks down from
    // whichever row the database returns first; mig refuses on purpose.
    tally.ambiguousRelativeDowngrades++;
    return null;
  }
  return "Alembic ran the command, mig refused it";
}

function showAlembic(result: OracleCommandResult): string {
  const steps = result.applied.map(([rev, dir]) => `${dir === "up" ? "+" : "-"}${rev}`).join(" ");
  const error = result.error
    ? ` ERROR ${result.error.type}${result.error.crash ? " (crash)" : ""}: ${result.error.message}`
    : "";
  const warnings = result.warnings?.length ? ` WARNINGS ${JSON.stringify(result.warnings)}` : "";
  return `ran [${steps}] rows [${result.rows.join(", ")}]${error}${warnings}`;
}

function showMig(outcome: MigOutcome, after: DbState, before?: DbState): string {
  const ran = after.log
    .slice(before?.log.length ?? 0)
    .map(([rev, dir]) => `${dir === "up" ? "+" : "-"}${rev}`)
    .join(" ");
  const error = outcome.ok
    ? ""
    : ` ERROR ${outcome.code}${outcome.crash ? " (not a MigError)" : ""}: ${outcome.message}`;
  return `ran [${ran}] rows [${after.rows.join(", ")}]${error}`;
}

export function formatCase(c: E2eCase, mismatches: readonly E2eMismatch[]): string {
  const graph = c.headers.map(
    (h) =>
      `  ${h.revision} <- [${h.downRevisions.join(", ")}]` +
      (h.branchLabels.length ? ` labels=${h.branchLabels.join(",")}` : "") +
      (h.dependsOn.length ? ` dependsOn=${h.dependsOn.join(",")}` : ""),
  );
  const lines = [
    `${mismatches.length} command(s) differ from Alembic. Graph (load order):`,
    ...graph,
  ];
  for (const m of mismatches.slice(0, 8)) {
    const seq = c.runs[m.sequence] ?? [];
    lines.push(
      `  sequence ${m.sequence}: ${seq.map(label).join("; ")}`,
      `  step ${m.step}: ${m.command}   (from rows [${m.from.join(", ")}]): ${m.problem}`,
      `    alembic: ${typeof m.alembic === "string" ? m.alembic : JSON.stringify(m.alembic)}`,
      `    mig:     ${typeof m.mig === "string" ? m.mig : JSON.stringify(m.mig)}`,
    );
  }
  return lines.join("\n");
}
