import type { RevisionHeader } from "../../src/revision/index.js";
import { Prng } from "./prng.js";

export interface GraphOptions {
  /** Number of revisions; default 8 to 30, picked by the seed. */
  readonly size?: number;
  readonly maxBases?: number;
  /** A new revision starts a new base (up to maxBases). */
  readonly baseChance?: number;
  /** A new revision grows from a revision that already has a child: a branch point. */
  readonly branchChance?: number;
  /** A new revision merges 2 (or 3) revisions. */
  readonly mergeChance?: number;
  readonly threeWayShare?: number;
  readonly labelChance?: number;
  readonly dependsOnChance?: number;
  /** Of the dependencies, the share written as the target's branch label. */
  readonly dependsOnLabelShare?: number;
  /** A new id starts with the first 4 to 6 characters of an existing one. */
  readonly sharedPrefixChance?: number;
  /**
   * Deliberately make a parent an ancestor of another parent (a dependsOn on an ancestor,
   * or a merge that also names an ancestor of the other side): what DESIGN.md section 4
   * says Alembic may crash on, and what Alembic 1.13 (#1373) fixed undoing. Default 0.
   */
  readonly ancestorParentChance?: number;
  /** "creation": parents before children; "shuffled": any order (Alembic allows it). */
  readonly loadOrder?: "creation" | "shuffled";
}

export interface GeneratedGraph {
  readonly seed: number;
  /** In load order (file-name order). */
  readonly headers: RevisionHeader[];
  /** Every branch label declared. */
  readonly labels: string[];
  readonly loadOrder: "creation" | "shuffled";
}

interface Node {
  readonly id: string;
  readonly downs: readonly string[];
  /** dependsOn resolved to ids. */
  readonly deps: readonly string[];
  readonly labels: string[];
  /** Ancestors through downRevisions only. */
  readonly versionedAncestors: ReadonlySet<string>;
  /** Ancestors through downRevisions and (normalized) dependsOn, as Alembic walks them. */
  readonly ancestors: ReadonlySet<string>;
  children: number;
}

// Label names start with a letter that is not hex, so a label never looks like an id prefix.
const LABEL_WORDS = [
  "shop",
  "users",
  "media",
  "reports",
  "search",
  "jobs",
  "web",
  "ops",
  "geo",
  "xfer",
];

/**
 * A random revision graph Alembic can handle: chains, branch points, merges of 2 and 3,
 * several bases, branch labels (each used once) and cross-branch dependsOn. It never
 * makes what DESIGN.md section 4 says Alembic crashes on: no parent (down revision or
 * normalized dependency) is an ancestor of another parent of the same revision.
 */
