import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  checkUrlParams,
  type DatabaseUrl,
  decodeUrlPart,
  invalidUrl,
  MigError,
  POOL_URL_PARAMS,
  type PoolOptions,
  poolOptionsFromParams,
  secondsParam,
  wholeParam,
} from "@mig/core/dialect";
import type { ClientConfig } from "pg";
import type { ConnectTarget } from "./postgres-errors.js";

/**
 * Query parameters this dialect reads. Another tool's parameters are passed over; a name
 * near one of these, or one of REFUSED, is an error (url-param-rules.ts).
 */
export const POSTGRES_URL_PARAMS = [
  "host",
  "port",
  "user",
  "password",
  "dbname",
  "sslmode",
  "ssl",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "schema",
  "application_name",
  "connect_timeout",
  "options",
  "lock",
  ...POOL_URL_PARAMS,
] as const;

const USE_SSLMODE =
  "mig reads sslmode: verify-full checks the server's certificate and name, require only encrypts.";

/** libpq's (and Prisma's) parameters asking for what mig's connection cannot give. */
const REFUSED: Readonly<Record<string, string>> = {
  channel_binding: `Remove it; mig does not enforce channel binding. ${USE_SSLMODE}`,
  gssencmode: "Remove it; mig connects with TLS (sslmode) or in plain text, not GSSAPI.",
  require_auth: "Remove it; the server decides the authentication method.",
  sslcertmode: `Remove it; give sslcert and sslkey to present a client certificate.`,
  sslcrl: "Remove it; pg does not check certificate revocation lists.",
  sslcrldir: "Remove it; pg does not check certificate revocation lists.",
  sslpassword: "Remove it; give sslkey an unencrypted PEM key.",
  ssl_min_protocol_version: "Remove it; Node's TLS defaults apply (TLS 1.2 or later).",
  ssl_max_protocol_version: "Remove it; Node's TLS defaults apply (TLS 1.2 or later).",
  target_session_attrs: "Remove it; give the host of the primary server.",
  service: "Write the service's host, port, user and database into the URL.",
  passfile: "Put the password in the URL (or PGPASSWORD); mig does not read a password file.",
  hostaddr: "Give the address as the URL's host.",
  requiressl: USE_SSLMODE,
  sslaccept: USE_SSLMODE,
  sslidentity: "Give sslcert and sslkey as PEM files instead of a PKCS#12 identity.",
};

/** Other tools' parameters a shared URL carries (Prisma's among them): passed over. */
const OTHERS = [
  "connection_limit",
  "pgbouncer",
  "socket_timeout",
  "statement_cache_size",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "fallback_application_name",
  "client_encoding",
  "idle_timeout",
  "max_lifetime",
];

const PARAM_RULES = {
  read: POSTGRES_URL_PARAMS,
  others: OTHERS,
  refused: REFUSED,
  // Any other TLS setting (sslcompression, sslnegotiation, ...), ignored, would weaken TLS.
  refusedPrefixes: { ssl: `Remove it. ${USE_SSLMODE}` },
};

export type PostgresLockMode = "advisory" | "table";

/** A `postgres://` URL turned into driver options and pool limits. */
export interface PostgresUrlConfig extends ConnectTarget {
  /** What pg gets, password included: never print this. */
  readonly client: Readonly<ClientConfig>;
  readonly pool: Required<PoolOptions>;
  /** `?schema=`: the search_path set on each new connection (several comma-separated). */
  readonly schemas: readonly string[];
  /** `?lock=`: how the migration lock is taken, when the URL says. */
  readonly lock: PostgresLockMode | undefined;
}

