/**
 * Where `logSql` output goes: `console`, a pino logger, or any object with an
 * `info(message)` method. mig calls `info` once per statement with one line of text.
 */
export interface MigLogger {
  info(message: string): void;
}