export function randomGraph(seed: number, options: GraphOptions = {}): GeneratedGraph {
  const prng = new Prng(seed);
  const size = options.size ?? prng.int(8, 30);
  const maxBases = options.maxBases ?? 3;
  const baseChance = options.baseChance ?? 0.08;
  const branchChance = options.branchChance ?? 0.2;
  const mergeChance = options.mergeChance ?? 0.15;
  const threeWayShare = options.threeWayShare ?? 0.3;
  const labelChance = options.labelChance ?? 0.15;
  const dependsOnChance = options.dependsOnChance ?? 0.15;
  const dependsOnLabelShare = options.dependsOnLabelShare ?? 0.3;
  const sharedPrefixChance = options.sharedPrefixChance ?? 0.05;
  const ancestorParentChance = options.ancestorParentChance ?? 0;
  const loadOrder = options.loadOrder ?? (prng.chance(0.5) ? "creation" : "shuffled");

  const nodes: Node[] = [];
  const byId = new Map<string, Node>();
  const labels: string[] = [];
  let bases = 0;

  const newId = (): string => {
    for (;;) {
      let id = prng.hex(12);
      if (nodes.length > 0 && prng.chance(sharedPrefixChance)) {
        const prefix = prng.pick(nodes).id.slice(0, prng.int(4, 6));
        id = prefix + id.slice(prefix.length);
      }
      if (!byId.has(id)) return id;
    }
  };
  const newLabel = (): string => {
    const label = `${prng.pick(LABEL_WORDS)}_${labels.length}`;
    labels.push(label);
    return label;
  };

  for (let i = 0; i < size; i++) {
    const heads = nodes.filter((n) => n.children === 0);
    let downs: string[];
    if (nodes.length === 0 || (bases < maxBases && prng.chance(baseChance))) {
      downs = [];
    } else if (heads.length >= 2 && prng.chance(mergeChance)) {
      const want = heads.length >= 3 && prng.chance(threeWayShare) ? 3 : 2;
      // Mostly heads; now and then any revisions (a merge of non-heads is legal too).
      const pool = prng.chance(0.1) ? nodes : heads;
      downs = independent(
        prng.shuffle(pool).map((n) => n.id),
        byId,
      ).slice(0, want);
      if (downs.length < 2) downs = [prng.pick(heads).id];
    } else if (prng.chance(branchChance)) {
      downs = [prng.pick(nodes).id];
    } else {
      downs = [prng.pick(heads).id];
    }

    let deps = prng.chance(dependsOnChance) ? pickDependencies(prng, downs, nodes, byId) : [];
    if (downs.length > 0 && prng.chance(ancestorParentChance)) {
      const below = [...new Set(downs.flatMap((d) => [...byId.get(d)!.ancestors]))];
      if (below.length > 0) {
        const ancestor = prng.pick(below);
        if (prng.chance(0.5)) deps = [...new Set([...deps, ancestor])];
        else if (!downs.includes(ancestor)) downs = [...downs, ancestor];
      }
    }
    const id = newId();
    const versionedAncestors = new Set<string>();
    for (const d of downs) {
      versionedAncestors.add(d);
      for (const a of byId.get(d)!.versionedAncestors) versionedAncestors.add(a);
    }
    const ancestors = new Set<string>();
    for (const p of normalizedParents(downs, deps, byId)) {
      ancestors.add(p);
      for (const a of byId.get(p)!.ancestors) ancestors.add(a);
    }
    const node: Node = {
      id,
      downs,
      deps,
      labels: prng.chance(labelChance)
        ? prng.chance(0.1)
          ? [newLabel(), newLabel()]
          : [newLabel()]
        : [],
      versionedAncestors,
      ancestors,
      children: 0,
    };
    if (downs.length === 0) bases++;
    for (const d of downs) byId.get(d)!.children++;
    nodes.push(node);
    byId.set(id, node);
  }

  const ordered = loadOrder === "creation" ? nodes : prng.shuffle(nodes);
  const headers = ordered.map(
    (n, i): RevisionHeader => ({
      revision: n.id,
      downRevisions: n.downs,
      branchLabels: n.labels,
      dependsOn: n.deps.map((d) => {
        const target = byId.get(d)!;
        return target.labels.length > 0 && prng.chance(dependsOnLabelShare) ? target.labels[0]! : d;
      }),
      message: `rev ${i}`,
    }),
  );
  return { seed, headers, labels, loadOrder };
}

/** Keeps, in order, the ids that are not an ancestor or descendant of one kept before. */
function independent(ids: readonly string[], byId: ReadonlyMap<string, Node>): string[] {
  const kept: string[] = [];
  for (const id of ids) {
    const node = byId.get(id)!;
    if (kept.every((k) => !node.ancestors.has(k) && !byId.get(k)!.ancestors.has(id))) kept.push(id);
  }
  return kept;
}

/** Alembic's normalized down revisions: dependencies an ancestor already declared drop out. */
function normalizedParents(
  downs: readonly string[],
  deps: readonly string[],
  byId: ReadonlyMap<string, Node>,
): string[] {
  const declaredBelow = new Set<string>();
  const seen = new Set<string>();
  const todo = [...downs];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id)!;
    for (const d of node.deps) declaredBelow.add(d);
    todo.push(...node.downs);
  }
  return [...new Set([...downs, ...deps.filter((d) => !declaredBelow.has(d))])];
}

/**
 * One or two dependencies on revisions that are neither ancestors of the new revision's
 * parents nor (trivially: it is new) its descendants; now and then one that a versioned
 * ancestor already depends on, which Alembic normalizes away.
 */
function pickDependencies(
  prng: Prng,
  downs: readonly string[],
  nodes: readonly Node[],
  byId: ReadonlyMap<string, Node>,
): string[] {
  const below = new Set<string>(downs);
  for (const d of downs) for (const a of byId.get(d)!.ancestors) below.add(a);
  const candidates = nodes.map((n) => n.id).filter((id) => !below.has(id));
  // Only what versioned ancestors declare is normalized away (not what a dependency's
  // ancestors declare): anything else below is an ancestor of a parent.
  const versioned = new Set<string>(downs);
  for (const d of downs) for (const a of byId.get(d)!.versionedAncestors) versioned.add(a);
  const inherited = [...versioned].flatMap((id) => byId.get(id)!.deps);
  const picked: string[] = [];
  if (inherited.length > 0 && prng.chance(0.2)) picked.push(prng.pick(inherited));
  const want = prng.chance(0.2) ? 2 : 1;
  for (const id of prng.shuffle(candidates)) {
    if (picked.length >= want) break;
    if (isIndependent(downs, [...picked, id], byId)) picked.push(id);
  }
  return isIndependent(downs, picked, byId) ? picked : [];
}

function isIndependent(
  downs: readonly string[],
  deps: readonly string[],
  byId: ReadonlyMap<string, Node>,
): boolean {
  const parents = normalizedParents(downs, deps, byId);
  return independent(parents, byId).length === parents.length;
}
