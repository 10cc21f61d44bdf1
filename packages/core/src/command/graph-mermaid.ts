import {
  type GraphModel,
  type GraphNode,
  nodeDetail,
  nodeMarks,
  nodeTitle,
  printable,
} from "./graph-model.js";

/**
 * Mermaid's entity form (`#60;`) for every character outside a plain set: quotes, brackets,
 * `<`, `&`, `#`, backticks (markdown strings) and non-ASCII cannot end or reshape a label.
 */
export function mermaidText(text: string): string {
  let out = "";
  for (const ch of printable(text)) {
    out += /^[A-Za-z0-9 .,:;!?()_+=@/*-]$/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

function label(node: GraphNode): string {
  const marks = nodeMarks(node);
  const title = marks.length ? `${nodeTitle(node)} (${marks.join(", ")})` : nodeTitle(node);
  const detail = nodeDetail(node);
  return `"${mermaidText(title)}${detail ? `<br/>${mermaidText(detail)}` : ""}"`;
}

function shape(node: GraphNode): string {
  if (node.run) return `([${label(node)}])`;
  if (node.merge) return `{{${label(node)}}}`;
  return `[${label(node)}]`;
}

/** A Mermaid flowchart, oldest at the top: pastes into a ```mermaid block on GitHub or GitLab. */
export function renderMermaid(model: GraphModel): string {
  const lines = ["flowchart TD"];
  for (const node of model.nodes) lines.push(`  ${node.id}${shape(node)}`);
  for (const edge of model.edges) {
    lines.push(`  ${edge.from} ${edge.dependsOn ? "-.->" : "-->"} ${edge.to}`);
  }
  const classes: Record<string, (n: GraphNode) => boolean> = {
    head: (n) => n.head,
    applied: (n) => n.applied,
    current: (n) => n.current,
    run: (n) => n.run !== undefined,
  };
  lines.push(
    "  classDef head stroke-width:3px",
    "  classDef applied fill:#d4edda,stroke:#2e7d32",
    "  classDef current fill:#a5d6a7,stroke:#1b5e20,stroke-width:3px",
    "  classDef run stroke-dasharray:4 3",
  );
  for (const [name, test] of Object.entries(classes)) {
    const ids = model.nodes.filter(test).map((n) => n.id);
    if (ids.length) lines.push(`  class ${ids.join(",")} ${name}`);
  }
  return `${lines.join("\n")}\n`;
}
