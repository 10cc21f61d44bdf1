import type { Revision } from "./revision.js";
import type { RevisionMap } from "./revision-map.js";

/** `GraphSummary.flags` bits, as `Revision` answers them. */
export const HEAD = 1;
export const REAL_HEAD = 2;
export const BRANCH_POINT = 4;
export const MERGE_POINT = 8;

// Bump when what a summary holds or means changes: one of another format is not read.
const FORMAT = 1;

/**
 * What the graph commands (`heads`, `history`, `branches`, `show`) read of a revision graph,
 * by load order (`Revision.order`), as plain data: saved beside the graph memo, it lets a run
 * whose headers have not changed print them without building the graph.
 */
export interface GraphSummary {
  readonly format: number;
  /** How many revisions: a summary of another number of headers is not this graph's. */
  readonly size: number;
  /** Per revision, its `HEAD | REAL_HEAD | BRANCH_POINT | MERGE_POINT` bits. */
  readonly flags: readonly number[];
  /** Per revision, how many children it has through down revisions; `children` lists them in turn. */
  readonly childCounts: readonly number[];
  readonly children: readonly number[];
  /** The distinct branch-label lists, and per revision 1 + the index of its list (0: none). */
  readonly labelSets: readonly (readonly string[])[];
  readonly labelOf: readonly number[];
  /** Every revision in `mig history`'s order (no range); absent until a run works it out. */
  readonly order?: readonly number[];
}

/** `map` summarised; `order`: `walkRevisions(map)`, when known. */
export function summarize(map: RevisionMap, order?: readonly Revision[]): GraphSummary {
  const n = map.size;
  const all = map.all;
  const up = map.links("up");
  const flags: number[] = new Array(n);
  const childCounts: number[] = new Array(n);
  const labelOf: number[] = new Array(n);
  const labelSets: string[][] = [];
  const setIndex = new Map<ReadonlySet<string>, number>();
  const byText = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const rev = all[i]!;
    childCounts[i] = up.at[i + 1]! - up.at[i]!;
    flags[i] = flagsOf(rev);
    const labels = rev.branchLabels;
    if (labels.size === 0) {
      labelOf[i] = 0;
      continue;
    }
    let index = setIndex.get(labels);
    if (index === undefined) {
      // Sets are shared along a branch, but two branches can hold equal ones.
      const list = [...labels];
      const text = JSON.stringify(list);
      index = byText.get(text) ?? labelSets.push(list);
      byText.set(text, index);
      setIndex.set(labels, index);
    }
    labelOf[i] = index;
  }
  const summary = {
    format: FORMAT,
    size: n,
    flags,
    childCounts,
    children: [...up.to],
    labelSets,
    labelOf,
  };
  return order === undefined ? summary : { ...summary, order: order.map((r) => r.order) };
}

/** `rev`'s `GraphSummary.flags`. */
export function flagsOf(rev: Revision): number {
  return (
    (rev.isHead ? HEAD : 0) |
    (rev.isRealHead ? REAL_HEAD : 0) |
    (rev.isBranchPoint ? BRANCH_POINT : 0) |
    (rev.isMergePoint ? MERGE_POINT : 0)
  );
}

/** `data` as a summary of `size` revisions, or undefined when it is not one. */
export function asSummary(data: unknown, size: number): GraphSummary | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const s = data as Partial<GraphSummary>;
  const fits = (list: unknown, length: number) => Array.isArray(list) && list.length === length;
  const valid =
    s.format === FORMAT &&
    s.size === size &&
    fits(s.flags, size) &&
    fits(s.childCounts, size) &&
    fits(s.labelOf, size) &&
    Array.isArray(s.children) &&
    Array.isArray(s.labelSets) &&
    (s.order === undefined || fits(s.order, size));
  return valid ? (s as GraphSummary) : undefined;
}
