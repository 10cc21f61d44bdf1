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

  #ancestorBits: Uint32Array[] | undefined;

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
   * revisions, dependencies included). Bitsets make the topological sort linear-ish on
   * large graphs instead of recomputing ancestor sets at every merge.
   */
  isAncestorOrSelf(ancestor: Revision, descendant: Revision): boolean {
    const bits = this.#bits();
    const row = bits[descendant.order]!;
    return (row[ancestor.order >>> 5]! & (1 << (ancestor.order & 31))) !== 0;
  }

  #bits(): Uint32Array[] {
    if (this.#ancestorBits) return this.#ancestorBits;
    const byOrder = [...this.revisions.values()];
    const words = (byOrder.length + 31) >>> 5;
    const bits: Uint32Array[] = new Array(byOrder.length);
    const visit = (start: Revision): void => {
      // Iterative post-order so deep linear graphs do not overflow the stack.
      const stack: Array<[Revision, number]> = [[start, 0]];
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const [rev, i] = top;
        const parents = rev.normalizedDownRevisions;
        if (i < parents.length) {
          top[1] = i + 1;
          const parent = this.rev(parents[i]!);
          if (bits[parent.order] === undefined) stack.push([parent, 0]);
          continue;
        }
        stack.pop();
        if (bits[rev.order] !== undefined) continue;
        const row = new Uint32Array(words);
        row[rev.order >>> 5]! |= 1 << (rev.order & 31);
        for (const p of parents) {
          const prow = bits[this.rev(p).order]!;
          for (let w = 0; w < words; w++) row[w]! |= prow[w]!;
        }
        bits[rev.order] = row;
      }
    };
    for (const rev of byOrder) if (bits[rev.order] === undefined) visit(rev);
    this.#ancestorBits = bits;
    return bits;
  }
}
