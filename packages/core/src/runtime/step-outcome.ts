import type { StepInfo, StepResult } from "./run-events.js";

/**
 * A step's result, its `rows` made when first read (rows-history.ts). `rows` is an own,
 * enumerable accessor, as on a plain object (a spread or JSON.stringify includes it), but
 * one accessor shared by every result: a literal `get rows()` makes a function per step,
 * and V8 keeps each such object in dictionary mode (a run of 10,000 steps keeps ~6 MB).
 */
export class StepOutcome implements StepResult {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly kind: "revision" | "stamp";
  readonly message: string;
  readonly durationMs: number;
  declare readonly rows: readonly string[];
  readonly #after: () => readonly string[];

  constructor(info: StepInfo, durationMs: number, after: () => readonly string[]) {
    this.revision = info.revision;
    this.direction = info.direction;
    this.kind = info.kind;
    this.message = info.message;
    this.durationMs = durationMs;
    this.#after = after;
    Object.defineProperty(this, "rows", StepOutcome.#rows);
  }

  static readonly #rows: PropertyDescriptor = {
    get(this: StepOutcome) {
      return this.#after();
    },
    enumerable: true,
  };
}
