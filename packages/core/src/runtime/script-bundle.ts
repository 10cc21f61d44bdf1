import { Script } from "node:vm";
import { buildEntry, compiles, sameStat, statOf } from "./build-entry.js";
import { registerBundleLines } from "./bundle-lines.js";
import type { BundleManifest } from "./bundle-manifest.js";
import { findEntries } from "./bundle-match.js";
import type { ScriptRequire } from "./bundle-require.js";
import {
  type BundleEntry,
  FIRST_LINE,
  readBundle,
  readCodeCache,
  type StoredBundle,
  writeBundle,
  writeCodeCache,
} from "./bundle-store.js";
import type { RunDirection } from "./direct-entry.js";
import { type BundleFiles, readWhole } from "./read-whole.js";
import type { MigrationFn, ScriptRef } from "./script-module.js";

// Below this many entries a bundle is compiled whole whatever the run needs of it.
const FEW = 200;

/** A module body: runs the script's top level, filling `exports`. */
type ModuleBody = (exports: Record<string, unknown>, require: ScriptRequire | undefined) => unknown;

/**
 * A script's bundle entry: its module body, or (direct) the run's migration function itself
 * (direct-entry.ts).
 */
export type BundledScript =
  | {
      /**
       * Runs the script's module body, filling `exports`: throws, or returns a promise when the
       * body awaits (a body without `await` is a plain function, done on return).
       */
      readonly run: ModuleBody;
      readonly requires: readonly string[];
      readonly direct: false;
    }
  | { readonly run: MigrationFn; readonly requires: readonly string[]; readonly direct: true };

/**
 * A run's TypeScript scripts compiled as one unit: one file of function bodies, compiled
 * once with V8's code cache, instead of one ES module load per script. An entry is used only
 * while its file's size and change time are those it was built from; a changed, added or missing
 * entry is transpiled again (content-cached) and the bundle rewritten. Scripts a function
 * body cannot stand in for have no entry and load on their own.
 */
export class ScriptBundle {
  readonly #base: string;
  readonly #id: string;
  readonly #script: Script;
  // The run's scripts in `needed` order, and for each its entry's position in the manifest
  // (-1: none) and its compiled function. A script is found at the position after the last
  // one asked for (a run asks in order), else by its own ScriptRef object (no path strings
  // hashed).
  readonly #needed: readonly ScriptRef[];
  #next = 0;
  #index: Map<ScriptRef, number> | undefined;
  readonly #manifest: BundleManifest;
  readonly #entryAt: Int32Array;
  readonly #runs: readonly (ModuleBody | undefined)[];
  #cachedLoaded: number;

  private constructor(
    base: string,
    id: string,
    script: Script,
    needed: readonly ScriptRef[],
    manifest: BundleManifest,
    at: Int32Array,
    runs: readonly (ModuleBody | undefined)[],
    cachedLoaded: number,
  ) {
    this.#base = base;
    this.#id = id;
    this.#script = script;
    this.#needed = needed;
    this.#manifest = manifest;
    this.#entryAt = at;
    this.#runs = runs;
    this.#cachedLoaded = cachedLoaded;
  }

