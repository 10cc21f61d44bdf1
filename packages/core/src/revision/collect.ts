import type { StepCommand } from "./relative-errors.js";
import { BASE, getRevision, getRevisions, resolveBranch } from "./resolve.js";
import type { Revision } from "./revision.js";
import {
  OverlappingTargetsError,
  RangeNotAncestorError,
  RevisionError,
} from "./revision-errors.js";
import type { RevisionMap } from "./revision-map.js";
import { parseDowngradeTarget, parseUpgradeTarget } from "./targets.js";
import { ancestorSet, descendantSet } from "./traversal.js";

export interface CollectOptions {
  readonly inclusive?: boolean;
  readonly implicitBase?: boolean;
  readonly assertRelativeLength?: boolean;
  /** Which command the target is for, so a bad relative step is explained in its terms. */
  readonly command?: StepCommand;
}

export interface Collected {
  readonly revisions: Set<Revision>;
  readonly heads: readonly Revision[];
}

const asList = (v: string | readonly string[] | null): string[] =>
  v === null ? [] : typeof v === "string" ? [v] : [...v];

/** What must be applied to go from `lower` (current rows or an identifier) up to `upper`. */
export function collectUpgrade(
  map: RevisionMap,
  upper: string,
  lower: string | readonly string[] | null,
  {
    inclusive = false,
    implicitBase = false,
    assertRelativeLength = true,
    command,
  }: CollectOptions = {},
): Collected {
  let targets = parseUpgradeTarget(map, lower, upper, assertRelativeLength, command);
  if (typeof lower === "string" && lower.includes("@")) {
    let branch = lower.slice(0, lower.indexOf("@"));
    const branchRev = getRevision(map, branch);
    if (branchRev !== null && branchRev.revision === branch) {
      // A revision id was used as a label: use the branch it is on.
      if (branchRev.branchLabels.size !== 1) {
        throw new RevisionError(
          "ambiguous_branch",
          `Revision ${branch} is on ${branchRev.branchLabels.size === 0 ? "no" : "several"} named branches.`,
          "Use a branch label before '@'.",
          { usage: true },
        );
      }
      branch = [...branchRev.branchLabels][0]!;
    }
    targets = targets.filter((t) => t.branchLabels.has(branch));
  }
  const required = ancestorSet(map, targets, { check: true });
  for (const t of targets) required.add(t);

  let current = getRevisions(map, asList(lower));
  if (!implicitBase && current.some((r) => r !== null && r !== BASE && !required.has(r))) {
    throw new RangeNotAncestorError(asList(lower).join(", "), upper);
  }
  if (current.length > 0 && current[0] === null && typeof lower === "string") {
    // A relative lower bound (`-2:`) that walked past the base.
    const { target } = parseDowngradeTarget(map, [upper], lower, assertRelativeLength, command);
    current = target === null || target === BASE ? [] : [target];
    lower = target === null || target === BASE ? null : target.revision;
  }
  const currentRevs = current.filter((r): r is Revision => r !== null && r !== BASE);
  const applied = ofRows(() => ancestorSet(map, currentRevs, { check: true }));
  for (const r of currentRevs) applied.add(r);
  // From base nothing is applied: what is required is what is needed, no copy.
  const needs =
    applied.size === 0 ? required : new Set([...required].filter((r) => !applied.has(r)));
  if (inclusive) for (const r of currentRevs) needs.add(r);
  if (currentRevs.length > 0 && !implicitBase) {
    const below = ofRows(() =>
      descendantSet(map, currentRevs, { dependencies: false, check: true }),
    );
    for (const r of needs) if (!below.has(r)) needs.delete(r);
  }
  return { revisions: needs, heads: targets };
}

/** What must be undone to go from `upper` (current rows) down to `target`. */
export function collectDowngrade(
  map: RevisionMap,
  upper: string | readonly string[],
  target: string | null,
  {
    inclusive = false,
    implicitBase = false,
    assertRelativeLength = true,
    command,
  }: CollectOptions = {},
): Collected {
  const parsed = parseDowngradeTarget(map, asList(upper), target, assertRelativeLength, command);
  const destination = parsed.target === BASE ? null : parsed.target;
  let roots: Revision[];
  if (destination === null) {
    roots = [...map.revisions.values()].filter((r) => r.isBase);
  } else if (inclusive) {
    roots = [destination];
  } else {
    roots = destination.nextRevisions.map((id) => map.rev(id));
  }
  if (parsed.label !== null && roots.length > 1) {
    const line = ancestorSet(map, [resolveBranch(map, parsed.label)], { dependencies: false });
    roots = roots.filter((r) => line.has(r));
    if (roots.length === 0) {
      throw new RevisionError(
        "invalid_downgrade_target",
        `${target} is not a valid downgrade target from the current heads.`,
        "Check `mig current` and `mig history`.",
        { usage: true },
      );
    }
  }
  const heads = getRevisions(map, asList(upper)).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  const active = ancestorSet(map, heads);
  const drop = new Set([...descendantSet(map, roots)].filter((r) => active.has(r)));
  if (implicitBase) {
    const kept = ancestorSet(map, roots);
    for (const r of active) if (!kept.has(r)) drop.add(r);
  }
  if (destination !== null && drop.size === 0 && !heads.includes(destination)) {
    throw new RevisionError(
      "invalid_downgrade_target",
      `${target} is not a valid downgrade target from the current heads (${asList(upper).join(", ") || "none"}).`,
      "Check `mig current` and `mig history`.",
      { usage: true },
    );
  }
  return { revisions: drop, heads };
}

/** A walk from the current revisions: an overlap among them is the version table's, said so. */
function ofRows<T>(walk: () => T): T {
  try {
    return walk();
  } catch (error) {
    if (error instanceof OverlappingTargetsError) {
      throw new OverlappingTargetsError(error.target, error.others, true);
    }
    throw error;
  }
}
