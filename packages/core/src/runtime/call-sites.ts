import { DONE } from "../operations/operation-queue.js";

/**
 * Remembers where a script called each `op` method, so a failure raised later by the
 * driver (whose stack never passes through the script) can still name the script's line.
 */
export class CallSites {
  readonly #sites = new WeakMap<object, Error>();

  /**
   * `op` as the script sees it: the same methods, each call's site kept for its failure.
   * Built once per run (not a Proxy making a closure per property read): a run of 10,000
   * scripts calls it tens of thousands of times.
   */
  wrap<T extends object>(op: T): T {
    const sites = this.#sites;
    const wrapped = Object.create(op) as T;
    for (let proto = Object.getPrototypeOf(op); proto && proto !== Object.prototype; ) {
      for (const key of Reflect.ownKeys(proto)) {
        if (key === "constructor" || Object.hasOwn(wrapped, key)) continue;
        const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
        if (descriptor.get) {
          // Accessors read the real object's private fields.
          Object.defineProperty(wrapped, key, { get: () => Reflect.get(op, key, op) });
        } else if (typeof descriptor.value === "function") {
          const method = descriptor.value as (...a: unknown[]) => unknown;
          Object.defineProperty(wrapped, key, {
            writable: true,
            configurable: true,
            value: (...args: unknown[]) => {
              const result = method.apply(op, args);
              // A call written already (offline) returns DONE: nothing can fail later, and
              // no stack is captured. Otherwise the script's frame is still the caller's.
              if (result !== DONE && result instanceof Promise) {
                const site = new Error("call site");
                result.catch((error: unknown) => {
                  if (typeof error === "object" && error !== null && !sites.has(error))
                    sites.set(error, site);
                });
              }
              return result;
            },
          });
        }
      }
      proto = Object.getPrototypeOf(proto);
    }
    return wrapped;
  }

  /** The call that led to `error`, if it came from a wrapped call. */
  siteOf(error: unknown): Error | undefined {
    return typeof error === "object" && error !== null ? this.#sites.get(error) : undefined;
  }
}
