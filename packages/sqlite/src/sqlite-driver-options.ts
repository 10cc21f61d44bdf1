/** How to open a SQLite database file; sqlite-driver.ts and sqlite-open.ts share it. */
export interface SqliteDriverOptions {
  /** An absolute path, or `:memory:`. */
  readonly file: string;
  /** How long a statement waits on a database another process has locked (busy_timeout). */
  readonly timeoutMs: number;
  readonly foreignKeys: boolean;
  /** `ro` read-only, `rw` the file must exist, `rwc` create it if missing. */
  readonly mode: "ro" | "rw" | "rwc";
}
