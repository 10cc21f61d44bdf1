import { MigError } from "@mig/core/dialect";

/**
 * SQLITE_READONLY and its extended codes, as a plain error naming the file: otherwise a
 * migration's failure would end in "fix the script" when the permissions are at fault.
 */
export function readOnlyError(error: unknown, file: string, mode: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_READONLY")) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new MigError(
    "database_read_only",
    `The SQLite database ${file} is read-only for this process (${detail}).`,
    {
      hint:
        mode === "ro"
          ? "The URL opens it with mode=ro: drop mode=ro to migrate it."
          : "Fix its permissions: this user needs write access to the file and to its directory (SQLite writes a journal beside it).",
      cause: error,
    },
  );
}