  /**
   * The bundle at `base` holding `needed`, built or brought up to date; `known` gives all the
   * project's scripts by path (entries for other scripts are kept while their files are unchanged).
   * `files`: the files at `base`, being read already (read-whole.ts); else read here.
   * `direction`: the one function every script of the run calls, where there is one: the
   * bundle's entries are then that function alone where they can be (direct-entry.ts).
   */
  static async open(
    base: string,
    needed: readonly ScriptRef[],
    known: () => ReadonlyMap<string, ScriptRef>,
    files?: BundleFiles,
    direction?: RunDirection,
  ): Promise<ScriptBundle | undefined> {
    // The code cache (megabytes) is read meanwhile, off the main thread.
    const early = files?.v8 ?? readWhole(`${base}.v8`);
    const first = base;
    const read = files && { json: await files.json, js: await files.js };
    // A run of a few scripts (a deploy's new migrations) in a large project: a bundle of
    // just those, rather than compiling thousands of entries it will not run.
    let stored = readBundle(base, Math.max(FEW, needed.length * 4), read);
    let keepOthers = true;
    if (stored === "large") {
      base = `${base}-few`;
      stored = readBundle(base);
      keepOthers = false;
    }
    if (stored === "large") stored = undefined;
    let found = stored ? findEntries(stored.manifest, needed) : undefined;
    const stale = stored && found ? staleOf(stored.manifest, found, needed) : [...needed];
    const fresh: BundleEntry[] = [];
    if (!stored || stale.length > 0) {
      const rebuilt = new Set(stale.map((ref) => ref.path));
      for (const ref of stale) fresh.push(await buildEntry(ref, direction));
      const wanted = keepOthers ? known() : new Map(needed.map((ref) => [ref.path, ref]));
      const kept = (stored?.manifest.entries() ?? []).filter((e) => {
        const ref = wanted.get(e.path);
        return !rebuilt.has(e.path) && ref !== undefined && sameStat(e, statOf(ref));
      });
      stored = writeBundle(base, [...kept, ...fresh]);
      found = findEntries(stored.manifest, needed);
    }
    const v8 = base === first ? await early : undefined;
    try {
      return ScriptBundle.#compile(
        base,
        stored,
        v8,
        needed,
        found ?? findEntries(stored.manifest, needed),
      );
    } catch {
      // A syntax error the transpiler let through (V8 is stricter): those scripts load on
      // their own, which reports the error as for a lone script.
      const broken = new Set(fresh.filter((e) => !compiles(e)).map((e) => e.path));
      if (broken.size === 0) return undefined;
      const entries = stored.manifest
        .entries()
        .map((e) =>
          broken.has(e.path) ? { ...e, code: undefined, lines: 0, requires: [], direct: false } : e,
        );
      try {
        const rewritten = writeBundle(base, entries);
        const refound = findEntries(rewritten.manifest, needed);
        return ScriptBundle.#compile(base, rewritten, undefined, needed, refound);
      } catch {
        return undefined;
      }
    }
  }

  /** Compiles the bundle; `at` gives each of the `needed` scripts' entry (see findEntries). */
  static #compile(
    base: string,
    stored: StoredBundle,
    v8: Buffer | undefined,
    needed: readonly ScriptRef[],
    at: Int32Array,
  ): ScriptBundle {
    const cache = readCodeCache(base, stored.id, v8);
    const script = new Script(stored.text, {
      filename: `${base}.js`,
      ...(cache ? { cachedData: cache.data } : {}),
    });
    const cachedLoaded = cache && !script.cachedDataRejected ? cache.loaded : -1;
    const fns = script.runInThisContext() as ModuleBody[];
    const { manifest } = stored;
    registerBundleLines(`${base}.js`, () => lineMapOf(manifest));
    const runs: (ModuleBody | undefined)[] = [];
    for (let k = 0; k < needed.length; k++) {
      // The entries with code, in order, are the bundle's array.
      const fn = at[k]! < 0 ? -1 : manifest.fn(at[k]!);
      runs.push(fn < 0 ? undefined : fns[fn]);
    }
    return new ScriptBundle(base, stored.id, script, needed, manifest, at, runs, cachedLoaded);
  }

  /** The run's scripts that load on their own (no entry), without moving the lookup cursor. */
  unbundled(): ScriptRef[] {
    const out: ScriptRef[] = [];
    for (let k = 0; k < this.#needed.length; k++) {
      if (!this.#runs[k]) out.push(this.#needed[k]!);
    }
    return out;
  }

  /** The script's entry (`script`: one of the run's refs); undefined when it loads on its own. */
  entry(script: ScriptRef): BundledScript | undefined {
    const k = this.#at(script);
    if (k === undefined) return undefined;
    const run = this.#runs[k];
    if (!run) return undefined;
    const at = this.#entryAt[k]!;
    const requires = this.#manifest.requires(at);
    // Compiled from the entry's code: a migration function where the entry is direct.
    return this.#manifest.direct(at)
      ? { run: run as unknown as MigrationFn, requires, direct: true }
      : { run, requires, direct: false };
  }

  /** The checksum of a script this run needs, as read when its entry was built; else undefined. */
  checksum(script: ScriptRef): string | undefined {
    const k = this.#at(script);
    const at = k === undefined ? -1 : this.#entryAt[k]!;
    return at < 0 ? undefined : this.#manifest.checksum(at);
  }

  /** The script's position in `needed`; undefined when the run does not need it. */
  #at(script: ScriptRef): number | undefined {
    const needed = this.#needed;
    let k = this.#next;
    if (needed[k] !== script && needed[++k] !== script) {
      if (!this.#index) {
        this.#index = new Map();
        for (let i = 0; i < needed.length; i++) this.#index.set(needed[i]!, i);
      }
      const found = this.#index.get(script);
      if (found === undefined) return undefined;
      k = found;
    }
    this.#next = k;
    return k;
  }

  /**
   * Stores V8's code cache once `loaded` entries have run, so the functions compiled lazily
   * in this run are in it; only when it holds more than the stored one.
   */
  saveCodeCache(loaded: number): void {
    if (loaded <= this.#cachedLoaded) return;
    this.#cachedLoaded = loaded;
    writeCodeCache(this.#base, this.#id, loaded, this.#script.createCachedData());
  }
}

/**
 * The refs whose entry (at `at`) is missing or was built from another state of their file.
 * Not in the async `open`: V8 optimizes a loop of an async function only across calls.
 */
function staleOf(manifest: BundleManifest, at: Int32Array, needed: readonly ScriptRef[]) {
  const stale: ScriptRef[] = [];
  for (let k = 0; k < needed.length; k++) {
    const ref = needed[k]!;
    if (at[k]! < 0 || !manifest.sameStat(at[k]!, statOf(ref))) stale.push(ref);
  }
  return stale;
}

/** Where each entry with code starts in the bundle, for mapping a stack (bundle-lines.ts). */
function lineMapOf(manifest: BundleManifest) {
  const starts: number[] = [];
  const counts: number[] = [];
  const paths: string[] = [];
  let line = FIRST_LINE;
  for (let i = 0; i < manifest.count; i++) {
    if (manifest.fn(i) < 0) continue;
    const lines = manifest.lines(i);
    starts.push(line + 1);
    counts.push(lines);
    paths.push(manifest.path(i));
    line += lines + 2;
  }
  return { starts, counts, paths };
}
