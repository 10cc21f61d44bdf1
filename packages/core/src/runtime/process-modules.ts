import type { ScriptModule, ScriptRef } from "./script-module.js";

/**
 * Modules already run in this process, while their file is unchanged: a script's top level
 * runs once per process, as an ES module's would, whichever run or project loads it again.
 */
interface Ran {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly module: ScriptModule;
}

/** Projects are told apart by their scripts map (one per opened project). */
type Project = ReadonlyMap<string, ScriptRef>;

// The same ScriptRef again (a run's second load, a fleet's targets sharing one project):
// found by identity, no path hashed.
const byRef = new WeakMap<ScriptRef, Ran>();
// Another project's ScriptRef for the same file: found by path. Filled only once a second
// project looks: a run of 10,000 scripts in a process that opens one project (the CLI)
// hashes no path, each of which is a fresh concatenation to flatten (tens of ms).
const byPath = new Map<string, Ran>();
const unindexed: Ran[] = [];
const unindexedFrom = new Set<Project>();

/** The module `script` of project `from` already ran as, while its file is unchanged. */
export function ranModule(script: ScriptRef, from: Project): ScriptModule | undefined {
  const ran = byRef.get(script) ?? byPathOf(script, from);
  return ran && ran.size === script.size && ran.mtimeMs === script.mtimeMs ? ran.module : undefined;
}

/** Remembers that `script` of project `from`, with its settled `stat`, ran as `module`. */
export function rememberModule(
  script: ScriptRef,
  stat: { readonly size: number; readonly mtimeMs: number },
  from: Project,
  module: ScriptModule,
): void {
  const ran: Ran = { path: script.path, size: stat.size, mtimeMs: stat.mtimeMs, module };
  byRef.set(script, ran);
  unindexed.push(ran);
  unindexedFrom.add(from);
}

function byPathOf(script: ScriptRef, from: Project): Ran | undefined {
  const others = unindexedFrom.size > 1 || (unindexedFrom.size === 1 && !unindexedFrom.has(from));
  if (others) {
    for (const ran of unindexed) byPath.set(ran.path, ran);
    unindexed.length = 0;
    unindexedFrom.clear();
  }
  return byPath.size === 0 ? undefined : byPath.get(script.path);
}
