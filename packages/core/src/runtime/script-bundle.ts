import { readFileSync, statSync } from "node:fs";
import { Script } from "node:vm";
import { changeStamp } from "../script/change-stamp.js";
import { scriptChecksum } from "../script/script-checksum.js";
import { RACY_MS } from "../script/script-index-layout.js";
import { bundleEntryCode } from "./bundle-entry.js";
import { registerBundleLines } from "./bundle-lines.js";
import { type Found, findEntries } from "./bundle-match.js";
import type { ScriptRequire } from "./bundle-require.js";
import {
  type BundleEntry,
  entryHead,
  FIRST_LINE,
  FOOT,
  lineCount,
  readBundle,
  readCodeCache,
  type StoredBundle,
  writeBundle,
  writeCodeCache,
} from "./bundle-store.js";
import { directEntryCode, type RunDirection } from "./direct-entry.js";
import { type BundleFiles, readWhole } from "./read-whole.js";
import type { ScriptRef } from "./script-module.js";

// Below this many entries a bundle is compiled whole whatever the run needs of it.
const FEW = 200;

export interface BundledScript {
  /**
   * Runs the script's module body, filling `exports`: throws, or returns a promise when the
   * body awaits (a body without `await` is a plain function, done on return).
   */
  readonly run: (exports: Record<string, unknown>, require: ScriptRequire | undefined) => unknown;
  readonly requires: readonly string[];
  /** `run` is the run's migration function itself, not the module body (direct-entry.ts). */
  readonly direct: boolean;
}

