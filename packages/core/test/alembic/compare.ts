import { isDeepStrictEqual } from "node:util";
import type { RevisionHeader } from "../../src/revision/index.js";
import type { Outcome } from "./mig-answers.js";
import * as mig from "./mig-answers.js";
import { type Answer, isError, type OracleCommandResult, type OracleResult } from "./oracle.js";
import type { GraphCommand, GraphQueries } from "./random-commands.js";

export interface DifferentialCase {
  readonly name: string;
  readonly headers: readonly RevisionHeader[];
  readonly queries: GraphQueries;
  /** mig must refuse the graph itself (a MigError when the map is built). */
  readonly invalid?: boolean;
  /** A difference from Alembic that mig has not fixed yet: the test expects a mismatch. */
  readonly knownGap?: string;
}

export interface Mismatch {
  readonly query: string;
  readonly alembic: unknown;
  readonly mig: unknown;
  /** Where relevant, the version rows the command started from. */
  readonly from?: readonly string[];
}

/** Counts of what was compared, so a test can prove it did not compare nothing. */
export interface Tally {
  queries: number;
  commands: number;
  commandsApplied: number;
  commandsFailedInAlembic: number;
  /** Alembic raised something that is not its own error class; mig only has to not crash. */
  alembicCrashes: number;
  /** `downgrade -N` from several rows: Alembic warns and picks one; mig may refuse. */
  ambiguousRelativeDowngrades: number;
  /** Answers that changed with PYTHONHASHSEED (Alembic iterates sets of strings). */
  hashDependent: number;
}

export const emptyTally = (): Tally => ({
  queries: 0,
  commands: 0,
  commandsApplied: 0,
  commandsFailedInAlembic: 0,
  alembicCrashes: 0,
  ambiguousRelativeDowngrades: 0,
  hashDependent: 0,
});

const show = <T>(outcome: Outcome<T>): unknown =>
  outcome.ok
    ? outcome.value
    : { error: outcome.code, message: outcome.message, crash: outcome.crash };

const AMBIGUOUS_RELATIVE = /downgrade -1 from multiple heads is ambiguous/;

/**
 * Compares mig with Alembic on one graph. `variants` are the oracle's answers for the
 * same graph under different PYTHONHASHSEEDs; mig passes a query when it matches any.
 */
export function compareCase(
  c: DifferentialCase,
  variants: readonly OracleResult[],
  tally: Tally,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const first = variants[0]!;
  const built = mig.attempt(() => mig.buildMap(c.headers));
  if (c.invalid) {
    // mig must refuse the graph with a MigError (Alembic refuses it too, or only warns).
    if (built.ok || built.crash) {
      mismatches.push({
        query: "build",
        alembic: first.graphError ?? "built it",
        mig: show(built),
      });
    }
    return mismatches;
  }
  if (first.graphError) {
    // A graph meant to be valid that Alembic rejects would make every comparison vacuous.
    return [{ query: "build", alembic: { error: first.graphError }, mig: show(built) }];
  }
  if (!built.ok) return [{ query: "build", alembic: "a valid graph", mig: show(built) }];
  const map = built.value;

  const check = <T>(
    query: string,
    answers: readonly (Answer<T> | undefined)[],
    run: () => T,
  ): void => {
    tally.queries++;
    const distinct = unique(answers);
    if (distinct.length > 1) tally.hashDependent++;
    const outcome = mig.attempt(run);
    const matches = distinct.some((answer) => {
      if (isError(answer)) return !outcome.ok && !outcome.crash;
      return outcome.ok && isDeepStrictEqual(outcome.value, answer);
    });
    if (!matches)
      mismatches.push({
        query,
        alembic: distinct.length === 1 ? distinct[0] : distinct,
        mig: show(outcome),
      });
  };

  check(
    "heads",
    variants.map((v) => v.heads),
    () => mig.heads(map),
  );
  check(
    "heads (resolved, `heads` symbol)",
    variants.map((v) => v.realHeads),
    () => mig.realHeads(map),
  );
  const printed = [
    ["heads", "`heads` markers", (v: OracleResult) => v.headsText],
    ["history", "`history` markers", (v: OracleResult) => v.historyText],
    ["verbose", "`history -v` markers", (v: OracleResult) => v.historyVerboseText],
  ] as const;
  for (const [what, query, lines] of printed) {
    check(
      query,
      variants.map((v) => {
        const answer = lines(v);
        return answer === undefined || isError(answer) ? answer : mig.parseMarks(answer, what);
      }),
      () => mig.printedMarks(map, what),
    );
  }
  check(
    "bases",
    variants.map((v) => v.bases),
    () => mig.bases(map),
  );
  check(
    "history",
    variants.map((v) => v.history),
    () => mig.history(map),
  );
  check(
    "branches",
    variants.map((v) => v.branches),
    () => mig.branches(map),
  );
  for (const range of c.queries.historyRanges) {
    check(
      `history -r ${range}`,
      variants.map((v) => v.historyRanges?.[range]),
      () => mig.history(map, range),
    );
  }
  for (const ident of c.queries.resolve) {
    check(
      `resolve ${ident}`,
      variants.map((v) => v.resolve?.[ident]),
      () => mig.resolve(map, ident),
    );
  }

  c.queries.runs.forEach((commands, r) => {
    commands.forEach((command, i) => {
      tally.commands++;
      const options = variants.map((v) => ({
        from: i === 0 ? [] : v.runs![r]![i - 1]!.rowsRaw,
        result: v.runs![r]![i]!,
      }));
      if (unique(options).length > 1) tally.hashDependent++;
      const failure = compareCommand(map, command, options, tally);
      if (failure) mismatches.push({ query: `run ${r} step ${i}: ${label(command)}`, ...failure });
    });
  });
  return mismatches;
}

