/**
 * Remembers where a script called each `op` method, so a failure raised later by the
 * driver (whose stack never passes through the script) can still name the script's line.
 */
export class CallSites {
  readonly #sites = new WeakMap<object, Error>();

  /** `op` as the script sees it: the same methods, each call's site kept for its failure. */
  wrap<T extends object>(op: T): T {
    const sites = this.#sites;
    return new Proxy(op, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const site = new Error("call site");
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) {
            result.catch((error: unknown) => {
              if (typeof error === "object" && error !== null && !sites.has(error))
                sites.set(error, site);
            });
          }
          return result;
        };
      },
    });
  }

  /** The call that led to `error`, if it came from a wrapped call. */
  siteOf(error: unknown): Error | undefined {
    return typeof error === "object" && error !== null ? this.#sites.get(error) : undefined;
  }
}