export interface ParseOptions {
  /** The config's pool options; the URL's `pool_*` parameters win over them. */
  readonly pool?: PoolOptions | undefined;
  /** Where relative `sslrootcert=` (and cert, key) paths resolve. */
  readonly cwd?: string | undefined;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Reads user, password (percent-decoded), host, port, database and the query parameters of
 * a PostgreSQL URL, libpq style: a query parameter (`?host=/run/postgresql`) wins over the
 * same part of the authority. Pool parameters in the URL win over `pool` (the config's),
 * which wins over the defaults.
 */
export function parsePostgresUrl(url: DatabaseUrl, options: ParseOptions = {}): PostgresUrlConfig {
  const parsed = url.url;
  if (!parsed)
    throw invalid(url, "is not of the form postgres://user:password@host:port/database", "");
  const q = url.params;
  checkUrlParams(q, PARAM_RULES, url);
  const host =
    q.get("host") || decode(url, parsed.hostname.replace(/^\[(.*)\]$/, "$1")) || "localhost";
  const port = q.has("port")
    ? wholeParam(q, "port", 1, url.masked)
    : parsed.port
      ? Number(parsed.port)
      : 5432;
  const user = q.get("user") || decode(url, parsed.username);
  const password = q.get("password") ?? decode(url, parsed.password);
  const path = decode(url, parsed.pathname.replace(/^\//, ""));
  if (path?.includes("/"))
    throw invalid(url, `names the database '${path}'`, "A database name has no '/'.");
  const database = q.get("dbname") || path || undefined;
  const schemas = (q.get("schema") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const connectTimeout = q.has("connect_timeout")
    ? secondsParam(q, "connect_timeout", 0, url.masked)
    : DEFAULT_CONNECT_TIMEOUT_MS;
  const extraOptions = q.get("options");

  const client: ClientConfig = {
    host,
    port,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(database !== undefined ? { database } : {}),
    ...sslOption(url, options.cwd),
    ...(q.get("application_name") ? { application_name: q.get("application_name")! } : {}),
    // Like libpq's fallback: PGAPPNAME or the URL's application_name win over it.
    fallback_application_name: "mig",
    connectionTimeoutMillis: connectTimeout,
    ...(extraOptions ? { options: extraOptions } : {}),
    keepAlive: true,
  };
  const socket = host.startsWith("/");
  return {
    client,
    pool: poolOptionsFromParams(q, options.pool ?? {}, url.masked),
    schemas,
    lock: lockMode(url),
    target: socket
      ? `${host.replace(/\/$/, "")}/.s.PGSQL.${port}`
      : `${host.includes(":") ? `[${host}]` : host}:${port}`,
    user,
    database,
  };
}

/** The SQL that sets the URL's `?schema=` on a new session. */
export function searchPathSql(schemas: readonly string[]): string {
  return `SET search_path TO ${schemas.map((s) => `"${s.replaceAll('"', '""')}"`).join(", ")}`;
}

/**
 * libpq's sslmode. pg cannot fall back from TLS to plain text, so `prefer` and `allow`
 * connect without TLS; `require` encrypts without checking the certificate, as libpq does
 * when no root certificate is given.
 */
function sslOption(url: DatabaseUrl, cwd: string | undefined): Pick<ClientConfig, "ssl"> {
  const q = url.params;
  const mode = (q.get("sslmode") ?? (q.has("ssl") ? legacySsl(url) : "")).toLowerCase();
  const files = {
    ...(q.get("sslrootcert") ? { ca: readPem(url, "sslrootcert", cwd) } : {}),
    ...(q.get("sslcert") ? { cert: readPem(url, "sslcert", cwd) } : {}),
    ...(q.get("sslkey") ? { key: readPem(url, "sslkey", cwd) } : {}),
  };
  switch (mode) {
    case "":
      return Object.keys(files).length > 0 ? { ssl: { ...files } } : {};
    case "disable":
    case "allow":
    case "prefer":
      return { ssl: false };
    case "require":
      return { ssl: { ...files, rejectUnauthorized: false } };
    case "verify-ca":
      return { ssl: { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined } };
    case "verify-full":
      return { ssl: { ...files, rejectUnauthorized: true } };
    default:
      throw invalid(
        url,
        `has sslmode=${mode}`,
        "Use sslmode=disable, prefer, require, verify-ca or verify-full.",
      );
  }
}

/** node-postgres' own `?ssl=true|false`, read as verify-full or disable. */
function legacySsl(url: DatabaseUrl): string {
  const raw = (url.params.get("ssl") ?? "").toLowerCase();
  if (["true", "1", "on", ""].includes(raw)) return "verify-full";
  if (["false", "0", "off"].includes(raw)) return "disable";
  throw invalid(url, `has ssl=${raw}`, "Use sslmode=disable, require, verify-ca or verify-full.");
}

function readPem(url: DatabaseUrl, name: string, cwd: string | undefined): string {
  const file = resolve(cwd ?? process.cwd(), url.params.get(name) ?? "");
  try {
    return readFileSync(file, "utf8");
  } catch (cause) {
    throw new MigError(
      "invalid_url",
      `The database URL's ${name}= file '${file}' cannot be read.`,
      {
        usage: true,
        hint: "Give a path to a PEM file, relative to the config file's directory.",
        cause,
      },
    );
  }
}

function lockMode(url: DatabaseUrl): PostgresLockMode | undefined {
  const raw = url.params.get("lock");
  if (raw === null) return undefined;
  if (raw === "advisory" || raw === "table") return raw;
  throw invalid(
    url,
    `has lock=${raw}`,
    "Use lock=advisory (the default) or lock=table (behind PgBouncer's transaction pooling).",
  );
}

const decode = decodeUrlPart;

function invalid(url: DatabaseUrl, what: string, hint: string): MigError {
  return invalidUrl(url, what, hint || "Write it as postgres://user:password@host:port/database.");
}
