import {
  connectionReleasedError,
  DatabaseConnectionError,
  type DatabaseUrl,
  MigError,
  markBatchCompleted,
  maskSecrets,
} from "@mig/core/dialect";
import type { MysqlUrlConfig } from "./mysql-url.js";

/** What mysql2 puts on its errors. */
export interface DriverError {
  readonly code?: string;
  readonly errno?: number;
  readonly fatal?: boolean;
  readonly sqlMessage?: string;
  readonly message?: string;
}

export const releasedError = connectionReleasedError;

/** The driver's error for a failed connect, as one plain line without the password. */
export function connectionError(
  error: unknown,
  config: MysqlUrlConfig,
  url: DatabaseUrl,
): DatabaseConnectionError {
  const e = (error ?? {}) as DriverError;
  const at = `MySQL at ${config.target}`;
  const server = firstLine(e.sqlMessage ?? e.message ?? String(error));
  const db = config.database ? `'${config.database}'` : "the database";
  const [message, hint] = ((): [string, string] => {
    switch (e.code) {
      case "ER_ACCESS_DENIED_ERROR":
      case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
        return [
          `Cannot log in to ${at}: ${server}`,
          "Check the user and password in the database URL (percent-encode special characters).",
        ];
      case "ER_DBACCESS_DENIED_ERROR":
        return [
          `Cannot open ${db} on ${at}: ${server}`,
          `Grant the user access to ${db}, or connect as a user who has it.`,
        ];
      case "ER_BAD_DB_ERROR":
        return [
          `Cannot connect to ${at}: ${server}`,
          `Create it first (CREATE DATABASE \`${(config.database ?? "").replaceAll("`", "``")}\`) or fix the database name in the URL.`,
        ];
      case "ER_HOST_NOT_PRIVILEGED":
      case "ER_HOST_IS_BLOCKED":
        return [
          `${at} refused this client: ${server}`,
          "Allow this host for the user on the server (CREATE USER ... @'host').",
        ];
      case "ER_CON_COUNT_ERROR":
        return [
          `${at} has too many connections: ${server}`,
          "Lower pool_size and max_overflow, or raise the server's max_connections.",
        ];
      case "ECONNREFUSED":
        return [
          `Cannot connect to ${at}: connection refused`,
          "Is the server running and listening there? Check the host and port in the URL.",
        ];
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return [
          `Cannot connect to ${at}: the host name does not resolve`,
          "Check the host in the URL.",
        ];
      case "ETIMEDOUT":
        return [
          `Cannot connect to ${at}: timed out`,
          "Check that the host is reachable (firewall, VPN), or raise connect_timeout.",
        ];
      case "ENOENT":
        return [
          `Cannot connect to ${at}: no such socket file`,
          "Check the socket path in the URL, or that the server is running.",
        ];
      case "HANDSHAKE_NO_SSL_SUPPORT":
        return [
          `Cannot connect to ${at}: the server does not support TLS`,
          "Enable TLS on the server, or drop ssl= from the URL.",
        ];
      default:
        return [
          `Cannot connect to ${at}: ${server}`,
          "Check the database URL and that the server is running.",
        ];
    }
  })();
  return new DatabaseConnectionError(
    maskSecrets(oneLine(message), url),
    maskSecrets(hint, url),
    error,
  );
}

/** Whether the session is unusable after this error (lost connection, protocol error). */
export function isFatal(error: unknown): boolean {
  return (error as DriverError | undefined)?.fatal === true;
}

/**
 * A statement in a multi-statement batch failed: say which, since the ones before it
 * ran and (outside a transaction, or being DDL) stay applied.
 */
export function noteBatchPosition(error: unknown, completed: number): unknown {
  // Kept for a caller that knows the batch's shape (commitAndBeginThen), and for the runner's
  // account of what stayed applied.
  if (error instanceof Error) markBatchCompleted(error, completed);
  if (completed > 0 && error instanceof Error) {
    error.message = `${firstLine(error.message)} (statement ${completed + 1} of this batch; the ${completed} before it already ran)`;
  }
  return error;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

function oneLine(text: string): string {
  const line = firstLine(text).replace(/[.\s]+$/, "");
  return `${line}.`;
}

/** A connection with no database selected (a URL ending at the port), asked for `table`. */
export function noDatabaseSelected(table: string): MigError {
  return new MigError(
    "no_database",
    `The database URL names no database, so there is nowhere to keep ${table}.`,
    {
      usage: true,
      hint: "Add it after the host: mysql://user:password@host:3306/<database> (or set versionTableSchema).",
    },
  );
}
