import { MigError } from "../errors/mig-error.js";
import { markedCallSite } from "../operations/call-site.js";
import { DONE } from "../operations/operation-queue.js";
import type { StepInfo } from "./run-events.js";

const CLOSED = Symbol("mig.closedStep");
/** A step's `op` once its script is done: which step it was (the run's own StepInfo). */
type Closable = { [CLOSED]?: Pick<StepInfo, "direction" | "revision"> };

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
          const late = (step: object) => this.#late(step, String(key));
          Object.defineProperty(wrapped, key, {
            writable: true,
            configurable: true,
            value: function (this: unknown, ...args: unknown[]) {
              // Through a step's `op` whose script has returned: refused, not run in the next.
              if (this !== wrapped && (this as Closable | undefined)?.[CLOSED] !== undefined)
                return late(this as object);
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

  /** `op` for one step's script (`wrapped`: what `wrap` gave): closed by `close` when it is done. */
  forStep<T extends object>(wrapped: T): T {
    return Object.create(wrapped) as T;
  }

  /** The step's script is done: a call through its `op` from now on is refused. */
  close(stepOp: object, step: Pick<StepInfo, "direction" | "revision">): void {
    (stepOp as Closable)[CLOSED] = step;
  }

  /** The first call refused since the last time this was asked, as the error to report. */
  takeLate(): MigError | undefined {
    const found = this.#lateError;
    this.#lateError = undefined;
    return found;
  }

  #lateError: MigError | undefined;

  #late(step: object, method: string): Promise<never> {
    const { direction, revision } = (step as Closable)[CLOSED]!;
    const error = new MigError(
      "op_after_step",
      `${direction}grade ${revision} called op.${method}() after it had returned: a call it did not await (from a timer or a callback). The call did not run.`,
      {
        hint: "Await every op call inside upgrade() and downgrade(): mig runs nothing they start after returning.",
      },
    );
    this.#lateError ??= error;
    const refused = Promise.reject(error);
    refused.catch(() => undefined);
    return refused;
  }

  /** The call that led to `error`: the one it names itself (call-site.ts), or the wrapped call that rejected with it. */
  siteOf(error: unknown): Error | undefined {
    if (typeof error !== "object" || error === null) return undefined;
    return markedCallSite(error) ?? this.#sites.get(error);
  }
}
