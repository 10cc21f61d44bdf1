import { readFileSync } from "node:fs";
import type { Project } from "../config/project.js";
import { MigError } from "../errors/mig-error.js";
import type { Revision } from "../revision/revision.js";
import { ancestorSet } from "../revision/traversal.js";
import { ChecksumCache } from "../script/checksum-cache.js";
import { replacedIds } from "../script/replaces.js";
import { scriptChecksum } from "../script/script-checksum.js";
import type { Script } from "../script/script-info.js";
import type { AppliedEntry } from "./log-row.js";

/** An applied revision whose script is not what ran. */
export interface ChecksumMismatch {
  readonly revision: string;
  /** `changed`: the script was edited since it was applied; `missing`: no script defines it. */
  readonly kind: "changed" | "missing";
  /** The script file, for `changed`. */
  readonly path?: string;
  /** The checksum the log recorded when the revision was applied. */
  readonly applied: string | null;
  /** The script's checksum now, for `changed`. */
  readonly current?: string;
  /** When it was applied (ISO, UTC). */
  readonly appliedAt: string;
}

/**
 * Compares each applied revision's script with the checksum of its latest successful `up`
 * in the log. Applied means: in the version table's ancestry, or, for a revision no script
 * defines any more, applied by its latest successful log row, unless the version table no
 * longer holds it and a stamp came after that row (`stamp --purge`, the fix mig names for a
 * row whose script is gone, would otherwise leave the warning for good). Revisions the log never saw
 * (applied before it existed) are not checked. `checksums`: a cache the caller saves.
 */
export function findMismatches(
  project: Project,
  rows: readonly string[],
  entries: readonly AppliedEntry[],
  checksums?: ChecksumCache,
): ChecksumMismatch[] {
  // Oldest first, so the latest successful row per revision wins.
  const latest = new Map<string, AppliedEntry>();
  const at = new Map<AppliedEntry, number>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.success && entry.direction !== "stamp") latest.set(entry.revision, entry);
    at.set(entry, i);
  }
  // Entries are newest first: a stamp at a lower index came later.
  const lastStamp = entries.findIndex((e) => e.success && e.direction === "stamp");
  if (latest.size === 0) return [];
  const heads = rows
    .map((id) => project.map.revisions.get(id))
    .filter((r): r is Revision => r !== undefined);
  const applied = new Set<string>();
  for (const rev of ancestorSet(project.map, heads)) applied.add(rev.revision);
  const found: ChecksumMismatch[] = [];
  const cache = checksums ?? project.checksums ?? new ChecksumCache(project.locations);
  // A squash moved these scripts to squashed/ on purpose: not missing (docs/squash.md).
  const replaced = replacedIds(project.scripts);
  for (const [revision, entry] of latest) {
    if (entry.direction !== "up") continue;
    const script = project.scriptsById.get(revision);
    if (!script) {
      if (replaced.has(revision)) continue;
      if (!rows.includes(revision) && lastStamp >= 0 && lastStamp < at.get(entry)!) continue;
      found.push({
        revision,
        kind: "missing",
        applied: entry.checksum,
        appliedAt: entry.startedAt,
      });
      continue;
    }
    if (!applied.has(revision) || entry.checksum === null) continue;
    let current: string;
    try {
      current = cache.checksum(script);
    } catch {
      found.push({
        revision,
        kind: "missing",
        applied: entry.checksum,
        appliedAt: entry.startedAt,
      });
      continue;
    }
    if (current !== entry.checksum && !repointedBySquash(script, entry.checksum, replaced)) {
      found.push({
        revision,
        kind: "changed",
        path: script.path,
        applied: entry.checksum,
        current,
        appliedAt: entry.startedAt,
      });
    }
  }
  if (!checksums && !project.checksums) cache.save();
  return found;
}

/**
 * Whether the script differs from what ran only by `mig squash` re-pointing its down revision
 * from the run's last old id to the squashed revision: that is the squash, not an edit.
 */
function repointedBySquash(
  script: Script,
  applied: string,
  replaced: ReadonlyMap<string, Script>,
): boolean {
  for (const down of script.header.downRevisions) {
    const squash = [...replaced.values()].find((s) => s.header.revision === down);
    const last = squash?.header.replaces?.at(-1);
    if (!last) continue;
    const word = new RegExp(
      `(?<![\\w-])${down.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`,
      "g",
    );
    let text: string;
    try {
      text = readFileSync(script.path, "utf8");
    } catch {
      return false;
    }
    if (scriptChecksum(text.replace(word, last)) === applied) return true;
  }
  return false;
}

/** Names the revisions in one line: `a1b2 (edited), c3d4 (script missing)`. */
export function describeMismatches(found: readonly ChecksumMismatch[]): string {
  return found
    .map((m) => `${m.revision} (${m.kind === "changed" ? "edited" : "script missing"})`)
    .join(", ");
}

/** `mig up --strict` (or `onChecksumMismatch: "error"`) met an edited or missing applied script. */
export class ChecksumMismatchError extends MigError {
  readonly mismatches: readonly ChecksumMismatch[];

  constructor(mismatches: readonly ChecksumMismatch[]) {
    super(
      "checksum_mismatch",
      `Applied migration scripts differ from what ran: ${describeMismatches(mismatches)}. Nothing was run.`,
      {
        hint: "Restore the scripts as they were applied (see `mig log --verify`); to accept an edit, run `mig down` past it and `mig up` again, or run without --strict.",
      },
    );
    this.name = "ChecksumMismatchError";
    this.mismatches = mismatches;
  }
}
