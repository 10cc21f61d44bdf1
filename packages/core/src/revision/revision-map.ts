import { buildGraph } from "./build-graph.js";
import { type Links, reverse, withDependencies } from "./graph-links.js";
import type { Revision } from "./revision.js";
import type { RevisionHeader } from "./revision-header.js";

/**
 * The revision graph: every script's revision, linked to parents and children, with the
 * heads, bases and branch labels Alembic would compute for the same scripts. Pure data;
 * the algorithms over it live in the sibling modules (resolve, collect, plan).
 */
export class RevisionMap {
  /** Revisions by id, in load order. */
  readonly revisions: ReadonlyMap<string, Revision>;
  /** Revisions no other revision names as downRevision, in load order (`mig heads`). */
  readonly heads: readonly string[];
  /** Revisions nothing names as downRevision or dependsOn (what `heads` resolves to). */
  readonly realHeads: readonly string[];
  readonly bases: readonly string[];
  readonly realBases: readonly string[];

  /** Revisions by load order (`Revision.order`). */
  readonly all: readonly Revision[];

  readonly #graph: ReturnType<typeof buildGraph>;
  #normalizedDown: Links | undefined;
  #keys: ReadonlyMap<string, Revision> | undefined;
  #reach: ReachTable | undefined;

  private constructor(graph: ReturnType<typeof buildGraph>) {
    this.#graph = graph;
    this.all = graph.all;
    this.revisions = graph.revisions;
    this.heads = graph.heads;
    this.realHeads = graph.realHeads;
    this.bases = graph.bases;
    this.realBases = graph.realBases;
  }

  /**
   * Builds the graph from headers given in load order (file-name order). `checked`: the
   * same headers were built without error before, so checks that only find errors are skipped.
   */
  static build(headers: readonly RevisionHeader[], checked = false): RevisionMap {
    return new RevisionMap(buildGraph(headers, checked));
  }

  /** Revision ids and branch labels, each naming its revision (ids first, in load order). */
  get keys(): ReadonlyMap<string, Revision> {
    const { revisions, labels } = this.#graph;
    this.#keys ??= labels.size === 0 ? revisions : new Map([...revisions, ...labels]);
    return this.#keys;
  }

  /** The revision a full id or branch label names. */
  key(name: string): Revision | undefined {
    return this.#graph.revisions.get(name) ?? this.#graph.labels.get(name);
  }

  get size(): number {
    return this.revisions.size;
  }

  /** The revision with exactly this id; throws on a programming error, not user input. */
  rev(id: string): Revision {
    const found = this.revisions.get(id);
    if (found === undefined) throw new Error(`internal: revision ${id} is not in the map`);
    return found;
  }

  /**
   * Each revision's neighbours by load order, for walks that would otherwise look up ids:
   * parents through down revisions (`down`) or also through the dependencies no ancestor
   * implies (`normalizedDown`); children through down revisions (`up`) or dependencies too
   * (`allUp`). Each range is in the order of the matching `Revision` list.
   */
  links(kind: LinkKind): Links {
    const graph = this.#graph;
    if (kind !== "normalizedDown") return graph[kind];
    this.#normalizedDown ??= graph.anyDependencies
      ? withDependencies(graph.all, graph.revisions, graph.down, true)
      : graph.down;
    return this.#normalizedDown;
  }

  /**
   * Whether `ancestor` is `descendant` or one of its ancestors (through normalized down
   * revisions, dependencies included). Answered from a table built once per map: runs of
   * revisions with one parent and one child form a segment, ordered by position inside
   * it, and a bitset per segment holds the segments below it. Segments are a fraction of
   * the revisions, so the table stays small where one bitset per revision would be
   * quadratic (10,000 segments: 12.5 MB).
   */
  isAncestorOrSelf(ancestor: Revision, descendant: Revision): boolean {
    this.#reach ??= reachTable(this);
    const { segment, position, bits, words } = this.#reach;
    const a = segment[ancestor.order]!;
    const d = segment[descendant.order]!;
    if (a === d) return position[ancestor.order]! <= position[descendant.order]!;
    return (bits[d * words + (a >>> 5)]! & (1 << (a & 31))) !== 0;
  }
}

export type LinkKind = "down" | "normalizedDown" | "up" | "allUp";

interface ReachTable {
  /** Per revision (by load order): its segment, and its height inside it. */
  readonly segment: Int32Array;
  readonly position: Int32Array;
  /** Per segment, `words` words: the segments at or below it. */
  readonly bits: Uint32Array;
  readonly words: number;
}

function reachTable(map: RevisionMap): ReachTable {
  const n = map.size;
  const parents = map.links("normalizedDown");
  const children = reverse(parents, n);
  const childCount = (r: number) => children.at[r + 1]! - children.at[r]!;
  // Parents first (Kahn), so a revision's parents have their segments when it is reached.
  const waiting = new Int32Array(n);
  const order = new Int32Array(n);
  let length = 0;
  for (let r = 0; r < n; r++) {
    waiting[r] = parents.at[r + 1]! - parents.at[r]!;
    if (waiting[r] === 0) order[length++] = r;
  }
  for (let i = 0; i < length; i++) {
    const r = order[i]!;
    for (let k = children.at[r]!; k < children.at[r + 1]!; k++) {
      if (--waiting[children.to[k]!]! === 0) order[length++] = children.to[k]!;
    }
  }
  const segment = new Int32Array(n);
  const position = new Int32Array(n);
  const starts: number[] = []; // each segment's lowest revision
  for (let i = 0; i < length; i++) {
    const r = order[i]!;
    const first = parents.at[r]!;
    const only = parents.at[r + 1]! - first === 1 ? parents.to[first]! : -1;
    if (only >= 0 && childCount(only) === 1) {
      segment[r] = segment[only]!;
      position[r] = position[only]! + 1;
    } else {
      segment[r] = starts.length;
      starts.push(r);
    }
  }
  const count = starts.length;
  const words = (count + 31) >>> 5;
  const bits = new Uint32Array(count * words);
  // Segments were numbered parents first, so the rows below are ready when read.
  for (let s = 0; s < count; s++) {
    const row = s * words;
    bits[row + (s >>> 5)]! |= 1 << (s & 31);
    const r = starts[s]!;
    for (let k = parents.at[r]!; k < parents.at[r + 1]!; k++) {
      const from = segment[parents.to[k]!]! * words;
      for (let w = 0; w < words; w++) bits[row + w]! |= bits[from + w]!;
    }
  }
  return { segment, position, bits, words };
}
