import type { Project } from "../config/project.js";
import { planUpgrade, type RevisionStep } from "../revision/plan.js";

// The graph memo's derived data (graph-memo.ts) holding the last offline plan.
const NAME = "upgrade-plan";

interface StoredPlan {
  readonly from: string | readonly string[] | null;
  readonly target: string;
  readonly revisions: readonly string[];
}

/**
 * An `up --sql` plan, kept in the project's graph memo: the same graph (the memo's key), start
 * and target give the same steps, so a later run plans without building the graph (tens of
 * ms at 10,000 revisions; the run then moves its rows by the scripts' headers). One plan is
 * kept, the last one worked out.
 */
export function plannedUpgrade(
  project: Project,
  from: string | readonly string[] | null,
  target: string,
): RevisionStep[] {
  const memo = project.memo;
  const stored = memo?.derived(NAME) as StoredPlan | undefined;
  if (stored && sameStart(stored.from, from) && stored.target === target) {
    const steps = stepsOf(project, stored.revisions);
    if (steps) return steps;
  }
  const steps = planUpgrade(project.map, from, target);
  memo?.saveDerived(NAME, {
    from,
    target,
    revisions: steps.map((step) => step.revision),
  } satisfies StoredPlan);
  return steps;
}

function sameStart(stored: unknown, from: string | readonly string[] | null): boolean {
  if (typeof from === "string" || from === null) return stored === from;
  return (
    Array.isArray(stored) &&
    stored.length === from.length &&
    stored.every((row, i) => row === from[i])
  );
}

/** The stored ids as steps; undefined when the file does not name this project's scripts. */
function stepsOf(project: Project, revisions: unknown): RevisionStep[] | undefined {
  if (!Array.isArray(revisions)) return undefined;
  const scripts = project.scriptsById;
  const steps: RevisionStep[] = [];
  // Indexed: this runs once per revision before its code is optimized.
  for (let i = 0; i < revisions.length; i++) {
    const revision: unknown = revisions[i];
    const script = typeof revision === "string" ? scripts.get(revision) : undefined;
    if (script === undefined) return undefined;
    // The header's own id: the run's many lookups by it then hash no new string.
    steps.push({ kind: "revision", revision: script.header.revision, direction: "up" });
  }
  return steps;
}
