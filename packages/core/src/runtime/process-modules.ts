import type { ScriptModule, ScriptRef } from "./script-module.js";

/**
 * Modules already run in this process, while their file is unchanged: a script's top level
 * runs once per process, as an ES module's would, whichever run or project loads it again.
 */

/** Projects are told apart by their scripts map (one per opened project). */
type Project = ReadonlyMap<string, ScriptRef>;

/** The modules a project's scripts ran as, by their ScriptRef objects. */
type Ran = Map<ScriptRef, ScriptModule>;

// The same ScriptRef again (a run's second load, a fleet's targets sharing one project):
// found by identity, no path hashed. One weak entry per project, not per script: a weak
// map's entries cost every garbage collection extra work, and a run adds thousands.
const byProject = new WeakMap<Project, Ran>();
// Another project's ScriptRef for the same file: found by path. Filled only once a second
// project looks: a run of 10,000 scripts in a process that opens one project (the CLI)
// hashes no path, each of which is a fresh concatenation to flatten (tens of ms).
const byPath = new Map<string, { readonly ref: ScriptRef; readonly module: ScriptModule }>();
// Not in byPath yet: each script and its module, flat, in the order they ran.
const unindexed: (ScriptRef | ScriptModule)[] = [];
const unindexedFrom = new Set<Project>();
let lastFrom: Project | undefined;

/** The module `script` of project `from` already ran as, while its file is unchanged. */
export function ranModule(script: ScriptRef, from: Project): ScriptModule | undefined {
  const module = byProject.get(from)?.get(script);
  if (module) return module;
  const ran = byPathOf(script, from);
  return ran && ran.ref.size === script.size && ran.ref.changedMs === script.changedMs
    ? ran.module
    : undefined;
}

/**
 * Remembers that `script` of project `from` ran as `module`, from the file as its size and
 * change time say (the caller remembers only a settled one).
 */
export function rememberModule(script: ScriptRef, from: Project, module: ScriptModule): void {
  let ran = byProject.get(from);
  if (!ran) {
    ran = new Map();
    byProject.set(from, ran);
  }
  ran.set(script, module);
  unindexed.push(script, module);
  if (from !== lastFrom) unindexedFrom.add(from);
  lastFrom = from;
}

function byPathOf(script: ScriptRef, from: Project) {
  const others = unindexedFrom.size > 1 || (unindexedFrom.size === 1 && !unindexedFrom.has(from));
  if (others) {
    for (let i = 0; i < unindexed.length; i += 2) {
      const ref = unindexed[i] as ScriptRef;
      byPath.set(ref.path, { ref, module: unindexed[i + 1] as ScriptModule });
    }
    unindexed.length = 0;
    unindexedFrom.clear();
    lastFrom = undefined;
  }
  return byPath.size === 0 ? undefined : byPath.get(script.path);
}
