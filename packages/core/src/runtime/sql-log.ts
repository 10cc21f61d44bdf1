import type { MigLogger } from "../config/mig-logger.js";
import { thrownMessage } from "../errors/first-line.js";

/** One statement as it ran: its text, parameters, time and whether it failed. */
export interface SqlLogEntry {
  readonly sql: string;
  readonly params?: readonly unknown[] | undefined;
  readonly ms: number;
  readonly failed: boolean;
}

export type SqlLog = (entry: SqlLogEntry) => void;

const MAX_PARAM = 200;

function formatParam(value: unknown): string {
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "bigint") return `${value}n`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_PARAM ? `${text.slice(0, MAX_PARAM)}…` : text;
}

/** `SQL (1.2 ms): INSERT ... -- params: [1, "a"]`, one line however the SQL was written. */
export function formatSqlLogEntry(entry: SqlLogEntry): string {
  const sql = entry.sql.trim().replace(/\s*\n\s*/g, " ");
  const params =
    entry.params && entry.params.length > 0
      ? ` -- params: [${entry.params.map(formatParam).join(", ")}]`
      : "";
  const status = entry.failed ? "SQL failed" : "SQL";
  return `${status} (${entry.ms.toFixed(1)} ms): ${sql}${params}`;
}

/**
 * A statement log for a run: to `logger` when `logSql` is true or a logger is given,
 * otherwise none. Without a logger, lines go to stderr (`console.error`), so stdout stays
 * a command's output. `mask` removes the database password from each line.
 */
export function sqlLogFor(
  options: { readonly logSql?: boolean | undefined; readonly logger?: MigLogger | undefined },
  mask: (text: string) => string,
): SqlLog | undefined {
  const enabled = options.logSql ?? options.logger !== undefined;
  if (!enabled) return undefined;
  const toStderr = (line: string) => console.error(line);
  const logger = options.logger;
  let write = toStderr;
  if (logger) {
    // A log sink that fails (throws, or rejects later) must not fail a migration half way:
    // it is said once, and its lines go to stderr from then on.
    let failed = false;
    const fail = (error: unknown, line: string) => {
      write = toStderr;
      if (!failed) {
        failed = true;
        const why = thrownMessage(error).split("\n")[0];
        toStderr(
          mask(`Warning: the config's logger threw (${why}); SQL lines go to stderr from here.`),
        );
      }
      toStderr(line);
    };
    write = (line) => {
      try {
        const result: unknown = logger.info(line);
        if (isThenable(result)) result.then(undefined, (error: unknown) => fail(error, line));
      } catch (error) {
        fail(error, line);
      }
    };
  }
  return (entry) => write(mask(formatSqlLogEntry(entry)));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
