import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import { assertKnownOptions, assertOptionKinds } from "./call-arguments.js";
import { GraphView } from "./graph-view.js";
import type { RevisionInfo } from "./revision-info.js";

export interface HeadsOptions extends ProjectOptions {
  /** As `alembic heads --resolve-dependencies`: only heads nothing depends on. */
  readonly resolveDependencies?: boolean;
}

const HEADS_KEYS: OptionKeys<HeadsOptions> = { ...PROJECT_KEYS, resolveDependencies: true };

export interface HeadsResult {
  /** In load order. */
  readonly heads: readonly RevisionInfo[];
}

/** The graph's heads, as `mig heads` shows them. */
export async function heads(options: HeadsOptions = {}): Promise<HeadsResult> {
  assertOptionKinds("heads", options, { resolveDependencies: ["boolean"] }, "heads()");
  assertKnownOptions("heads", options, HEADS_KEYS, "heads()");
  const { resolveDependencies, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const graph = GraphView.of(project);
  return { heads: graph.heads(resolveDependencies === true).map((i) => graph.info(i)) };
}