interface CommandOption {
  readonly from: readonly string[];
  readonly result: OracleCommandResult;
}

function compareCommand(
  map: ReturnType<typeof mig.buildMap>,
  command: GraphCommand,
  options: readonly CommandOption[],
  tally: Tally,
): Omit<Mismatch, "query"> | null {
  let last: Omit<Mismatch, "query"> | null = null;
  for (const { from, result } of options) {
    const outcome = mig.attempt(() => mig.runCommand(map, from, command));
    const expected = result.error
      ? { error: result.error, applied: result.applied, rows: result.rows }
      : { applied: result.applied, rows: result.rows };
    last = { alembic: expected, mig: show(outcome), from };
    // mig must never fail with something that is not a MigError.
    if (!outcome.ok && outcome.crash) continue;
    if (result.error) {
      if (result.error.crash) {
        // Alembic crashed (DESIGN.md section 4): a clear MigError or a valid run both do.
        tally.alembicCrashes++;
        tally.commandsFailedInAlembic++;
        return null;
      }
      if (outcome.ok) continue;
      tally.commandsFailedInAlembic++;
      return null;
    }
    if (outcome.ok) {
      if (!isDeepStrictEqual(outcome.value, { applied: result.applied, rows: result.rows }))
        continue;
      if (result.applied.length > 0) tally.commandsApplied++;
      return null;
    }
    if (isAmbiguousRelative(command, from, result)) {
      // Alembic 1.8.1 and 1.19 alike warn "downgrade -1 from multiple heads is ambiguous"
      // and walk down from whichever row the database returns first; mig may refuse.
      tally.ambiguousRelativeDowngrades++;
      return null;
    }
  }
  return last;
}

function isAmbiguousRelative(
  command: GraphCommand,
  from: readonly string[],
  result: OracleCommandResult,
): boolean {
  return (
    command.cmd === "downgrade" &&
    new Set(from).size > 1 &&
    (result.warnings ?? []).some((w) => AMBIGUOUS_RELATIVE.test(w))
  );
}

function label(command: GraphCommand): string {
  const target = typeof command.target === "string" ? command.target : command.target.join(" ");
  return `${command.cmd} ${target}`;
}

function unique<T>(items: readonly T[]): T[] {
  const out: T[] = [];
  for (const item of items) if (!out.some((o) => isDeepStrictEqual(o, item))) out.push(item);
  return out;
}

/** A mismatch in a few lines a person can read: the command, where it started, both answers. */
export function formatMismatch(m: Mismatch): string {
  const lines = [`  ${m.query}${m.from ? `   (from rows [${m.from.join(", ")}])` : ""}`];
  lines.push(`    alembic: ${brief(m.alembic)}`);
  lines.push(`    mig:     ${brief(m.mig)}`);
  return lines.join("\n");
}

function brief(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const v = value as {
    applied?: [string, string][];
    rows?: string[];
    error?: unknown;
    message?: string;
  };
  if (Array.isArray(v.applied)) {
    const steps = v.applied.map(([rev, dir]) => `${dir === "up" ? "+" : "-"}${rev}`).join(" ");
    const error = v.error ? ` ERROR ${JSON.stringify(v.error)}` : "";
    return `ran [${steps}] rows [${(v.rows ?? []).join(", ")}]${error}`;
  }
  return JSON.stringify(value);
}
