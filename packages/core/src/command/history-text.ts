import { openProject, type ProjectOptions } from "../config/project.js";
import { hash } from "../script/script-index-layout.js";
import { GraphView } from "./graph-view.js";
import type { RevisionInfo } from "./revision-info.js";

/**
 * What `mig history` (no range, no database) prints, as `format` renders every revision
 * newest first, kept beside the graph summary: the same headers (the memo's key), the same
 * mig (the memo's version), the same script locations and the same `variant` (the caller's
 * name for `format`, with its own version) print the same text, so a run in which no script
 * changed writes it without decoding 10,000 headers. A changed script changes the key, and
 * the text is made again.
 */
export async function historyText(
  options: ProjectOptions,
  variant: string,
  format: (revisions: readonly RevisionInfo[]) => string,
): Promise<string> {
  const project = await openProject(options);
  const name = `text-${hash(`${variant}\n${project.locations.join("\n")}`)}`;
  const memo = project.memo;
  const saved = memo?.derived(name);
  if (typeof saved === "string") return saved;
  const graph = GraphView.of(project, true);
  const text = format(graph.order.map((i) => graph.info(i)));
  // GraphView.of recorded the graph as built: a text is only kept for a graph without errors.
  memo?.saveDerived(name, text);
  return text;
}
