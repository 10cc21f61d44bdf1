import type { MigrationStep } from "./plan.js";
import type { RevisionMap } from "./revision-map.js";
import {
  type HeadersById,
  replayChanges,
  type VersionChange,
  VersionRows,
} from "./version-rows.js";

// Rows kept whole before every EVERY-th step, so any step's rows take at most EVERY replays.
const EVERY = 64;

/**
 * A plan's version-table changes, step by step, moved in memory before anything runs (a
 * plan that cannot apply fails first), and the rows after each step made only when asked:
 * keeping every step's rows whole would cost steps x rows (10,000 x 150 on a wide graph).
 */
export class RowsHistory {
  readonly #changes: (readonly VersionChange[])[] = [];
  readonly #marks: (readonly string[])[] = [];
  // The rows after step #at, moved forward as later steps are asked for.
  #rows: string[] = [];
  #at = -1;

  /** `map` and `headers` as VersionRows takes them. */
  constructor(
    map: RevisionMap | (() => RevisionMap),
    steps: readonly MigrationStep[],
    startRows: readonly string[],
    headers?: HeadersById,
  ) {
    const dry = new VersionRows(map, startRows, headers);
    for (let i = 0; i < steps.length; i++) {
      if (i % EVERY === 0) this.#marks.push(dry.rows);
      this.#changes.push(dry.apply(steps[i]!));
    }
    this.#at = steps.length - 1;
    this.#rows = dry.rows;
  }

  /** Step `index`'s changes. */
  changes(index: number): readonly VersionChange[] {
    return this.#changes[index]!;
  }

  /** The rows after step `index`, made on the first call (one new array each). */
  after(index: number): () => readonly string[] {
    let rows: readonly string[] | undefined;
    return () => {
      rows ??= this.#rowsAfter(index);
      return rows;
    };
  }

  #rowsAfter(index: number): string[] {
    const mark = Math.floor(index / EVERY) * EVERY;
    if (index < this.#at || this.#at < mark - 1) {
      this.#rows = this.#marks[mark / EVERY]!.slice();
      this.#at = mark - 1;
    }
    while (this.#at < index) replayChanges(this.#rows, this.#changes[++this.#at]!);
    return this.#rows.slice();
  }
}
