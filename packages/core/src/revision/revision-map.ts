import { buildGraph } from "./build-graph.js";
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
  /** Revision ids and branch labels, each naming its revision. */
  readonly keys: ReadonlyMap<string, Revision>;
  /** Revisions no other revision names as downRevision, in load order (`mig heads`). */
  readonly heads: readonly string[];
  /** Revisions nothing names as downRevision or dependsOn (what `heads` resolves to). */
  readonly realHeads: readonly string[];
  readonly bases: readonly string[];
  readonly realBases: readonly string[];

  #reach: ReachTable | undefined;

  private constructor(graph: ReturnType<typeof buildGraph>) {
    this.revisions = graph.revisions;
    this.keys = graph.keys;
    this.heads = graph.heads;
    this.realHeads = graph.realHeads;
    this.bases = graph.bases;
    this.realBases = graph.realBases;
  }

  /** Builds the graph from headers given in load order (file-name order). */
  static build(headers: readonly RevisionHeader[]): RevisionMap {
    return new RevisionMap(buildGraph(headers));
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

interface ReachTable {
  /** Per revision (by load order): its segment, and its height inside it. */
  readonly segment: Int32Array;
  readonly position: Int32Array;
  /** Per segment, `words` words: the segments at or below it. */
  readonly bits: Uint32Array;
  readonly words: number;
}

function reachTable(map: RevisionMap): ReachTable {
  const all = [...map.revisions.values()];
  const n = all.length;
  const parents: number[][] = all.map((r) =>
    r.normalizedDownRevisions.map((id) => map.rev(id).order),
  );
  const children = new Int32Array(n);
  for (const list of parents) for (const p of list) children[p]! += 1;
  // Parents first (Kahn), so a revision's parents have their segments when it is reached.
  const waiting = Int32Array.from(parents, (list) => list.length);
  const childLists: number[][] = all.map(() => []);
  parents.forEach((list, r) => {
    for (const p of list) childLists[p]!.push(r);
  });
  const order: number[] = [];
  for (let r = 0; r < n; r++) if (waiting[r] === 0) order.push(r);
  for (let i = 0; i < order.length; i++) {
    for (const c of childLists[order[i]!]!) if (--waiting[c]! === 0) order.push(c);
  }
  const segment = new Int32Array(n);
  const position = new Int32Array(n);
  const starts: number[] = []; // each segment's lowest revision
  for (const r of order) {
    const list = parents[r]!;
    if (list.length === 1 && children[list[0]!] === 1) {
      segment[r] = segment[list[0]!]!;
      position[r] = position[list[0]!]! + 1;
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
    for (const p of parents[starts[s]!]!) {
      const from = segment[p]! * words;
      for (let w = 0; w < words; w++) bits[row + w]! |= bits[from + w]!;
    }
  }
  return { segment, position, bits, words };
}
