import {
  connectionReleasedError,
  DatabaseConnectionError,
  type DatabaseUrl,
  maskSecrets,
} from "@mig/core/dialect";

/** What pg and Node's net module put on their errors. */
interface DriverError {
  readonly code?: string;
  readonly message?: string;
  readonly address?: string;
  readonly port?: number;
  readonly errors?: readonly DriverError[];
}

/** Where a connection was going, for messages: no password in here. */
export interface ConnectTarget {
  /** `host:port` or the socket file. */
  readonly target: string;
  readonly user: string | undefined;
  readonly database: string | undefined;
}

export const releasedError = connectionReleasedError;

/** The driver's error for a failed connect, as one plain line without the password. */
export function connectionError(
  error: unknown,
  to: ConnectTarget,
  url: DatabaseUrl | undefined,
): DatabaseConnectionError {
  const e = (error ?? {}) as DriverError;
  const code = e.code ?? e.errors?.find((x) => x.code)?.code;
  const at = `PostgreSQL at ${to.target}`;
  const server = firstLine(e.message || e.errors?.[0]?.message || String(error));
  const db = to.database ? `"${to.database}"` : "the database";
  const [message, hint] = ((): [string, string] => {
    switch (code) {
      case "28P01":
        return [
          `Cannot log in to ${at}: ${server}`,
          "Check the user and password in the database URL (percent-encode special characters, e.g. @ as %40).",
        ];
      case "28000":
        return [
          `${at} refused the login: ${server}`,
          "Allow this client in the server's pg_hba.conf, or check the user, database and sslmode in the URL.",
        ];
      case "3D000":
        return [
          `Cannot open ${db} on ${at}: ${server}`,
          `Create it first (CREATE DATABASE ${quote(to.database ?? "")}) or fix the database name in the URL.`,
        ];
      case "42501":
        return [
          `Cannot open ${db} on ${at}: ${server}`,
          "Grant the user CONNECT on that database, or connect as a user who has it.",
        ];
      case "53300":
        return [
          `${at} has too many connections: ${server}`,
          "Lower pool_size and max_overflow, or raise the server's max_connections.",
        ];
      case "57P03":
        return [
          `${at} is not accepting connections yet: ${server}`,
          "Wait for it to finish starting, then try again.",
        ];
      case "ECONNREFUSED":
        return [
          `Could not connect to ${at}: connection refused`,
          "Is the server running and listening there? Check the host and port in the URL.",
        ];
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return [
          `Could not connect to ${at}: the host name does not resolve`,
          "Check the host in the URL.",
        ];
      case "ETIMEDOUT":
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return [
          `Could not connect to ${at}: the host is unreachable`,
          "Check that the host is reachable (firewall, VPN) and the host and port in the URL.",
        ];
      case "ENOENT":
        return [
          `Could not connect to ${at}: no such socket file`,
          "Check the socket directory (?host=) and port in the URL, and that the server is running.",
        ];
      case "ECONNRESET":
        return [
          `Could not connect to ${at}: the server closed the connection`,
          "Check that this is a PostgreSQL server and whether it requires TLS (?sslmode=require).",
        ];
    }
    if (/timeout expired|connection timeout/i.test(server)) {
      return [
        `Could not connect to ${at}: timed out`,
        "Check that the host is reachable, or raise connect_timeout (seconds) in the URL.",
      ];
    }
    if (/does not support SSL/i.test(server)) {
      return [
        `Could not connect to ${at}: the server does not support TLS`,
        "Use sslmode=disable (or prefer) in the URL, or enable TLS on the server.",
      ];
    }
    if (/client password must be a string|password.*(required|missing)/i.test(server)) {
      return [
        `Cannot log in to ${at}: the server asks for a password and none was given`,
        "Put the password in the database URL (postgres://user:password@host/db) or in PGPASSWORD.",
      ];
    }
    if (/self[- ]signed|certificate|altnames|unable to verify/i.test(server)) {
      return [
        `Could not connect to ${at}: the server's TLS certificate was not accepted (${server})`,
        "Give the CA with sslrootcert=, or use sslmode=require to encrypt without verifying.",
      ];
    }
    return [
      `Could not connect to ${at}: ${server}`,
      "Check the database URL and that the server is running.",
    ];
  })();
  scrub(error, url);
  return new DatabaseConnectionError(
    maskSecrets(oneLine(message), url),
    maskSecrets(hint, url),
    error,
  );
}

/** Masks the URL's password in a driver error in place (its message and stack). */
export function scrub(error: unknown, url: DatabaseUrl | undefined): void {
  if (!(error instanceof Error) || !url) return;
  error.message = maskSecrets(error.message, url);
  if (error.stack) error.stack = maskSecrets(error.stack, url);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) for (const inner of nested) scrub(inner, url);
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

function oneLine(text: string): string {
  return `${firstLine(text).replace(/[.\s]+$/, "")}.`;
}
