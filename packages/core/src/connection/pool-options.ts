/** SQLAlchemy QueuePool's knobs; dialects with a pool honour them. */
export interface PoolOptions {
  /** Connections kept open. Default 5. */
  readonly poolSize?: number | undefined;
  /** Extra connections allowed beyond `poolSize` under load. Default 10. */
  readonly maxOverflow?: number | undefined;
  /** Milliseconds to wait for a connection before failing. Default 30 000. */
  readonly poolTimeout?: number | undefined;
  /** Milliseconds after which a connection is replaced; -1 never. Default -1. */
  readonly poolRecycle?: number | undefined;
  /** Check a connection with a cheap query before handing it out. Default false. */
  readonly prePing?: boolean | undefined;
}

export const DEFAULT_POOL_OPTIONS: Required<PoolOptions> = {
  poolSize: 5,
  maxOverflow: 10,
  poolTimeout: 30_000,
  poolRecycle: -1,
  prePing: false,
};