type Stat = { readonly size: number; readonly changedMs: number };

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
  // The run's scripts in `needed` order, and for each its entry (undefined: none) and its
  // compiled function. A script is found at the position after the last one asked for (a
  // run asks in order), else by its own ScriptRef object (no path strings hashed).
  readonly #needed: readonly ScriptRef[];
  #next = 0;
  #index: Map<ScriptRef, number> | undefined;
  readonly #found: readonly (BundleEntry | undefined)[];
  readonly #runs: readonly (BundledScript["run"] | undefined)[];
  #cachedLoaded: number;

  private constructor(
    base: string,
    id: string,
    script: Script,
    needed: readonly ScriptRef[],
    found: readonly (BundleEntry | undefined)[],
    runs: readonly (BundledScript["run"] | undefined)[],
    cachedLoaded: number,
  ) {
    this.#base = base;
    this.#id = id;
    this.#script = script;
    this.#needed = needed;
    this.#found = found;
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
    let found = stored ? findEntries(stored.entries, needed) : undefined;
    const stale: ScriptRef[] = [];
    for (let k = 0; k < needed.length; k++) {
      const ref = needed[k]!;
      const entry = found?.entries[k];
      if (!entry || !sameStat(entry, statOf(ref))) stale.push(ref);
    }
    const fresh: BundleEntry[] = [];
    if (!stored || stale.length > 0) {
      const rebuilt = new Set(stale.map((ref) => ref.path));
      for (const ref of stale) fresh.push(await buildEntry(ref, direction));
      const wanted = keepOthers ? known() : new Map(needed.map((ref) => [ref.path, ref]));
      const kept = (stored?.entries ?? []).filter((e) => {
        const ref = wanted.get(e.path);
        return !rebuilt.has(e.path) && ref !== undefined && sameStat(e, statOf(ref));
      });
      stored = writeBundle(base, [...kept, ...fresh]);
      found = findEntries(stored.entries, needed);
    }
    const v8 = base === first ? await early : undefined;
    try {
      return ScriptBundle.#compile(
        base,
        stored,
        v8,
        needed,
        found ?? findEntries(stored.entries, needed),
      );
    } catch {
      // A syntax error the transpiler let through (V8 is stricter): those scripts load on
      // their own, which reports the error as for a lone script.
      const broken = new Set(fresh.filter((e) => !compiles(e)).map((e) => e.path));
      if (broken.size === 0) return undefined;
      const entries = stored.entries.map((e) =>
        broken.has(e.path) ? { ...e, code: undefined, lines: 0, requires: [], direct: false } : e,
      );
      try {
        const rewritten = writeBundle(base, entries);
        const refound = findEntries(rewritten.entries, needed);
        return ScriptBundle.#compile(base, rewritten, undefined, needed, refound);
      } catch {
        return undefined;
      }
    }
  }

  /** Compiles the bundle; `found` gives each of the `needed` scripts' entry (see findEntries). */
  static #compile(
    base: string,
    stored: StoredBundle,
    v8: Buffer | undefined,
    needed: readonly ScriptRef[],
    found: Found,
  ): ScriptBundle {
    const cache = readCodeCache(base, stored.id, v8);
    const script = new Script(stored.text, {
      filename: `${base}.js`,
      ...(cache ? { cachedData: cache.data } : {}),
    });
    const cachedLoaded = cache && !script.cachedDataRejected ? cache.loaded : -1;
    const fns = script.runInThisContext() as BundledScript["run"][];
    const all = stored.entries;
    // Each entry's function: the entries with code, in order, are the bundle's array.
    const fnAt = new Int32Array(all.length).fill(-1);
    let fn = 0;
    for (let i = 0; i < all.length; i++) if (all[i]!.code !== undefined) fnAt[i] = fn++;
    registerBundleLines(`${base}.js`, () => lineMapOf(all));
    const runs: (BundledScript["run"] | undefined)[] = [];
    for (let k = 0; k < needed.length; k++) {
      const at = found.at[k]!;
      runs.push(at < 0 || fnAt[at]! < 0 ? undefined : fns[fnAt[at]!]);
    }
    return new ScriptBundle(base, stored.id, script, needed, found.entries, runs, cachedLoaded);
  }

  /** The script's entry (`script`: one of the run's refs); undefined when it loads on its own. */
  entry(script: ScriptRef): BundledScript | undefined {
    const k = this.#at(script);
    if (k === undefined) return undefined;
    const run = this.#runs[k];
    const found = this.#found[k];
    return run && found && { run, requires: found.requires, direct: found.direct === true };
  }

  /** The checksum of a script this run needs, as read when its entry was built; else undefined. */
  checksum(script: ScriptRef): string | undefined {
    const k = this.#at(script);
    return k === undefined ? undefined : this.#found[k]?.checksum;
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

/** Where each entry with code starts in the bundle, for mapping a stack (bundle-lines.ts). */
function lineMapOf(all: readonly BundleEntry[]) {
  const starts: number[] = [];
  const counts: number[] = [];
  const paths: string[] = [];
  let line = FIRST_LINE;
  for (const entry of all) {
    if (entry.code === undefined) continue;
    starts.push(line + 1);
    counts.push(entry.lines);
    paths.push(entry.path);
    line += entry.lines + 2;
  }
  return { starts, counts, paths };
}

async function buildEntry(ref: ScriptRef, direction?: RunDirection): Promise<BundleEntry> {
  const stat = statOf(ref);
  const changedMs = stat.changedMs > Date.now() - RACY_MS ? -1 : stat.changedMs;
  let source: string;
  try {
    source = readFileSync(ref.path, "utf8");
  } catch {
    return {
      path: ref.path,
      size: stat.size,
      changedMs: -1,
      code: undefined,
      lines: 0,
      requires: [],
      checksum: undefined,
    };
  }
  const built = await bundleEntryCode(ref.path, source);
  const direct =
    built && direction && built.requires.length === 0
      ? directEntryCode(built.code, direction)
      : undefined;
  const code = direct ?? built?.code;
  return {
    path: ref.path,
    size: stat.size,
    changedMs,
    code,
    lines: code === undefined ? 0 : lineCount(code),
    direct: direct !== undefined,
    requires: built?.requires ?? [],
    checksum: scriptChecksum(source),
  };
}

function compiles(entry: BundleEntry): boolean {
  if (entry.code === undefined) return true;
  try {
    new Script(`"use strict";[${entryHead(entry)}${entry.code}${FOOT}]`);
    return true;
  } catch {
    return false;
  }
}

/** The stat the script's header was read with (else taken now). */
function statOf(ref: ScriptRef): Stat {
  if (ref.size !== undefined && ref.changedMs !== undefined) return ref as Stat;
  const stat = statSync(ref.path, { throwIfNoEntry: false });
  return stat ? { size: stat.size, changedMs: changeStamp(stat) } : { size: -1, changedMs: -1 };
}

function sameStat(entry: Stat, stat: Stat): boolean {
  return entry.changedMs >= 0 && entry.size === stat.size && entry.changedMs === stat.changedMs;
}
