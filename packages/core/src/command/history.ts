import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import { walkRevisions } from "../revision/plan.js";
import type { Revision } from "../revision/revision.js";
import type { RunEvents } from "../runtime/run-events.js";
import { assertKnownOptions, assertStringOption } from "./call-arguments.js";
import { GraphView } from "./graph-view.js";
import { type RevisionInfo, revisionInfo } from "./revision-info.js";

export interface HistoryOptions extends ProjectOptions {
  /** `start:end`, `start:` or `:end`, as `mig history -r`; either side may be `current`. */
  readonly range?: string;
  /** Read the database's rows to mark `(current)` revisions. */
  readonly indicateCurrent?: boolean;
  /** To hear which database is read, when it is. */
  readonly events?: RunEvents | undefined;
}

const HISTORY_KEYS: OptionKeys<HistoryOptions> = {
  ...PROJECT_KEYS,
  range: true,
  indicateCurrent: true,
  events: true,
};

export interface HistoryResult {
  /** Newest first, each once. */
  readonly revisions: readonly RevisionInfo[];
  /** The version table's rows; read only for `indicateCurrent` or a `current` range end. */
  readonly current: readonly string[];
}

function parseRange(range: string | undefined): { base: string; head: string } {
  if (range === undefined) return { base: "base", head: "heads" };
  const at = range.indexOf(":");
  if (at < 0) {
    throw new MigError("usage", "History range needs start:end, start: or :end.", {
      usage: true,
      hint: "For example: mig history -r ae10:head",
    });
  }
  return {
    base: range.slice(0, at).trim() || "base",
    head: range.slice(at + 1).trim() || "heads",
  };
}

/** The revisions between a range's ends, as `mig history` lists them. */
export async function history(options: HistoryOptions = {}): Promise<HistoryResult> {
  assertKnownOptions("history", options, HISTORY_KEYS, HISTORY_EXAMPLE);
  assertStringOption("history", options, "range", HISTORY_EXAMPLE, true);
  const { range, indicateCurrent, events, ...projectOptions } = options;
  const project = await openProject(projectOptions);
  const { base, head } = parseRange(range);
  const rows =
    indicateCurrent || base === "current" || head === "current"
      ? // Loaded only here: reading rows needs the session and driver code, listing does not.
        await (await import("./current.js")).readRows(project, events)
      : [];
  // `current` is every row; at base it falls back to the range's open end.
  const ends = (side: string, fallback: string) =>
    side === "current" ? (rows.length ? rows : [fallback]) : [side];
  const bases = ends(base, "base");
  const heads = ends(head, "heads");
  if (bases.length === 1 && bases[0] === "base" && heads.length === 1 && heads[0] === "heads") {
    // Everything: in the order a saved summary keeps, without building the graph.
    const graph = GraphView.of(project, true);
    return { revisions: graph.order.map((i) => graph.info(i)), current: rows };
  }
  // One walk lists each revision once; only several walks (a `current` end) can repeat one.
  const seen = bases.length * heads.length > 1 ? new Set<Revision>() : undefined;
  const revisions: RevisionInfo[] = [];
  for (const b of bases) {
    for (const h of heads) {
      for (const rev of walkRevisions(project.map, b, h)) {
        if (seen?.has(rev)) continue;
        seen?.add(rev);
        revisions.push(revisionInfo(project, rev));
      }
    }
  }
  return { revisions, current: rows };
}

const HISTORY_EXAMPLE = 'history({ range: "ae10:head" })';
