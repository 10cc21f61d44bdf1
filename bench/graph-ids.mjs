// Revision ids in the graph benchmark: what each tool printed, and which one `show` asks for.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The revision ids a listing names (after a `->`, the last one), to check both tools did the same work. */
export function idsIn(stdout) {
  const ids = new Set();
  for (const line of stdout.split("\n")) {
    const last = line.includes("->") ? line.split("->").pop() : line;
    const m = /\b([0-9a-f]{12})\b/.exec(last);
    if (m) ids.add(m[1]);
  }
  return ids;
}

export const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

/** The id of the revision in the middle of a project's script files (`<index>_<id>_<slug>.ts`). */
export function middleRevision(p) {
  const files = readdirSync(join(p.migDir, "migrations")).sort();
  return files[Math.floor(files.length / 2)].split("_")[1];
}
