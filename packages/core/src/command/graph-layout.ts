import type { GraphModel, GraphNode } from "./graph-model.js";

/** A node placed on the page: its box's top-left corner. */
export interface PlacedNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly byId: ReadonlyMap<string, PlacedNode>;
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 54;
const GAP_X = 24;
const GAP_Y = 36;
const MARGIN = 16;
const SWEEPS = 8;

/**
 * Layers by depth (the longest path from a base), so every edge points down; inside a
 * layer, a few sweeps ordering nodes by the mean position of their neighbours in the
 * layers above, then below, which undoes most crossings of branchy graphs.
 */
export function layoutGraph(model: GraphModel): GraphLayout {
  const index = new Map(model.nodes.map((n, i) => [n.id, i]));
  const parents: number[][] = model.nodes.map(() => []);
  const children: number[][] = model.nodes.map(() => []);
  for (const e of model.edges) {
    const from = index.get(e.from)!;
    const to = index.get(e.to)!;
    parents[to]!.push(from);
    children[from]!.push(to);
  }
  // Nodes come parents first, so one pass gives each its depth.
  const depth = new Array<number>(model.nodes.length).fill(0);
  for (let i = 0; i < model.nodes.length; i++) {
    for (const p of parents[i]!) depth[i] = Math.max(depth[i]!, depth[p]! + 1);
  }
  const layers: number[][] = [];
  depth.forEach((d, i) => {
    layers[d] ??= [];
    layers[d]!.push(i);
  });
  const slot = new Array<number>(model.nodes.length).fill(0);
  const place = (layer: readonly number[]) => {
    layer.forEach((n, pos) => {
      slot[n] = pos - (layer.length - 1) / 2;
    });
  };
  for (const layer of layers) place(layer);
  const reorder = (layer: number[], neighbours: readonly number[][]) => {
    const key = new Map<number, number>();
    for (const n of layer) {
      const near = neighbours[n]!;
      key.set(n, near.length ? near.reduce((s, m) => s + slot[m]!, 0) / near.length : slot[n]!);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)!);
    place(layer);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (const layer of layers) reorder(layer, parents);
    else for (const layer of [...layers].reverse()) reorder(layer, children);
  }
  const widest = Math.max(1, ...layers.map((l) => l.length));
  const width = 2 * MARGIN + widest * NODE_WIDTH + (widest - 1) * GAP_X;
  const height = 2 * MARGIN + layers.length * NODE_HEIGHT + Math.max(0, layers.length - 1) * GAP_Y;
  const placed: PlacedNode[] = [];
  const byId = new Map<string, PlacedNode>();
  layers.forEach((layer, d) => {
    const offset = ((widest - layer.length) * (NODE_WIDTH + GAP_X)) / 2;
    layer.forEach((n, pos) => {
      const p = {
        node: model.nodes[n]!,
        x: MARGIN + offset + pos * (NODE_WIDTH + GAP_X),
        y: MARGIN + d * (NODE_HEIGHT + GAP_Y),
      };
      placed.push(p);
      byId.set(p.node.id, p);
    });
  });
  return { nodes: placed, byId, width, height };
}
