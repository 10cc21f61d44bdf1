import { BASE, type Resolved, walk } from "./resolve.js";
import { AmbiguousWalkError, RelativeRangeError } from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";

/** The command a target is for; undefined for `history -r` ranges, which only read. */
export type StepCommand = "up" | "down" | undefined;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `down +1` / `up -1`: a relative step against the command's direction. */
export function wrongWay(
  target: string,
  command: StepCommand,
  upward: boolean,
): RelativeRangeError {
  if (/[+-]0+$/.test(target)) {
    const example = command === "down" ? "`mig down -1`" : "`mig up +1`";
    return new RelativeRangeError(
      `'${target}' moves no steps.`,
      `Give a count of 1 or more, e.g. ${example}.`,
    );
  }
  const other = target.replace(/[+-](\d+)$/, upward ? "-$1" : "+$1");
  if (command === "down" && upward) {
    return new RelativeRangeError(
      `'${target}' moves up, but a downgrade only moves down.`,
      `Use \`mig up ${target}\` to apply migrations, or \`mig down ${other}\` to undo them.`,
    );
  }
  if (command === "up" && !upward) {
    return new RelativeRangeError(
      `'${target}' moves down, but an upgrade only moves up.`,
      `Use \`mig down ${target}\` to undo migrations, or \`mig up ${other}\` to apply them.`,
    );
  }
  return new RelativeRangeError(
    `'${target}' counts ${upward ? "up" : "down"} from the current revision, which cannot be used here.`,
    "Name the revision by id instead, e.g. `mig history -r <rev>:head`.",
  );
}

/** How many single steps a walk from `start` can take before it runs off the graph. */
function reachable(map: RevisionMap, start: Resolved, direction: 1 | -1, label: string | null) {
  let n = 0;
  let at: Resolved = start;
  // Nothing is below base; walk() would read the string "base" as a start from the heads.
  while (n <= map.size && !(at === BASE && direction < 0)) {
    at = walk(map, at, direction, label);
    if (at === null) break;
    n++;
  }
  return n;
}

const nameOf = (r: Resolved) => (r === null || r === BASE ? BASE : r.revision);

/** A relative step longer than the graph allows, said with how far it could go. */
export function tooFar(
  map: RevisionMap,
  target: string,
  start: Resolved,
  direction: 1 | -1,
  label: string | null,
  command: StepCommand,
  fromDatabase: boolean,
): RelativeRangeError {
  const n = reachable(map, start, direction, label);
  const from =
    fromDatabase && command !== undefined
      ? `the database is at ${nameOf(start)}, `
      : `${nameOf(start)} is `;
  const smaller = "Use a smaller step";
  return direction < 0
    ? new RelativeRangeError(
        `'${target}' goes below base: ${from}only ${plural(n, "step")} above base.`,
        command === "down"
          ? `${smaller}, or \`mig down base\` to undo every migration.`
          : `${smaller}.`,
      )
    : new RelativeRangeError(
        `'${target}' goes past the head: ${from}${n === 0 ? "at a head" : `only ${plural(n, "step")} below a head`}.`,
        command === "up"
          ? `${smaller}, or \`mig up head\` (\`heads\` for every branch) to apply everything.`
          : `${smaller}.`,
      );
}

/** walk(), with a fork's error worded for the command (a downgrade's fix differs from an upgrade's). */
export function walkFor(
  command: StepCommand,
  map: RevisionMap,
  start: string | Resolved,
  steps: number,
  label: string | null = null,
  noOverwalk = true,
): Resolved {
  try {
    return walk(map, start, steps, label, noOverwalk);
  } catch (error) {
    if (!(error instanceof AmbiguousWalkError) || command === undefined) throw error;
    throw new AmbiguousWalkError(error.from, error.candidates, error.fork, command);
  }
}
