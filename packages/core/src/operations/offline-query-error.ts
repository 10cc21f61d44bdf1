import { MigError } from "../errors/mig-error.js";

/** What `op.query()` rejects with in a `--sql` run: there is no database to read. */
export function offlineQueryError(): MigError {
  return new MigError(
    "offline_query",
    "op.query() needs a live database; it cannot run with --sql.",
    { hint: "Check op.isOffline in the script, or run this migration without --sql." },
  );
}
