import type { Links } from "./links.js";
import type { RevisionHeader } from "./revision-header.js";

/** The graph's children lists, shared by its revisions; each reads its own on demand. */
export interface Children {
  readonly all: readonly Revision[];
  readonly up: Links;
  readonly allUp: Links;
}

/**
 * One node of the revision graph. Immutable from the outside; `RevisionMap` fills in the
 * derived links (children, resolved dependencies, inherited branch labels) while building.
 */
export class Revision {
  readonly revision: string;
  /** The down revisions as declared (versioned parents). */
  readonly downRevisions: readonly string[];
  /** `dependsOn` as declared: revision ids, partial ids or branch labels. */
  readonly dependsOn: readonly string[];
  /** Labels this script declares itself. */
  readonly declaredBranchLabels: readonly string[];
  readonly message: string;
  /** Index in load order; breaks ties in the topological sort. */
  readonly order: number;

  // Set once the graph is built; the id lists are made on first use (most commands read
  // a few of them, and 10,000 small arrays cost more to collect than to make).
  #children: Children | undefined;
  #next: readonly string[] | undefined;
  #allNext: readonly string[] | undefined;
  #labels: ReadonlySet<string> = NO_LABELS;
  #resolved: readonly string[] = NONE; // shared: 10,000 revisions need no empty arrays of their own
  #normalized: readonly string[] = NONE;
  #allDown: readonly string[];
  #normalizedDown: readonly string[];

  constructor(header: RevisionHeader, order: number) {
    this.revision = header.revision;
    this.downRevisions = dedupe(header.downRevisions);
    this.dependsOn = header.dependsOn;
    this.declaredBranchLabels = header.branchLabels;
    this.message = header.message;
    this.order = order;
    if (header.branchLabels.length > 0) this.#labels = new Set(header.branchLabels);
    this.#allDown = this.#normalizedDown = this.downRevisions;
  }

  /** While building: where this revision's children are. */
  linkChildren(children: Children): void {
    this.#children = children;
  }

  /** Children through `downRevision` only, in load order. */
  get nextRevisions(): readonly string[] {
    this.#next ??= this.#ids(this.#children?.up);
    return this.#next;
  }

  /** Children through `downRevision` or `dependsOn`. */
  get allNextRevisions(): readonly string[] {
    const c = this.#children;
    if (c === undefined || c.allUp === c.up) return this.nextRevisions;
    this.#allNext ??= this.#ids(c.allUp);
    return this.#allNext;
  }

  #count(links: Links | undefined): number {
    return links === undefined ? 0 : links.at[this.order + 1]! - links.at[this.order]!;
  }

  #ids(links: Links | undefined): readonly string[] {
    const n = this.#count(links);
    if (n === 0) return NONE;
    const all = this.#children!.all;
    const from = links!.at[this.order]!;
    const out: string[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = all[links!.to[from + k]!]!.revision;
    return out;
  }

  /** Declared labels plus those inherited along the branch. */
  get branchLabels(): ReadonlySet<string> {
    return this.#labels;
  }

  /** While building: a label inherited along the branch. */
  addBranchLabel(label: string, sets: LabelSets): void {
    this.#labels = sets.with(this.#labels, label);
  }

  /** `dependsOn` resolved to revision ids. */
  get resolvedDependencies(): readonly string[] {
    return this.#resolved;
  }

  set resolvedDependencies(ids: readonly string[]) {
    this.#resolved = ids;
    // Computed once here: graph walks read these for every revision they pass.
    this.#allDown = ids.length === 0 ? this.downRevisions : dedupe([...this.downRevisions, ...ids]);
  }

  /** Resolved dependencies not already implied by an ancestor's dependencies. */
  get normalizedDependencies(): readonly string[] {
    return this.#normalized;
  }

  set normalizedDependencies(ids: readonly string[]) {
    this.#normalized = ids;
    this.#normalizedDown =
      ids.length === 0 ? this.downRevisions : dedupe([...this.downRevisions, ...ids]);
  }

  /** Parents including dependencies, deduplicated. */
  get allDownRevisions(): readonly string[] {
    return this.#allDown;
  }

  /** Parents including only the dependencies that are not implied by ancestors. */
  get normalizedDownRevisions(): readonly string[] {
    return this.#normalizedDown;
  }

  get isBase(): boolean {
    return this.downRevisions.length === 0;
  }

  /** A base with no dependencies either. */
  get isRealBase(): boolean {
    return this.downRevisions.length === 0 && this.dependsOn.length === 0;
  }

  get isHead(): boolean {
    return this.#count(this.#children?.up) === 0;
  }

  get isRealHead(): boolean {
    return this.#count(this.#children?.allUp) === 0;
  }

  /** A head only because its children merely `dependsOn` it (Alembic's "effective head"). */
  get isEffectiveHead(): boolean {
    return this.isHead && !this.isRealHead;
  }

  get isBranchPoint(): boolean {
    return this.#count(this.#children?.up) > 1;
  }

  get isRealBranchPoint(): boolean {
    return this.#count(this.#children?.allUp) > 1;
  }

  get isMergePoint(): boolean {
    return this.downRevisions.length > 1;
  }
}

/**
 * Label sets shared between revisions: a label reaches thousands of descendants, which
 * then hold one set between them instead of one each. Sets are never changed once made.
 */
export class LabelSets {
  readonly #made = new Map<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

  /** `set` with `label` added at the end, as `Set.add` would order it. */
  with(set: ReadonlySet<string>, label: string): ReadonlySet<string> {
    if (set.has(label)) return set;
    let byLabel = this.#made.get(set);
    if (byLabel === undefined) {
      byLabel = new Map();
      this.#made.set(set, byLabel);
    }
    let made = byLabel.get(label);
    if (made === undefined) {
      made = new Set(set).add(label);
      byLabel.set(label, made);
    }
    return made;
  }
}

const NONE: readonly string[] = Object.freeze([]);
const NO_LABELS: ReadonlySet<string> = new Set();

/** `items` without repeats; `items` itself when it has none (lists here are read-only). */
export function dedupe<T>(items: readonly T[]): readonly T[] {
  if (items.length < 2) return items;
  if (items.length === 2) return items[0] === items[1] ? [items[0]!] : items;
  const unique = new Set(items);
  return unique.size === items.length ? items : [...unique];
}
