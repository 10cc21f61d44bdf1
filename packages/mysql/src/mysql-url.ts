import {
  checkUrlParams,
  type DatabaseUrl,
  decodeUrlPart,
  invalidUrl,
  type MigError,
  POOL_URL_PARAMS,
  type PoolOptions,
  poolOptionsFromParams,
  secondsParam,
} from "@mig/core/dialect";
import type { ConnectionOptions } from "mysql2";

/**
 * Query parameters this dialect reads. Another tool's parameters are passed over; a name
 * near one of these, or one of REFUSED, is an error (url-param-rules.ts).
 */
export const MYSQL_URL_PARAMS = [
  "socket",
  "unix_socket",
  "ssl",
  "charset",
  "connect_timeout",
  "lock",
  ...POOL_URL_PARAMS,
] as const;

const IN_AUTHORITY =
  "Put it before the database name: mysql://user:password@host:port/database (percent-encode @ : / in a password).";
const USE_SSL =
  "mig reads ssl=true (TLS, certificate checked) or ssl=skip-verify; certificate files go in mysql({ driver: { ssl: { ca } } }).";

/** Parameters other MySQL clients read that mig does not: ignored, the URL would lose them. */
const REFUSED: Readonly<Record<string, string>> = Object.fromEntries([
  ...["user", "password", "host", "port"].map((name) => [name, IN_AUTHORITY]),
  ...["ssl-mode", "sslmode", "ssl_mode", "ssl-ca", "ssl_ca", "sslca", "ssl-cert", "ssl_cert"]
    .concat(["ssl-key", "ssl_key", "sslcert", "sslkey", "sslaccept", "sslidentity", "sslpassword"])
    .map((name) => [name, USE_SSL]),
]);

/** Other tools' parameters a shared URL carries (Prisma's among them): passed over. */
const OTHERS = ["connection_limit", "socket_timeout", "statement_cache_size", "timezone"];

const PARAM_RULES = {
  read: MYSQL_URL_PARAMS,
  others: OTHERS,
  refused: REFUSED,
  // Other clients' TLS settings (sslrootcert, tls, ssl-verify-server-cert, ...): ignored,
  // the connection would be made without TLS.
  refusedPrefixes: { ssl: USE_SSL, tls: USE_SSL },
};

/** How a run takes the migration lock; see MysqlDialectOptions.lock. */
export type MysqlLockMode = "auto" | "get_lock" | "table";

/** A `mysql://` URL turned into driver options and pool limits. */
export interface MysqlUrlConfig {
  /** What mysql2 gets, password included: never print this. */
  readonly connection: Readonly<ConnectionOptions>;
  readonly pool: Required<PoolOptions>;
  /** `host:port` or the socket path, for messages. */
  readonly target: string;
  readonly user: string | undefined;
  readonly database: string | undefined;
  /** `?lock=`: how the migration lock is taken, when the URL says. */
  readonly lock: MysqlLockMode | undefined;
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
  checkUrlParams(q, PARAM_RULES, url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost";
  const port = parsed.port ? Number(parsed.port) : 3306;
  const user = decode(url, parsed.username);
  const password = decode(url, parsed.password);
  const path = decode(url, parsed.pathname.replace(/^\//, ""));
  if (path?.includes("/"))
    throw invalid(url, `names the database '${path}'`, "A database name has no '/'.");
  const socketPath = q.get("socket") ?? q.get("unix_socket") ?? undefined;
  const connectTimeout = q.has("connect_timeout")
    ? secondsParam(q, "connect_timeout", 0, url.masked)
    : undefined;

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
    pool: poolOptionsFromParams(q, pool, url.masked),
    target: socketPath ?? `${host.includes(":") ? `[${host}]` : host}:${port}`,
    user,
    database: path || undefined,
    lock: lockMode(url),
  };
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

function lockMode(url: DatabaseUrl): MysqlLockMode | undefined {
  const raw = url.params.get("lock");
  if (raw === null) return undefined;
  if (raw === "auto" || raw === "get_lock" || raw === "table") return raw;
  throw invalid(
    url,
    `has lock=${raw}`,
    "Use lock=auto (the default: a lock table on Galera, else GET_LOCK), lock=get_lock or lock=table.",
  );
}

const decode = decodeUrlPart;

function invalid(url: DatabaseUrl, what: string, hint: string): MigError {
  return invalidUrl(url, what, hint || "Write it as mysql://user:password@host:port/database.");
}
