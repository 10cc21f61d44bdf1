import type { RevisionMap } from "../revision/revision-map.js";

/** One box of the picture: a revision, or a collapsed run of them. */
export interface GraphNode {
  /** `n0`, `n1`, ...: safe as an id in every format, whatever the revision ids hold. */
  readonly id: string;
  /** The revision, or the first (oldest) revision of a run. */
  readonly revision: string;
  /** First line of the message; empty for a run. */
  readonly message: string;
  /** Branch labels the script declares (inherited ones would repeat on every node). */
  readonly labels: readonly string[];
  readonly head: boolean;
  readonly branchPoint: boolean;
  readonly merge: boolean;
  /** In the version table or an ancestor of a row; false when the database was not read. */
  readonly applied: boolean;
  /** A row of the version table: where the database is. */
  readonly current: boolean;
  /** For a collapsed run: how many revisions it stands for, and its newest one. */
  readonly run?: { readonly count: number; readonly last: string };
  /** How many revisions `mig squash` folded into this one (its `replaces`); absent when none. */
  readonly replaces?: number;
}

/** From parent to child; `dependsOn` edges are drawn dashed. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly dependsOn: boolean;
}

export interface GraphModel {
  /** Parents before children. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Whether applied marks are shown (the database was read). */
  readonly appliedKnown: boolean;
}

export interface GraphModelOptions {
  /** The version table's rows; undefined when the database was not read. */
  readonly rows?: readonly string[] | undefined;
  /** Collapse runs of plain revisions into one node (default true). */
  readonly collapse?: boolean;
  /** Revision id -> the ids its script `replaces` (mig squash), to mark squashed revisions. */
  readonly replaces?: ReadonlyMap<string, readonly string[]>;
}

/** Revisions in the rows and every ancestor (dependencies included). */
export function appliedSet(map: RevisionMap, rows: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = rows.filter((id) => map.revisions.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const down of map.rev(id).allDownRevisions) if (!seen.has(down)) stack.push(down);
  }
  return seen;
}

/** Parents before children (load order breaks ties), over down revisions and dependencies. */
function topological(map: RevisionMap): string[] {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const rev of map.revisions.values()) {
    const n = rev.allDownRevisions.filter((d) => map.revisions.has(d)).length;
    waiting.set(rev.revision, n);
    if (n === 0) ready.push(rev.revision);
  }
  const order: string[] = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    for (const child of map.rev(id).allNextRevisions) {
      const left = waiting.get(child)! - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return order;
}

/**
 * The picture's nodes and edges. A run of revisions each with one parent and one child,
 * no declared label, no `dependsOn` either way and the same applied state becomes one
 * node: what a reader needs at 300 revisions is the shape, not every step.
 */
export function graphModel(map: RevisionMap, options: GraphModelOptions = {}): GraphModel {
  const applied = options.rows ? appliedSet(map, options.rows) : new Set<string>();
  const current = new Set(options.rows ?? []);
  const plain = (id: string): boolean => {
    const rev = map.rev(id);
    return (
      !current.has(id) &&
      rev.downRevisions.length === 1 &&
      rev.nextRevisions.length === 1 &&
      rev.allNextRevisions.length === 1 &&
      rev.dependsOn.length === 0 &&
      rev.declaredBranchLabels.length === 0
    );
  };
  const collapse = options.collapse !== false;
  const nodeOf = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const id of topological(map)) {
    if (nodeOf.has(id)) continue;
    const rev = map.rev(id);
    const nodeId = `n${nodes.length}`;
    nodeOf.set(id, nodeId);
    const isApplied = applied.has(id);
    const members = [id];
    if (collapse && plain(id)) {
      // Extend down the chain while the next one is plain too and on the same side of applied.
      let next = rev.nextRevisions[0]!;
      while (plain(next) && applied.has(next) === isApplied && !nodeOf.has(next)) {
        members.push(next);
        nodeOf.set(next, nodeId);
        next = map.rev(next).nextRevisions[0]!;
      }
    }
    const base = {
      id: nodeId,
      revision: id,
      labels: rev.declaredBranchLabels,
      head: rev.isHead,
      branchPoint: rev.isBranchPoint,
      merge: rev.isMergePoint,
      applied: isApplied,
      current: current.has(id),
    };
    if (members.length > 1) {
      nodes.push({
        ...base,
        message: "",
        run: { count: members.length, last: members[members.length - 1]! },
      });
    } else {
      const replaced = options.replaces?.get(id)?.length ?? 0;
      nodes.push({
        ...base,
        message: firstLine(rev.message),
        ...(replaced > 0 ? { replaces: replaced } : {}),
      });
    }
  }
  const edges: GraphEdge[] = [];
  for (const rev of map.revisions.values()) {
    const to = nodeOf.get(rev.revision)!;
    const add = (from: string | undefined, dependsOn: boolean) => {
      if (from !== undefined && from !== to) edges.push({ from, to, dependsOn });
    };
    for (const down of rev.downRevisions) add(nodeOf.get(down), false);
    for (const dep of rev.resolvedDependencies) {
      if (!rev.downRevisions.includes(dep)) add(nodeOf.get(dep), true);
    }
  }
  return { nodes, edges, appliedKnown: options.rows !== undefined };
}

function firstLine(message: string): string {
  const line = message.split(/\r?\n/, 1)[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

const short = (id: string) => (id.length > 12 ? id.slice(0, 12) : id);

/** A node's first line: the revision id, shortened, or the run's length. */
export function nodeTitle(node: GraphNode): string {
  return node.run ? `… ${node.run.count} revisions …` : short(node.revision);
}

/** A node's second line: the message, or the run's first and last revision. */
export function nodeDetail(node: GraphNode): string {
  return node.run ? `${short(node.revision)} … ${short(node.run.last)}` : node.message;
}

/** The marks after a node's id, e.g. `head, merge, [label]`. */
export function nodeMarks(node: GraphNode): string[] {
  const marks: string[] = [];
  if (node.head) marks.push("head");
  if (node.branchPoint) marks.push("branch point");
  if (node.merge) marks.push("merge");
  if (node.current) marks.push("current");
  else if (node.applied) marks.push("applied");
  if (node.replaces) marks.push(`squash of ${node.replaces}`);
  for (const label of node.labels) marks.push(`[${label}]`);
  return marks;
}

/** Control characters (which XML forbids and DOT or Mermaid would break on) as spaces. */
export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code < 0x20 || code === 0x7f || code === 0xfffe || code === 0xffff ? " " : ch;
  }
  return out;
}
