import { type DatabaseUrl, DEFAULT_POOL_OPTIONS, MigError, type PoolOptions } from "@mig/core";
import type { ConnectionOptions } from "mysql2";

/** Query parameters this dialect reads; any other parameter is ignored. */
export const MYSQL_URL_PARAMS = [
  "socket",
  "unix_socket",
  "ssl",
  "charset",
  "connect_timeout",
  "pool_size",
  "max_overflow",
  "pool_timeout",
  "pool_recycle",
  "pre_ping",
] as const;

/** A `mysql://` URL turned into driver options and pool limits. */
export interface MysqlUrlConfig {
  /** What mysql2 gets, password included: never print this. */
  readonly connection: Readonly<ConnectionOptions>;
  readonly pool: Required<PoolOptions>;
  /** `host:port` or the socket path, for messages. */
  readonly target: string;
  readonly user: string | undefined;
  readonly database: string | undefined;
}

/**
 * Reads user, password (percent-decoded), host, port, database and the query parameters
 * of a MySQL URL. Pool parameters in the URL win over `pool` (the config's), which wins
 * over the defaults.
 */
export function parseMysqlUrl(url: DatabaseUrl, pool: PoolOptions = {}): MysqlUrlConfig {
  const parsed = url.url;
  if (!parsed) {
    throw invalid(url, "is not of the form mysql://user:password@host:port/database", "");
  }
  const q = url.params;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = parsed.port ? Number(parsed.port) : 3306;
  const user = decode(url, parsed.username);
  const password = decode(url, parsed.password);
  const path = decode(url, parsed.pathname.replace(/^\//, ""));
  if (path?.includes("/"))
    throw invalid(url, `names the database '${path}'`, "A database name has no '/'.");
  const socketPath = q.get("socket") ?? q.get("unix_socket") ?? undefined;
  const connectTimeout = q.has("connect_timeout") ? seconds(url, "connect_timeout", 0) : undefined;

  const connection: ConnectionOptions = {
    host,
    port,
    ...(socketPath ? { socketPath } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(path ? { database: path } : {}),
    ...sslOption(url),
    charset: q.get("charset") || "utf8mb4",
    ...(connectTimeout !== undefined ? { connectTimeout } : {}),
  };
  return {
    connection,
    pool: poolOptions(url, pool),
    target: socketPath ?? `${host.includes(":") ? `[${host}]` : host}:${port}`,
    user,
    database: path || undefined,
  };
}

function poolOptions(url: DatabaseUrl, pool: PoolOptions): Required<PoolOptions> {
  const q = url.params;
  const fromUrl: PoolOptions = {
    ...(q.has("pool_size") ? { poolSize: whole(url, "pool_size", 0) } : {}),
    ...(q.has("max_overflow") ? { maxOverflow: whole(url, "max_overflow", -1) } : {}),
    ...(q.has("pool_timeout") ? { poolTimeout: seconds(url, "pool_timeout", 0) } : {}),
    ...(q.has("pool_recycle") ? { poolRecycle: seconds(url, "pool_recycle", -1) } : {}),
    ...(q.has("pre_ping") ? { prePing: flag(url, "pre_ping") } : {}),
  };
  const defined = Object.fromEntries(Object.entries(pool).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_POOL_OPTIONS, ...defined, ...fromUrl };
}

/** `ssl=true|required` verifies the server certificate; `skip-verify` encrypts without it. */
function sslOption(url: DatabaseUrl): Pick<ConnectionOptions, "ssl"> {
  const value = url.params.get("ssl");
  if (value === null) return {};
  switch (value.toLowerCase()) {
    case "true":
    case "1":
    case "required":
    case "verify":
      return { ssl: {} };
    case "skip-verify":
    case "insecure":
      return { ssl: { rejectUnauthorized: false } };
    case "false":
    case "0":
    case "disabled":
      return {};
    default:
      throw invalid(
        url,
        `has ssl=${value}`,
        "Use ssl=true (or required), ssl=skip-verify or ssl=false.",
      );
  }
}

function whole(url: DatabaseUrl, name: string, min: number): number {
  const raw = url.params.get(name) ?? "";
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(n) || n < min) {
    throw invalid(url, `has ${name}=${raw}`, `${name} takes a whole number of at least ${min}.`);
  }
  return n;
}

/** Seconds in the URL (fractions allowed), milliseconds in the result; -1 stays -1. */
function seconds(url: DatabaseUrl, name: string, min: number): number {
  const raw = url.params.get(name) ?? "";
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || (n < 0 && n !== -1)) {
    throw invalid(
      url,
      `has ${name}=${raw}`,
      `${name} takes seconds (${min < 0 ? "-1 for never, " : ""}fractions allowed).`,
    );
  }
  return n < 0 ? -1 : Math.round(n * 1000);
}

function flag(url: DatabaseUrl, name: string): boolean {
  const raw = (url.params.get(name) ?? "").toLowerCase();
  if (["true", "1", "yes", "on", ""].includes(raw)) return true;
  if (["false", "0", "no", "off"].includes(raw)) return false;
  throw invalid(url, `has ${name}=${raw}`, `${name} takes true or false.`);
}

function decode(url: DatabaseUrl, text: string): string | undefined {
  if (text === "") return undefined;
  try {
    return decodeURIComponent(text);
  } catch (cause) {
    throw new MigError(
      "invalid_url",
      `The database URL '${url.masked}' has a malformed percent-escape.`,
      {
        hint: "Percent-encode special characters in the user, password and database (e.g. @ as %40).",
        cause,
      },
    );
  }
}

function invalid(url: DatabaseUrl, what: string, hint: string): MigError {
  return new MigError("invalid_url", `The database URL '${url.masked}' ${what}.`, {
    hint: hint || "Write it as mysql://user:password@host:port/database.",
  });
}
