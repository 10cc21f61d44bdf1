import { type StepCommand, tooFar, walkFor, wrongWay } from "./relative-errors.js";
import {
  BASE,
  filterForLineage,
  getRevision,
  getRevisions,
  type Resolved,
  resolveBranch,
} from "./resolve.js";
import type { Revision } from "./revision.js";
import { RelativeRangeError, RevisionError, UnknownRevisionError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";
import { ancestors, descendants } from "./traversal.js";

/**
 * `[label@][symbol](+|-)N`, the whole target. Alembic matches only its start, so `+1.5` ran
 * one step; here such a target is refused (absolute()).
 */
const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)$/;

/** Resolves an absolute target; one that looks like a broken relative step says so. */
function absolute<T>(target: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof UnknownRevisionError && /[+-]\d/.test(target)) {
      throw new RelativeRangeError(
        `'${target}' is neither a revision nor a relative step.`,
        "A relative step is a whole number of steps: +1, -2, ae10+1, branch@-1.",
      );
    }
    throw error;
  }
}

/**
 * Resolves a target now where the current rows play no part in it (an id, a label,
 * `ae10+1`, `base`), so a typo is refused before a database is opened; one that counts
 * from the rows (`+1`, `-2`, `branch@-1`) is left for the run. `head` and `heads` always
 * resolve and are not looked at: a plain `up` builds no graph when the memo answers it.
 */
export function assertTargetResolves(
  map: RevisionMap,
  target: string,
  command: "up" | "down" | "stamp",
): void {
  if (target === "head" || target === "heads") return;
  const match = RELATIVE.exec(target);
  // A branch is named before the @ whatever follows it: `typo@base` is refused, not run.
  const label = match
    ? match[1]
    : target.includes("@")
      ? target.slice(0, target.lastIndexOf("@"))
      : undefined;
  if (label) resolveBranch(map, label);
  if (command === "stamp") {
    if (!match) absolute(target, () => getRevisions(map, target));
    return;
  }
  // Counted from the rows: `+1` up, `-1` down (`-0` moves nothing, and is said so now).
  const steps = match ? Number(match[3]) : 0;
  if (match && match[2] === undefined && steps !== 0 && steps > 0 === (command === "up")) return;
  if (command === "up") parseUpgradeTarget(map, [], target, true, command);
  else parseDowngradeTarget(map, [], target, true, command);
}

export interface DowngradeTarget {
  readonly label: string | null;
  readonly target: Resolved;
}

/** A downgrade destination, absolute or relative to the current rows. */
export function parseDowngradeTarget(
  map: RevisionMap,
  current: readonly string[],
  target: string | null,
  assertRelativeLength: boolean,
  command: StepCommand,
): DowngradeTarget {
  if (target === null) return { label: null, target: null };
  const match = RELATIVE.exec(target);
  if (match) {
    let label = match[1] ?? null;
    let symbol = match[2];
    const relative = match[3]!;
    const steps = Number(relative);
    if (steps >= 0) {
      if (symbol === undefined) throw wrongWay(target, command, true);
      const rev = walkFor(command, map, symbol, steps, label, assertRelativeLength);
      if (rev === null) {
        throw tooFar(map, target, getRevision(map, symbol), 1, label, command, false);
      }
      return { label, target: rev };
    }
    const fromCurrent = symbol === undefined;
    if (fromCurrent) {
      if (label !== null) {
        const branch = label;
        resolveBranch(map, branch);
        let onBranch: string[] = filterForLineage(map, current, branch);
        if (onBranch.length === 0) {
          onBranch = filterForLineage(map, allCurrent(map, current), branch).map((r) => r.revision);
        }
        if (onBranch.length !== 1) {
          throw new RevisionError(
            "ambiguous_relative",
            `'${target}' needs exactly one current revision on branch '${branch}'; found ${onBranch.length === 0 ? "none" : onBranch.join(", ")}.`,
            "Downgrade to an absolute revision instead.",
            { usage: true },
          );
        }
        symbol = onBranch[0]!;
      } else {
        if (current.length === 0) {
          throw new RelativeRangeError(
            "The database is at base: there is nothing to downgrade.",
            "`mig current` shows the version table; `mig history` lists the revisions.",
          );
        }
        if (new Set(current).size > 1) {
          throw new RevisionError(
            "ambiguous_relative",
            `'${target}' is ambiguous: the database has several heads (${current.join(", ")}).`,
            `Name the branch, e.g. ${current[0]}@${relative}, or downgrade to a revision id.`,
            { usage: true },
          );
        }
        symbol = current[0]!;
        // Restrict the walk and the revisions to drop to this revision's own line.
        label = symbol;
      }
    }
    const start =
      label === null ? getRevision(map, symbol!) : getRevision(map, `${label}@${symbol}`);
    const rev = walkFor(command, map, start, steps, null, assertRelativeLength);
    if (rev === null) throw tooFar(map, target, start, -1, null, command, fromCurrent);
    return { label, target: rev };
  }
  const at = target.lastIndexOf("@");
  const label = at > 0 ? target.slice(0, at) : null;
  // As Alembic, the label only narrows what is dropped; unlike it, one no branch has is an
  // error, not ignored: on a line with one base, `typo@base` would revert everything.
  if (label !== null) resolveBranch(map, label);
  return { label, target: absolute(target, () => getRevision(map, target.slice(at + 1))) };
}

