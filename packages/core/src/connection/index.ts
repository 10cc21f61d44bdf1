export type { Connection, ConnectionSource, Queryable, Row } from "./connection.js";
export {
  type DatabaseUrl,
  decodeUrlPart,
  invalidUrl,
  maskSecrets,
  maskUrl,
  parseDatabaseUrl,
} from "./database-url.js";
export { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";
export {
  flagParam,
  POOL_URL_PARAMS,
  poolOptionsFromParams,
  secondsParam,
  wholeParam,
} from "./pool-url-params.js";
export type { QualifiedName } from "./qualified-name.js";
export {
  PoolClosedError,
  type PoolResource,
  type PoolStats,
  PoolTimeoutError,
  QueuePool,
} from "./queue-pool.js";
