import {
  type GraphModel,
  type GraphNode,
  nodeDetail,
  nodeMarks,
  nodeTitle,
  printable,
} from "./graph-model.js";

/**
 * A DOT double-quoted string's body: backslash and quote escaped, `&` as an entity (Graphviz
 * reads entities in labels), control characters as spaces. Non-ASCII stays: DOT is UTF-8.
 */
export function dotText(text: string): string {
  return printable(text)
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;");
}

function attributes(node: GraphNode): string {
  const marks = nodeMarks(node);
  const lines = [nodeTitle(node), ...(marks.length ? [marks.join(", ")] : []), nodeDetail(node)];
  const attrs = [`label="${lines.filter(Boolean).map(dotText).join("\\n")}"`];
  const style = ["rounded"];
  if (node.run) style.push("dashed");
  if (node.applied) {
    style.push("filled");
    attrs.push(`fillcolor="${node.current ? "#a5d6a7" : "#d4edda"}"`);
  }
  attrs.push(`style="${style.join(",")}"`);
  if (node.head || node.current) attrs.push("penwidth=3");
  if (node.merge) attrs.push("shape=hexagon");
  return attrs.join(", ");
}

/** A Graphviz digraph, oldest at the top: `mig graph --format dot | dot -Tsvg > graph.svg`. */
export function renderDot(model: GraphModel): string {
  const lines = [
    "digraph mig {",
    "  rankdir=TB;",
    '  node [shape=box, fontname="Helvetica", fontsize=11];',
  ];
  for (const node of model.nodes) lines.push(`  ${node.id} [${attributes(node)}];`);
  for (const edge of model.edges) {
    lines.push(`  ${edge.from} -> ${edge.to}${edge.dependsOn ? " [style=dashed]" : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
