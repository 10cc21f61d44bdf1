import { MigError } from "../errors/mig-error.js";
import { isRelativeTarget } from "../revision/named-target.js";

// What `stamp --purge` refuses before anything opens.

/**
 * As Alembic: `--purge` empties the table whatever it holds, which a script written for
 * later cannot know; without it the SQL would silently keep the rows it meant to drop.
 */
export function refusePurgeOffline(): never {
  throw new MigError("invalid_call", "stamp --purge cannot be written as SQL (--sql).", {
    usage: true,
    hint: "Run `mig stamp --purge <revision>` against the database, or write the change from the rows it holds with `mig stamp --sql <from>:<to>`.",
  });
}

/** `stamp --purge -1`: a step counted from the rows the purge empties first names nothing. */
export function refuseRelativePurge(revisions: readonly string[]): void {
  const relative = revisions.find(isRelativeTarget);
  if (relative === undefined) return;
  throw new MigError(
    "invalid_call",
    `stamp --purge takes revisions, not the relative step '${relative}': the purge empties the rows it would count from.`,
    { usage: true, hint: "Name the revision to record (`mig history` lists them)." },
  );
}
