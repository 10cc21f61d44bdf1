import { DEFAULT_POOL_OPTIONS, MigError, type PoolOptions } from "@mig/core";
import { PoolTimeoutError, poolClosedError } from "./mysql-errors.js";

/** How the pool makes, checks and ends one connection. */
export interface PoolResource<T> {
  create(): Promise<T>;
  destroy(item: T): Promise<void>;
  /** True when the item still works (`SELECT 1`); used when `prePing` is on. */
  ping(item: T): Promise<boolean>;
  /** A free check with no round trip: false when the item is known dead (server closed it). */
  usable?(item: T): boolean;
}

export interface PoolStats {
  /** Connections open or being opened. */
  readonly open: number;
  readonly idle: number;
  readonly inUse: number;
  readonly waiting: number;
}

interface Entry<T> {
  readonly item: T;
  readonly createdAt: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** A freed entry, or `undefined`: a slot was reserved for the waiter to open its own. */
type Grant<T> = Entry<T> | undefined;

interface Waiter<T> {
  grant(entry: Grant<T>): void;
  fail(error: unknown): void;
}

/**
 * SQLAlchemy's QueuePool: keeps `poolSize` connections, opens up to `maxOverflow` more
 * under load (closed again when given back above `poolSize`), and queues callers FIFO;
 * a caller still waiting after `poolTimeout` ms gets a PoolTimeoutError.
 */
export class QueuePool<T> {
  readonly options: Required<PoolOptions>;
  readonly #resource: PoolResource<T>;
  readonly #idle: Entry<T>[] = [];
  readonly #out = new Map<T, Entry<T>>();
  readonly #waiters: Waiter<T>[] = [];
  #open = 0;
  #closed = false;

  constructor(resource: PoolResource<T>, options: PoolOptions = {}) {
    this.#resource = resource;
    this.options = validate({ ...DEFAULT_POOL_OPTIONS, ...defined(options) });
  }

  /** Most connections open at once; Infinity when `maxOverflow` is -1. */
  get limit(): number {
    const { poolSize, maxOverflow } = this.options;
    return maxOverflow < 0 ? Number.POSITIVE_INFINITY : poolSize + maxOverflow;
  }

  get stats(): PoolStats {
    return {
      open: this.#open,
      idle: this.#idle.length,
      inUse: this.#out.size,
      waiting: this.#waiters.length,
    };
  }

  async acquire(): Promise<T> {
    if (this.#closed) throw poolClosedError();
    let entry = this.#idle.shift();
    if (entry) entry = await this.#check(entry);
    else if (this.#open < this.limit) {
      this.#open++;
      entry = await this.#fill();
    } else {
      const granted = await this.#wait();
      entry = granted ? await this.#check(granted) : await this.#fill();
    }
    if (this.#closed) {
      this.#drop(entry);
      throw poolClosedError();
    }
    this.#out.set(entry.item, entry);
    return entry.item;
  }

  /** Gives a connection back; `discard` closes it instead (broken or dirty session). */
  release(item: T, discard = false): void {
    const entry = this.#out.get(item);
    if (!entry) return;
    this.#out.delete(item);
    if (discard || this.#closed) {
      this.#drop(entry);
      this.#dispatch();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) waiter.grant(entry);
    else if (this.#open > this.options.poolSize) this.#drop(entry);
    else this.#idle.push(entry);
  }

  /** Ends every connection, idle or in use, and fails every waiter. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.fail(poolClosedError());
    const entries = [...this.#idle.splice(0), ...this.#out.values()];
    this.#out.clear();
    this.#open -= entries.length;
    await Promise.allSettled(entries.map((e) => this.#resource.destroy(e.item)));
  }

  /** Replaces an idle entry that is too old or fails its ping; keeps its slot. */
  async #check(entry: Entry<T>): Promise<Entry<T>> {
    const { poolRecycle, prePing } = this.options;
    const stale =
      (poolRecycle >= 0 && Date.now() - entry.createdAt >= poolRecycle) ||
      this.#resource.usable?.(entry.item) === false;
    if (!stale && !(prePing && !(await this.#resource.ping(entry.item).catch(() => false))))
      return entry;
    this.#resource.destroy(entry.item).catch(() => undefined);
    return this.#fill();
  }

  /** Opens a connection in a slot already counted in `#open`. */
  async #fill(): Promise<Entry<T>> {
    let item: T;
    try {
      item = await this.#resource.create();
    } catch (error) {
      this.#open--;
      this.#dispatch();
      throw error;
    }
    if (this.#closed) {
      this.#open--;
      await this.#resource.destroy(item).catch(() => undefined);
      throw poolClosedError();
    }
    return { item, createdAt: Date.now() };
  }

  #wait(): Promise<Grant<T>> {
    return new Promise((resolve, reject) => {
      const { poolTimeout } = this.options;
      // setTimeout fires at once for delays beyond 2^31-1 ms; treat those as "wait forever".
      const timer =
        poolTimeout > MAX_TIMER_MS
          ? undefined
          : setTimeout(() => {
              const index = this.#waiters.indexOf(waiter);
              if (index >= 0) this.#waiters.splice(index, 1);
              reject(new PoolTimeoutError(poolTimeout, this.#open, this.#describeLimit()));
            }, poolTimeout);
      const waiter: Waiter<T> = {
        grant: (entry) => {
          clearTimeout(timer);
          resolve(entry);
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** A slot came free (a connection closed or failed to open): wake the first waiter. */
  #dispatch(): void {
    while (this.#waiters.length > 0 && this.#open < this.limit && !this.#closed) {
      this.#open++;
      this.#waiters.shift()!.grant(undefined);
    }
  }

  #drop(entry: Entry<T>): void {
    this.#open--;
    this.#resource.destroy(entry.item).catch(() => undefined);
  }

  #describeLimit(): string {
    const { poolSize, maxOverflow } = this.options;
    return `pool_size ${poolSize} + max_overflow ${maxOverflow}`;
  }
}

function defined(options: PoolOptions): PoolOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function validate(o: Required<PoolOptions>): Required<PoolOptions> {
  const bad = (what: string, rule: string) =>
    new MigError("invalid_pool_options", `Pool option ${what} is invalid: ${rule}.`, {
      hint: "Fix `pool` in the config or the pool_* parameters of the URL.",
    });
  if (!Number.isInteger(o.poolSize) || o.poolSize < 0)
    throw bad(`poolSize ${o.poolSize}`, "a whole number ≥ 0");
  if (!Number.isInteger(o.maxOverflow) || o.maxOverflow < -1) {
    throw bad(`maxOverflow ${o.maxOverflow}`, "a whole number ≥ 0, or -1 for no limit");
  }
  if (o.poolSize === 0 && o.maxOverflow === 0)
    throw bad("poolSize 0 with maxOverflow 0", "no connection could ever open");
  if (!(o.poolTimeout >= 0)) throw bad(`poolTimeout ${o.poolTimeout}`, "milliseconds ≥ 0");
  if (!(o.poolRecycle >= 0 || o.poolRecycle === -1))
    throw bad(`poolRecycle ${o.poolRecycle}`, "milliseconds ≥ 0, or -1 for never");
  return o;
}
