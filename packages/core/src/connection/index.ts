// What users see of this layer; dialect-api.ts adds what only dialects use (pool, URL helpers).
export type { Connection, ConnectionSource, Queryable, Row } from "./connection.js";
export { type DatabaseUrl, maskSecrets, maskUrl, parseDatabaseUrl } from "./database-url.js";
export { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";
export type { QualifiedName } from "./qualified-name.js";
export { PoolClosedError, type PoolStats, PoolTimeoutError } from "./queue-pool.js";
