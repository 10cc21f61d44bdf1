import type { GraphModel, GraphNode } from "./graph-model.js";

/** A node placed on the page: its box's top-left corner. */
export interface PlacedNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
}

/** An edge's route: points from the parent's bottom to the child's top, one per layer. */
export interface RoutedEdge {
  readonly dependsOn: boolean;
  readonly points: readonly (readonly [number, number])[];
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly RoutedEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 54;
const LANE_WIDTH = 16;
const GAP_X = 24;
const GAP_Y = 36;
const MARGIN = 16;
const SWEEPS = 12;

/**
 * Layers by depth (the longest path from a base), so every edge points down. An edge
 * across several layers gets a narrow lane in each layer between, so it runs beside the
 * boxes, not through them. Inside a layer, sweeps order boxes and lanes by the mean
 * position of their neighbours above, then below, which undoes most crossings.
 */
export function layoutGraph(model: GraphModel): GraphLayout {
  const n = model.nodes.length;
  const index = new Map(model.nodes.map((node, i) => [node.id, i]));
  const up: number[][] = model.nodes.map(() => []);
  const down: number[][] = model.nodes.map(() => []);
  const depth = new Array<number>(n).fill(0);
  const edgeEnds = model.edges.map((e) => [index.get(e.from)!, index.get(e.to)!] as const);
  for (const [from, to] of edgeEnds) up[to]!.push(from);
  // Nodes come parents first, so one pass gives each its depth.
  for (let i = 0; i < n; i++) for (const p of up[i]!) depth[i] = Math.max(depth[i]!, depth[p]! + 1);
  up.forEach((list) => {
    list.length = 0;
  });
  // Vertices: the nodes, then one lane per layer an edge passes.
  const routes = edgeEnds.map(([from, to]) => {
    const route = [from];
    for (let d = depth[from]! + 1; d < depth[to]!; d++) {
      up.push([]);
      down.push([]);
      depth.push(d);
      route.push(depth.length - 1);
    }
    route.push(to);
    for (let k = 1; k < route.length; k++) {
      down[route[k - 1]!]!.push(route[k]!);
      up[route[k]!]!.push(route[k - 1]!);
    }
    return route;
  });
  const width = (v: number) => (v < n ? NODE_WIDTH : LANE_WIDTH);
  const layers: number[][] = [];
  depth.forEach((d, v) => {
    layers[d] ??= [];
    layers[d]!.push(v);
  });
  const x = new Array<number>(depth.length).fill(0);
  const place = (layer: readonly number[]) => {
    let total = -GAP_X;
    for (const v of layer) total += width(v) + GAP_X;
    let at = -total / 2;
    for (const v of layer) {
      x[v] = at + width(v) / 2;
      at += width(v) + GAP_X;
    }
  };
  for (const layer of layers) place(layer);
  const reorder = (layer: number[], near: readonly number[][]) => {
    const key = new Map<number, number>();
    for (const v of layer) {
      const list = near[v]!;
      key.set(v, list.length ? list.reduce((s, m) => s + x[m]!, 0) / list.length : x[v]!);
    }
    layer.sort((a, b) => key.get(a)! - key.get(b)!);
    place(layer);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    if (sweep % 2 === 0) for (const layer of layers) reorder(layer, up);
    else for (const layer of [...layers].reverse()) reorder(layer, down);
  }
  const left = Math.min(0, ...x.map((c, v) => c - width(v) / 2));
  const right = Math.max(0, ...x.map((c, v) => c + width(v) / 2));
  const shift = MARGIN - left;
  const top = (d: number) => MARGIN + d * (NODE_HEIGHT + GAP_Y);
  const nodes = model.nodes.map((node, i) => ({
    node,
    x: x[i]! + shift - NODE_WIDTH / 2,
    y: top(depth[i]!),
  }));
  const edges = routes.map((route, e) => {
    const points: (readonly [number, number])[] = [
      [x[route[0]!]! + shift, nodes[route[0]!]!.y + NODE_HEIGHT],
    ];
    for (const v of route.slice(1, -1)) {
      points.push([x[v]! + shift, top(depth[v]!)], [x[v]! + shift, top(depth[v]!) + NODE_HEIGHT]);
    }
    const last = route[route.length - 1]!;
    points.push([x[last]! + shift, nodes[last]!.y]);
    return { dependsOn: model.edges[e]!.dependsOn, points };
  });
  return {
    nodes,
    edges,
    width: Math.ceil(right - left) + 2 * MARGIN,
    height: Math.max(2 * MARGIN, top(layers.length) - GAP_Y + MARGIN),
  };
}
