import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { migVersion } from "./mig-version.js";
import type { IndexedHeaders } from "./script-directory.js";
import { hash } from "./script-index-layout.js";

// Bump when what a fact means changes; facts worked out by another version of mig are
// ignored too.
const FORMAT = 1;

// A few databases (dev, test, a fleet's targets) share one project; the oldest fact goes first.
const MAX_FACTS = 32;

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

  constructor(indexed: IndexedHeaders) {
    this.#file = join(indexed.cacheDir, `graph-${hash(indexed.dirs)}.json`);
    this.#key = indexed.key;
    this.#dirs = indexed.dirs;
    try {
      const memo = JSON.parse(readFileSync(this.#file, "utf8"));
      if (memo?.version === version() && memo.dirs === indexed.dirs && memo.key === this.#key) {
        for (const fact of memo.facts) if (typeof fact === "string") this.#facts.push(fact);
      }
    } catch {
      // missing or unreadable: nothing known yet
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
    const temp = `${this.#file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const text = JSON.stringify({
      version: version(),
      dirs: this.#dirs,
      key: this.#key,
      facts: this.#facts,
    });
    try {
      mkdirSync(join(this.#file, ".."), { recursive: true });
      writeFileSync(temp, text);
      renameSync(temp, this.#file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

const version = () => `${FORMAT} ${migVersion()}`;

/** The fact that `rows` (any order) name revisions of the graph. */
export const rowsKnown = (rows: readonly string[]): string => `known ${[...rows].sort().join(",")}`;

/** The fact that a `command` to `target` from `rows` has no step to run. */
export const nothingToRun = (command: string, target: string, rows: readonly string[]): string =>
  `${command} ${target} ${[...rows].sort().join(",")}`;
