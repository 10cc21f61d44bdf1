import { RevisionError } from "./revision-errors.js";

/** What a command's target may be, for the hint of a target that names nothing. */
const EXAMPLES = {
  upgrade: "mig up head, mig up +1 or mig up <revision>",
  downgrade: "mig down -1, mig down <revision> or mig down base",
  stamp: "mig stamp <revision>, mig stamp head or mig stamp base",
  show: "mig show <revision> or mig show head",
  revision: "--head <revision>, --head head or --head base (a new root)",
} as const;

export type TargetCommand = keyof typeof EXAMPLES;

/** The commands whose --sql form takes a range `<from>:<to>`. */
const RANGED: ReadonlySet<TargetCommand> = new Set(["upgrade", "downgrade", "stamp"]);

/** `-1`, `+2`, `label@-1`, `rev@+1`: counted from where a database is. */
const RELATIVE = /(^|@)[+-]\d+$/;

/** Whether `target` is a relative step (`-1`, `+2`, `label@-1`), not a revision. */
export function isRelativeTarget(target: string): boolean {
  return RELATIVE.test(target);
}

/**
 * Refuses a target a user gave that names nothing: an empty string (a variable left unset
 * in `mig down "$TARGET"`), `label@` with nothing after the `@`, or `@base` with nothing
 * before it. The resolver reads them as `base`, and a downgrade to base reverts every
 * migration. With `range` (an offline
 * `start:end`), the part after the colon is the target; an empty start means "from base".
 */
export function assertNamedTarget(command: TargetCommand, target: string, range = false): void {
  // `mig up a:b` without --sql: Alembic says "Range revision not allowed".
  if (!range && RANGED.has(command) && target.includes(":")) {
    throw new RevisionError(
      "range_needs_sql",
      `'${target}' is a range, which only --sql takes: online, the run starts where the database is.`,
      `Name one target (mig ${command === "upgrade" ? "up" : command === "downgrade" ? "down" : command} ${target.slice(target.indexOf(":") + 1) || "<revision>"}), or add --sql to write the range's SQL.`,
      { usage: true },
    );
  }
  const colon = range ? target.indexOf(":") : -1;
  const parts = colon < 0 ? [target] : [target.slice(0, colon), target.slice(colon + 1)];
  for (const part of parts) {
    // `@base` (a variable left unset in `mig down "$BRANCH@base"`) read as `base`.
    if (part.startsWith("@") && part.length > 1) {
      throw new RevisionError(
        "empty_target",
        `'${part}' names no branch before the @.`,
        `Write <branch>${part}, or ${part.slice(1)} alone for every branch.`,
        { usage: true },
      );
    }
    if (part.endsWith("@")) {
      throw new RevisionError(
        "empty_target",
        `'${part}' names no revision after the @.`,
        `Write ${part}head, ${part}base or ${part}<revision>.`,
        { usage: true },
      );
    }
  }
  // `-1:head`, `rev@-1:rev`: a count from the database's current revision, which an offline
  // run does not read (Alembic: "Can't locate revision identified by '-1'"). Counted from
  // the heads instead, it used to write nothing, or everything from base, without a word.
  const start = colon >= 0 ? parts[0]! : "";
  if (RELATIVE.test(start)) {
    throw new RevisionError(
      "relative_range_start",
      `The range '${target}' starts at '${start}', a relative step: --sql reads no database to count from.`,
      "Start the range at a revision id (or leave it empty for base), as Alembic requires; `mig history` lists them.",
      { usage: true },
    );
  }
  if (parts.at(-1) === "") {
    throw new RevisionError(
      "empty_target",
      colon >= 0
        ? `The range '${target}' has no end revision.`
        : `The ${command === "show" || command === "revision" ? "revision" : "target"} is empty.`,
      colon >= 0
        ? `Write ${target}<revision>, e.g. ${target}${command === "downgrade" ? "base" : "head"}.`
        : `Name one, e.g. ${EXAMPLES[command]}; \`mig history\` lists the revisions.`,
      { usage: true },
    );
  }
}
