import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readCacheFile } from "./cache-use.js";
import { migVersion } from "./mig-version.js";
import type { IndexedHeaders } from "./script-directory.js";
import { hash } from "./script-index-layout.js";

// Bump when what a fact means changes; facts worked out by another version of mig are
// ignored too.
const FORMAT = 1;

// A few databases (dev, test, a fleet's targets) share one project; the oldest fact goes first.
const MAX_FACTS = 32;
// Values are larger (what `mig current` prints for some rows): fewer are kept.
const MAX_VALUES = 8;

/**
 * Facts about a project's revision graph that earlier runs worked out (such as "an `up` to
 * `head` from these version rows has nothing to do"), kept in one small file under the key
 * of the script indexes the graph was built from. The same key means the same headers in
 * the same order (any changed, added or removed script rewrites its location's index with a
 * new generation), so the same graph: a fact holds until the key changes, and a run that
 * finds it need not build the graph to know it. Facts are only recorded after the graph was
 * built without error. Reading and saving are best-effort, saving atomic.
 */
export class GraphMemo {
  readonly #file: string;
  readonly #key: string;
  readonly #dirs: string;
  readonly #facts: string[] = [];
  #values: [name: string, value: string][] | undefined;

  constructor(indexed: IndexedHeaders) {
    this.#file = join(indexed.cacheDir, `graph-${hash(indexed.dirs)}.json`);
    this.#key = indexed.key;
    this.#dirs = indexed.dirs;
    const memo = this.#read(this.#file);
    for (const fact of memo?.facts ?? []) if (typeof fact === "string") this.#facts.push(fact);
  }

  // A file written under another key or version of mig holds nothing for this run.
  #read(file: string): { facts?: unknown[]; values?: unknown[]; data?: unknown } | undefined {
    try {
      const memo = JSON.parse(readCacheFile(file, "utf8"));
      const valid =
        memo?.version === version() && memo.dirs === this.#dirs && memo.key === this.#key;
      return valid ? memo : undefined;
    } catch {
      return undefined; // missing or unreadable: nothing known yet
    }
  }

  /** Whether the graph was built without error under this key before. */
  get built(): boolean {
    return this.#facts.length > 0;
  }

  has(fact: string): boolean {
    return this.#facts.includes(fact);
  }

  /** Records facts, in one write. */
  add(...facts: string[]): void {
    const added = facts.filter((fact) => !this.has(fact));
    if (added.length === 0) return;
    this.#facts.push(...added);
    if (this.#facts.length > MAX_FACTS) this.#facts.splice(0, this.#facts.length - MAX_FACTS);
    this.#write(this.#file, { facts: this.#facts });
  }

  // Values live in a file of their own, read on first use: a no-op `up` reads only the facts.
  get #valuesFile(): string {
    return this.#beside("values");
  }

  // graph-<hash>.<name>.json, beside the facts.
  #beside(name: string): string {
    return this.#file.replace(/\.json$/, `.${name}.json`);
  }

  #loadValues(): [string, string][] {
    if (this.#values === undefined) {
      this.#values = [];
      for (const entry of this.#read(this.#valuesFile)?.values ?? []) {
        if (Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "string")
          this.#values.push([entry[0], entry[1]]);
      }
    }
    return this.#values;
  }

  /** A value recorded under `name` for this graph (facts that carry data), if any. */
  value(name: string): string | undefined {
    return this.#loadValues().find((entry) => entry[0] === name)?.[1];
  }

  /** Records a value; like facts, only once the graph was built without error. */
  setValue(name: string, value: string): void {
    const values = this.#loadValues().filter((entry) => entry[0] !== name);
    values.push([name, value]);
    if (values.length > MAX_VALUES) values.splice(0, values.length - MAX_VALUES);
    this.#values = values;
    this.#write(this.#valuesFile, { values });
  }

  /**
   * Data worked out from the graph (such as its heads and children, graph-summary.ts), kept
   * in a file of its own under `name`; undefined when none was saved under this key.
   */
  derived(name: string): unknown {
    return this.#read(this.#beside(name))?.data;
  }

  /** Saves `data` under `name`; like facts, only once the graph was built without error. */
  saveDerived(name: string, data: unknown): void {
    this.#write(this.#beside(name), { data });
  }

  #write(file: string, content: object): void {
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const text = JSON.stringify({
      version: version(),
      dirs: this.#dirs,
      key: this.#key,
      ...content,
    });
    try {
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(temp, text);
      renameSync(temp, file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

const version = () => `${FORMAT} ${migVersion()}`;

/** The fact that the graph was built without error, which is what `built` asks. */
export const GRAPH_BUILT = "built";

/** The fact that `rows` (any order) name revisions of the graph. */
export const rowsKnown = (rows: readonly string[]): string => `known ${[...rows].sort().join(",")}`;

/** The fact that a `command` to `target` from `rows` has no step to run. */
export const nothingToRun = (command: string, target: string, rows: readonly string[]): string =>
  `${command} ${target} ${[...rows].sort().join(",")}`;