/** Upgrade destinations, absolute or relative to the current rows. */
export function parseUpgradeTarget(
  map: RevisionMap,
  current: string | readonly string[] | null,
  target: string,
  assertRelativeLength: boolean,
  command: StepCommand,
): Revision[] {
  const match = RELATIVE.exec(target);
  if (!match) {
    const at = target.lastIndexOf("@");
    if (at > 0) resolveBranch(map, target.slice(0, at));
    return onlyRevisions(
      absolute(target, () => getRevisions(map, target)),
      target,
    );
  }
  const label = match[1] ?? null;
  const symbol = match[2];
  const relative = match[3]!;
  const steps = Number(relative);
  const currentIds = current === null ? [] : typeof current === "string" ? [current] : [...current];
  if (label !== null) resolveBranch(map, label);
  if (steps > 0 && symbol === undefined) {
    let starts: Array<string | Revision | null> = currentIds.length > 0 ? currentIds : [null];
    if (label !== null) {
      const currentRevs = onlyRevisions(getRevisions(map, currentIds), target);
      starts = filterForLineage(map, currentRevs, label);
      if (starts.length === 0) {
        // The branch has no current row of its own: start from its tip among the ancestors.
        const active = filterForLineage(map, ancestors(map, currentRevs), label);
        const below = new Set(active.flatMap((r) => r.normalizedDownRevisions));
        const tips = active.filter((r) => !below.has(r.revision));
        starts = tips.length > 0 ? tips : [null];
      }
    }
    if (starts.length > 1) {
      throw new RevisionError(
        "ambiguous_relative",
        `'${target}' is ambiguous: upgrading from several current revisions.`,
        "Name the branch, e.g. <branchname>@+1, or upgrade to a revision id.",
        { usage: true },
      );
    }
    const from = starts[0]!;
    const start = typeof from === "string" ? getRevision(map, from) : from;
    const rev = walkFor(command, map, start, steps, label, assertRelativeLength);
    if (rev === null) {
      throw tooFar(map, target, start, 1, label, command, Array.isArray(current));
    }
    return onlyRevisions([rev], target);
  }
  if (symbol === undefined) throw wrongWay(target, command, false);
  const start =
    steps > 0 || label === null ? getRevision(map, symbol) : getRevision(map, `${label}@${symbol}`);
  const rev = walkFor(command, map, start, steps, steps > 0 ? label : null, assertRelativeLength);
  if (rev === null) {
    const direction = steps > 0 ? 1 : -1;
    throw tooFar(map, target, start, direction, steps > 0 ? label : null, command, false);
  }
  return onlyRevisions([rev], target);
}

function onlyRevisions(resolved: readonly Resolved[], target: string): Revision[] {
  return resolved.map((r) => {
    if (r === null || r === BASE) {
      throw new RelativeRangeError(`'${target}' does not name a revision to upgrade to.`);
    }
    return r;
  });
}

/** The current rows' lines reduced to their tips, dependencies included. */
export function allCurrent(map: RevisionMap, current: readonly string[]): Revision[] {
  const top = new Set(onlyRevisions(getRevisions(map, current), current.join(",")));
  for (const r of ancestors(map, [...top])) top.add(r);
  return [...top].filter((rev) => {
    for (const d of descendants(map, [rev], { dependencies: false })) {
      if (d !== rev && top.has(d)) return false;
    }
    return true;
  });
}
