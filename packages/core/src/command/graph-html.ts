import { type GraphLayout, layoutGraph, NODE_HEIGHT, NODE_WIDTH } from "./graph-layout.js";
import type { GraphModel, GraphNode } from "./graph-model.js";
import { nodeDetail, nodeMarks, nodeTitle, printable } from "./graph-model.js";

/** Text for XML: markup characters as entities, control characters as spaces. */
export function xmlText(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fit = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join("")}…` : text;

function nodeSvg(node: GraphNode, x: number, y: number): string {
  const classes = ["node"];
  if (node.head) classes.push("head");
  if (node.merge) classes.push("merge");
  if (node.branchPoint) classes.push("branch-point");
  if (node.applied) classes.push("applied");
  if (node.current) classes.push("current");
  if (node.run) classes.push("run");
  const marks = nodeMarks(node).join(", ");
  const detail = nodeDetail(node);
  const full = node.run ? [nodeTitle(node), marks, detail] : [node.revision, marks, node.message];
  const cx = x + NODE_WIDTH / 2;
  return [
    `<g id="${node.id}" class="${classes.join(" ")}" data-revision="${xmlText(node.revision)}">`,
    `<title>${xmlText(full.filter(Boolean).join("\n"))}</title>`,
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8"/>`,
    `<text x="${cx}" y="${y + 17}" class="id">${xmlText(fit(nodeTitle(node), 30))}</text>`,
    marks ? `<text x="${cx}" y="${y + 31}" class="marks">${xmlText(fit(marks, 34))}</text>` : "",
    `<text x="${cx}" y="${y + 46}">${xmlText(fit(detail, 32))}</text>`,
    "</g>",
  ].join("");
}

/** Curves between layers, straight lines down the lanes inside them. */
function edgesSvg(layout: GraphLayout): string {
  return layout.edges
    .map((e) => {
      const [first, ...rest] = e.points;
      let d = `M${first![0]},${first![1]}`;
      rest.forEach(([x, y], i) => {
        const [px, py] = i === 0 ? first! : rest[i - 1]!;
        if (i % 2 === 1) d += ` L${x},${y}`;
        else {
          const bend = (y - py) / 2;
          d += ` C${px},${py + bend} ${x},${y - bend} ${x},${y - (i === rest.length - 1 ? 2 : 0)}`;
        }
      });
      return `<path class="edge${e.dependsOn ? " depends" : ""}" d="${d}" marker-end="url(#arrow)"/>`;
    })
    .join("\n");
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:16px;color:#1d2327;background:#fff}
h1{font-size:18px;margin:0 0 4px}p{margin:0 0 12px;font-size:13px;color:#50575e}
svg{max-width:100%;height:auto;display:block}
.node rect{fill:#fff;stroke:#8c8f94;stroke-width:1.5}
.node.head rect{stroke:#2271b1;stroke-width:3}
.node.merge rect{stroke:#8e44ad;stroke-width:2.5}
.node.branch-point rect{stroke:#b26200;stroke-width:2.5}
.node.run rect{stroke-dasharray:5 3;fill:#f6f7f7}
.node.applied rect{fill:#d4edda}
.node.current rect{fill:#a5d6a7;stroke:#1b5e20;stroke-width:3}
.node text{font-size:11px;text-anchor:middle;fill:#1d2327}
.node text.id{font-weight:600;font-family:ui-monospace,monospace}
.node text.marks{fill:#50575e;font-size:10px}
.edge{fill:none;stroke:#8c8f94;stroke-width:1.3}
.edge.depends{stroke-dasharray:5 4;stroke:#b26200}`;

/**
 * One self-contained page: the laid-out graph as inline SVG and its CSS, no script and
 * nothing fetched, so it opens offline and can be attached to a ticket.
 */
export function renderHtml(model: GraphModel, title = "mig revision graph"): string {
  const layout = layoutGraph(model);
  const nodes = layout.nodes.map((p) => nodeSvg(p.node, p.x, p.y)).join("\n");
  const count = model.nodes.reduce((s, n) => s + (n.run?.count ?? 1), 0);
  const legend = [
    `${count} revisions, oldest at the top.`,
    "Blue border: head; purple: merge; orange: branch point; dashed box: collapsed run;",
    "dashed line: dependsOn.",
    model.appliedKnown
      ? "Green: applied (dark green: the version table's rows)."
      : "The database was not read: applied revisions are not marked.",
  ].join(" ");
  const { width, height } = layout;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${xmlText(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${xmlText(title)}</h1>
<p>${xmlText(legend)}</p>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${xmlText(title)}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#8c8f94"/></marker></defs>
<g class="edges">
${edgesSvg(layout)}
</g>
<g class="nodes">
${nodes}
</g>
</svg>
</body>
</html>
`;
}
