import { isMigError } from "../../src/errors/mig-error.js";
import {
  BASE,
  getRevisions,
  planDowngrade,
  planStamp,
  planUpgrade,
  type RevisionHeader,
  RevisionMap,
  revisionMarks,
  VersionRows,
  walkRevisions,
} from "../../src/revision/index.js";
import type { GraphCommand } from "./random-commands.js";

/**
 * mig's answers to the questions oracle.py asks Alembic, through core's revision API.
 * The one place that knows that API's shape: adapt here when it changes.
 */

/** What a call produced: a value, a MigError (by code), or something else thrown (a crash). */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly crash: boolean;
    };

export function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (isMigError(error))
      return { ok: false, code: error.code, message: error.message, crash: false };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, code: "(not a MigError)", message, crash: true };
  }
}

export function buildMap(headers: readonly RevisionHeader[]): RevisionMap {
  return RevisionMap.build(headers);
}

export const heads = (map: RevisionMap): string[] => [...map.heads];
export const realHeads = (map: RevisionMap): string[] => [...map.realHeads];
export const bases = (map: RevisionMap): string[] => [...map.bases];

/** A revision and the markers printed after it, e.g. ["abc1", ["head", "mergepoint"]]. */
export type Marked = readonly [string, readonly string[]];

/**
 * The markers `mig heads`, `mig history` and `mig history -v` print (the CLI prints
 * core's revisionMarks), per revision in printed order.
 */
export function printedMarks(map: RevisionMap, what: "heads" | "history" | "verbose"): Marked[] {
  if (what === "heads") {
    return map.heads.map((id) => [id, revisionMarks(map.rev(id), { tree: false })]);
  }
  return walkRevisions(map).map((r) => [
    r.revision,
    revisionMarks(r, { verbose: what === "verbose" }),
  ]);
}

const MARK = / \((head|effective head|current|branchpoint|mergepoint)\)/g;
const LINE = {
  heads: /^(\S+)((?: \([^()]*\))*)$/,
  history: / -> (\S+)((?: \([^()]*\))*)(?:, |$)/,
  verbose: /^Rev: (\S+)((?: \([^()]*\))*)$/,
};

/** The same markers read back from the lines Alembic printed. */
export function parseMarks(
  lines: readonly string[],
  what: "heads" | "history" | "verbose",
): Marked[] {
  return lines.map((line) => {
    const m = LINE[what].exec(line);
    if (!m) return [`(unparsed) ${line}`, []];
    return [m[1]!, [...m[2]!.matchAll(MARK)].map((x) => x[1]!)];
  });
}

/** `mig history [-r range]`, top to bottom; a range is split as `alembic history` does. */
export function history(map: RevisionMap, range?: string): string[] {
  if (range === undefined) return walkRevisions(map).map((r) => r.revision);
  const [lower = "", upper = ""] = range.trim().split(":");
  return walkRevisions(map, lower || "base", upper || "heads").map((r) => r.revision);
}

/** `mig branches`: branch points in history order, children sorted. */
export function branches(map: RevisionMap): { revision: string; children: string[] }[] {
  return walkRevisions(map)
    .filter((r) => r.nextRevisions.length > 1)
    .map((r) => ({ revision: r.revision, children: [...r.nextRevisions].sort() }));
}

export function resolve(map: RevisionMap, identifier: string): (string | null)[] {
  return getRevisions(map, identifier).map((r) =>
    r === null ? null : r === BASE ? BASE : r.revision,
  );
}

export interface CommandRun {
  readonly applied: (readonly [string, "up" | "down"])[];
  readonly rows: string[];
}

/**
 * Plans a command against `rows` and applies the plan to a copy of them, without a
 * database: the scripts that would run, in order, and the version rows after.
 */
export function runCommand(
  map: RevisionMap,
  rows: readonly string[],
  command: GraphCommand,
): CommandRun {
  const state = new VersionRows(map, rows);
  const applied: (readonly [string, "up" | "down"])[] = [];
  const target = command.target;
  if (command.cmd === "stamp") {
    for (const step of planStamp(map, rows, typeof target === "string" ? [target] : target))
      state.apply(step);
  } else {
    if (typeof target !== "string") throw new Error(`${command.cmd} takes one target`);
    const plan =
      command.cmd === "upgrade" ? planUpgrade(map, rows, target) : planDowngrade(map, rows, target);
    for (const step of plan) {
      state.apply(step);
      applied.push([step.revision, step.direction]);
    }
  }
  return { applied, rows: state.rows.sort() };
}
