import { MigError } from "../errors/mig-error.js";
import { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";

/** How the pool makes, checks and ends one resource (a driver session). */
export interface PoolResource<T> {
  create(): Promise<T>;
  destroy(item: T): Promise<void>;
  /** Resolves true when the item still works (`SELECT 1`); used when `prePing` is on. */
  ping?(item: T): Promise<boolean>;
  /** A free check with no round trip: true when the item is known dead (server closed it). */
  isBroken?(item: T): boolean;
}

export interface PoolStats {
  /** Resources open or being opened; never more than `poolSize + maxOverflow`. */
  readonly open: number;
  readonly idle: number;
  readonly inUse: number;
  /** Callers queued for a resource. */
  readonly waiting: number;
}

/** No connection came free within `poolTimeout` (SQLAlchemy's "QueuePool limit ... reached"). */
export class PoolTimeoutError extends MigError {
  readonly timeoutMs: number;
  readonly poolSize: number;
  readonly maxOverflow: number;

  constructor(timeoutMs: number, poolSize: number, maxOverflow: number) {
    const limit =
      maxOverflow < 0
        ? ""
        : ` all ${poolSize + maxOverflow} allowed connections (pool_size ${poolSize} + max_overflow ${maxOverflow}) are in use, and`;
    super(
      "pool_timeout",
      `The connection pool is exhausted:${limit} none came free within ${timeoutMs / 1000} s.`,
      { hint: "Release connections sooner, or raise pool_size, max_overflow or pool_timeout." },
    );
    this.name = "PoolTimeoutError";
    this.timeoutMs = timeoutMs;
    this.poolSize = poolSize;
    this.maxOverflow = maxOverflow;
  }
}

/** The pool was closed: it hands out nothing more. */
export class PoolClosedError extends MigError {
  constructor() {
    super("pool_closed", "The connection pool is closed.", {
      hint: "Connect again: a closed pool hands out no connections.",
    });
    this.name = "PoolClosedError";
  }
}

interface Slot<T> {
  readonly item: T;
  readonly openedAt: number;
}

/** A waiter gets a slot to reuse, or `null`: a free place to open its own resource in. */
type Grant<T> = Slot<T> | null;

interface Waiter<T> {
  grant(slot: Grant<T>): void;
  fail(error: unknown): void;
}

/** setTimeout fires at once beyond 2^31-1 ms; longer timeouts mean "wait forever". */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * SQLAlchemy's QueuePool. Opens resources lazily, at most `poolSize + maxOverflow` at
 * once (`maxOverflow` -1: no limit). One given back goes to the longest waiting caller;
 * with none waiting it is kept while at most `poolSize` are open, else closed. A caller
 * that finds every one in use waits in a FIFO queue and gets a PoolTimeoutError after
 * `poolTimeout` ms; that bounds only the wait, opening is bounded by the driver. On
 * checkout an idle resource older than `poolRecycle` ms, known broken, or (with
 * `prePing`) failing its ping is replaced by a new one in the same place.
 */
export class QueuePool<T> {
  readonly options: Required<PoolOptions>;
  readonly #resource: PoolResource<T>;
  readonly #idle: Slot<T>[] = [];
  readonly #out = new Map<T, Slot<T>>();
  readonly #waiters: Waiter<T>[] = [];
  /** Places taken: resources open, being opened, or being replaced. */
  #open = 0;
  #closed = false;

  constructor(resource: PoolResource<T>, options: PoolOptions = {}) {
    this.#resource = resource;
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = validate({ ...DEFAULT_POOL_OPTIONS, ...given });
  }

  /** Most resources open at once; Infinity when `maxOverflow` is -1. */
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

  get closed(): boolean {
    return this.#closed;
  }

  async acquire(): Promise<T> {
    if (this.#closed) throw new PoolClosedError();
    let slot: Slot<T>;
    const idle = this.#idle.shift();
    if (idle) slot = await this.#check(idle);
    else if (this.#open < this.limit) {
      this.#open++;
      slot = await this.#fill();
    } else {
      const granted = await this.#wait();
      slot = granted ? await this.#check(granted) : await this.#fill();
    }
    // Closed while this caller was opening or checking: its resource was not in close()'s reach.
    if (this.#closed) {
      this.#open--;
      await this.#resource.destroy(slot.item).catch(() => undefined);
      throw new PoolClosedError();
    }
    this.#out.set(slot.item, slot);
    return slot.item;
  }

  /** Gives a resource back; `discard` closes it instead (broken, or in an unknown state). */
  release(item: T, discard = false): void {
    const slot = this.#out.get(item);
    if (!slot) return;
    this.#out.delete(item);
    if (discard || this.#closed || this.#broken(item)) {
      this.#drop(slot);
      this.#dispatch();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter) waiter.grant(slot);
    else if (this.#open > this.options.poolSize) this.#drop(slot);
    else this.#idle.push(slot);
  }

  /** Ends every resource, idle or in use, and fails every waiter. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.fail(new PoolClosedError());
    const slots = [...this.#idle.splice(0), ...this.#out.values()];
    this.#out.clear();
    this.#open -= slots.length;
    await Promise.allSettled(slots.map((s) => this.#resource.destroy(s.item)));
  }

  /** An idle resource, or its replacement when it is too old or dead (same place). */
  async #check(slot: Slot<T>): Promise<Slot<T>> {
    const { poolRecycle, prePing } = this.options;
    const expired = poolRecycle >= 0 && Date.now() - slot.openedAt >= poolRecycle;
    let alive = !expired && !this.#broken(slot.item);
    const ping = this.#resource.ping;
    if (alive && prePing && ping) {
      alive = await ping.call(this.#resource, slot.item).catch(() => false);
    }
    if (alive) return slot;
    this.#resource.destroy(slot.item).catch(() => undefined);
    return this.#fill();
  }

  /** Opens a resource in a place already counted in `#open`; gives the place up on failure. */
  async #fill(): Promise<Slot<T>> {
    let item: T;
    try {
      item = await this.#resource.create();
    } catch (error) {
      this.#open--;
      this.#dispatch();
      throw error;
    }
    return { item, openedAt: Date.now() };
  }

  #wait(): Promise<Grant<T>> {
    return new Promise((resolve, reject) => {
      const { poolTimeout, poolSize, maxOverflow } = this.options;
      const timer =
        poolTimeout > MAX_TIMER_MS
          ? undefined
          : setTimeout(() => {
              const index = this.#waiters.indexOf(waiter);
              if (index >= 0) this.#waiters.splice(index, 1);
              reject(new PoolTimeoutError(poolTimeout, poolSize, maxOverflow));
            }, poolTimeout);
      const waiter: Waiter<T> = {
        grant: (slot) => {
          clearTimeout(timer);
          resolve(slot);
        },
        fail: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** A place came free (a resource closed or failed to open): let waiters open their own. */
  #dispatch(): void {
    while (!this.#closed && this.#waiters.length > 0 && this.#open < this.limit) {
      this.#open++;
      this.#waiters.shift()!.grant(null);
    }
  }

  #broken(item: T): boolean {
    return this.#resource.isBroken?.(item) === true;
  }

  #drop(slot: Slot<T>): void {
    this.#open--;
    this.#resource.destroy(slot.item).catch(() => undefined);
  }
}

function validate(o: Required<PoolOptions>): Required<PoolOptions> {
  const bad = (what: string, rule: string) =>
    new MigError("invalid_pool_options", `Pool option ${what} is invalid: ${rule}.`, {
      usage: true,
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
