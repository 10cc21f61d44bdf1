import type { Project } from "../config/project.js";
import {
  asSummary,
  BRANCH_POINT,
  type GraphSummary,
  HEAD,
  REAL_HEAD,
  summarize,
} from "../revision/graph-summary.js";
import { walkRevisions } from "../revision/plan.js";
import { dedupe } from "../revision/revision.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { GRAPH_BUILT } from "../script/graph-memo.js";
import type { ScriptCatalog } from "../script/indexed-scripts.js";
import { infoOf, type RevisionInfo } from "./revision-info.js";

// The memo's file for the summary: graph-<hash>.summary.json.
const SUMMARY = "summary";
const NONE: readonly string[] = Object.freeze([]);

/**
 * A project's revision graph as `heads`, `history` and `branches` print it, by load order.
 * Read from the summary an earlier run saved beside the graph memo (graph-summary.ts) when
 * there is one: the memo's key changes with any edited, added, removed or renamed script,
 * so the same key means the same headers, the same graph and the same summary. Otherwise
 * the graph is built (with its checks, when the memo knows nothing), summarised and saved.
 */
export class GraphView {
  readonly #scripts: ScriptCatalog;
  readonly #summary: GraphSummary;
  readonly #flags: readonly number[];
  readonly #labelOf: readonly number[];
  readonly #labelSets: readonly (readonly string[])[];
  readonly #children: readonly number[];
  /**
   * Where each revision's children start in `children` (prefix sums of `childCounts`), made
   * up to the highest revision asked for: `heads` asks none, `show` one, `history` all.
   */
  #childAtSums: Int32Array | undefined;
  #summed = 0; // #childAtSums holds the sums of revisions 0..#summed

  private constructor(project: Project, summary: GraphSummary) {
    this.#scripts = project.catalog;
    this.#summary = summary;
    this.#flags = summary.flags;
    this.#labelOf = summary.labelOf;
    this.#labelSets = summary.labelSets;
    this.#children = summary.children;
  }

  /** Where revision `i`'s children start in `children` (`i` up to the revision count). */
  #childAt(i: number): number {
    const counts = this.#summary.childCounts;
    this.#childAtSums ??= new Int32Array(counts.length + 1);
    const at = this.#childAtSums;
    for (let k = this.#summed; k < i; k++) at[k + 1] = at[k]! + counts[k]!;
    if (i > this.#summed) this.#summed = i;
    return at[i]!;
  }

  /** `withOrder`: `order` will be read (`history` and `branches` with no range). */
  static of(project: Project, withOrder = false): GraphView {
    const memo = project.memo;
    const saved = memo && asSummary(memo.derived(SUMMARY), project.catalog.count);
    if (saved !== undefined && (saved.order !== undefined || !withOrder))
      return new GraphView(project, saved);
    const map = project.map;
    const order = withOrder ? walkRevisions(map) : undefined;
    const summary = summarize(map, order);
    if (memo !== undefined) {
      memo.saveDerived(SUMMARY, summary);
      // As describe-rows.ts: the next run trusts the memo instead of checking the graph again.
      memo.add(GRAPH_BUILT);
    }
    return new GraphView(project, summary);
  }

  /** Revisions nothing names as down revision (`real`: nor as dependency), in load order. */
  heads(real = false): number[] {
    const flag = real ? REAL_HEAD : HEAD;
    const flags = this.#flags;
    const out: number[] = [];
    for (let i = 0; i < flags.length; i++) if (flags[i]! & flag) out.push(i);
    return out;
  }

  /** Every revision, newest first, as `walkRevisions` with no range orders them. */
  get order(): readonly number[] {
    const order = this.#summary.order;
    if (order === undefined) throw new Error("internal: the graph view was made without order");
    return order;
  }

  isBranchPoint(i: number): boolean {
    return (this.#flags[i]! & BRANCH_POINT) !== 0;
  }

  /** Children through down revisions, in load order. */
  children(i: number): readonly number[] {
    const end = this.#childAt(i + 1);
    return this.#children.slice(this.#childAt(i), end);
  }

  /** The revision at load order `i`, as `revisionInfo` makes it from the graph. */
  info(i: number): RevisionInfo {
    // Runs 10,000 times for `history`, mostly before V8 optimises it: few steps, no copies.
    const scripts = this.#scripts;
    const script = scripts.script(i);
    const header = script.header;
    // As the graph's Revision: its down revisions without repeats.
    const down = header.downRevisions;
    const declared = down.length < 2 || dedupe(down) === down ? header : dedupeDown(header);
    const labelOf = this.#labelOf[i]!;
    const labels = labelOf === 0 ? NONE : this.#labelSets[labelOf - 1]!;
    const count = this.#summary.childCounts[i]!;
    let ids = NONE;
    if (count === 1) ids = [scripts.revision(this.#children[this.#childAt(i)]!)];
    else if (count > 1) {
      const from = this.#childAt(i);
      const list: string[] = new Array(count);
      for (let k = 0; k < count; k++) list[k] = scripts.revision(this.#children[from + k]!);
      ids = list;
    }
    return infoOf(script, declared, labels, this.#flags[i]!, ids);
  }
}

function dedupeDown(header: RevisionHeader): RevisionHeader {
  return { ...header, downRevisions: dedupe(header.downRevisions) };
}
