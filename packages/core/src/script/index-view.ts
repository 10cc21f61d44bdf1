import { constants } from "node:fs";
import type { RevisionHeader } from "../revision/revision-header.js";
import { LINK, type Listing } from "./list-script-files.js";
import {
  type DecodedIndex,
  HAS_HEADER,
  HAS_TRANSACTIONAL,
  KIND,
  REPLACES_SHIFT,
  TRANSACTIONAL,
} from "./script-index-layout.js";
import type { ScriptInfo } from "./script-info.js";

const EMPTY: readonly string[] = Object.freeze([]);
const { S_IFMT, S_IFREG } = constants;

/** What `holds` reads of an lstat: `fs.Stats` has it. */
export interface FileStat {
  readonly mode: number;
  readonly size: number;
  readonly changedMs: number;
}

/**
 * An index file's entries as read, viewed in place (script-index-layout.ts): each entry's
 * name, kind, size and change time, and its header decoded only when asked for. Read-only; what a
 * run saw is recorded by ScriptIndex.
 */
export class IndexView {
  readonly count: number;
  readonly dirChangedMs: number;
  readonly generation: number | undefined;
  readonly #nums: Float64Array<ArrayBufferLike>; // size, changedMs per entry
  readonly #meta: Uint32Array<ArrayBufferLike>; // flags, down count, label count, dependency count per entry
  readonly #starts: Uint32Array; // per entry: its first string's index in #lengths
  readonly #offsets: Uint32Array; // per entry: where its first string starts in #text
  readonly #lengths: Uint32Array<ArrayBufferLike>;
  readonly #text: string;
  // The names as strings, once `listing` made them: compared by identity afterwards.
  #names: string[] | undefined;
  #byName: Map<string, number> | undefined;
  #s = 0; // #decode's cursor: the next string's index in #lengths, and its start in #text
  #at = 0;
  #previous = ""; // the id #decode read last

  /** A view of `read`, or of no entries. */
  constructor(read: DecodedIndex | undefined) {
    this.count = read?.count ?? 0;
    this.dirChangedMs = read?.dirChangedMs ?? Number.NaN;
    this.generation = read?.generation;
    this.#nums = read?.nums ?? new Float64Array(0);
    this.#meta = read?.meta ?? new Uint32Array(0);
    this.#starts = read?.starts ?? new Uint32Array(0);
    this.#offsets = read?.offsets ?? new Uint32Array(0);
    this.#lengths = read?.lengths ?? new Uint32Array(0);
    this.#text = read?.text ?? "";
  }

  /** The `k`th entry's flags: its FileKind in the low bits, HAS_HEADER and the rest above. */
  flags(k: number): number {
    return this.#meta[k * 4]!;
  }

  size(k: number): number {
    return this.#nums[k * 2]!;
  }

  changedMs(k: number): number {
    return this.#nums[k * 2 + 1]!;
  }

  name(k: number): string {
    const names = this.#names;
    if (names !== undefined) return names[k]!;
    const at = this.#offsets[k]!;
    return this.#text.slice(at, at + this.#lengths[this.#starts[k]!]!);
  }

  /**
   * Whether every entry still holds: it has a header and `stat` (an lstat of the directory
   * `prefix` names, plus the entry's name) finds a regular file of the stored size and change time.
   * One loop over the arrays, no call per field: it runs 10,000 times on every command.
   */
  holds(prefix: string, stat: (path: string) => FileStat | undefined): boolean {
    const meta = this.#meta;
    const nums = this.#nums;
    for (let k = 0; k < this.count; k++) {
      if ((meta[k * 4]! & (LINK | HAS_HEADER)) !== HAS_HEADER) return false;
      const found = stat(prefix + this.name(k));
      if (
        found === undefined ||
        (found.mode & S_IFMT) !== S_IFREG ||
        found.size !== nums[k * 2] ||
        found.changedMs !== nums[k * 2 + 1]
      )
        return false;
    }
    return true;
  }

  /** The revision id of an entry with a header, without decoding the rest of it. */
  revision(k: number): string {
    const s = this.#starts[k]!;
    const at = this.#offsets[k]! + this.#lengths[s]!;
    return this.#text.slice(at, at + this.#lengths[s + 1]!);
  }

  /** Whether entry `k` (with a header) has revision id `id`: compared in place, no copy made. */
  hasRevision(k: number, id: string): boolean {
    const s = this.#starts[k]!;
    return (
      this.#lengths[s + 1] === id.length &&
      this.#text.startsWith(id, this.#offsets[k]! + this.#lengths[s]!)
    );
  }

  /** The stored listing (whether it still holds is the caller's to check, by `dirChangedMs`). */
  listing(): Listing {
    const names: string[] = new Array(this.count);
    const kinds = new Uint8Array(this.count);
    for (let k = 0; k < this.count; k++) {
      names[k] = this.name(k);
      kinds[k] = this.#meta[k * 4]! & KIND;
    }
    this.#names = names;
    return { names, kinds };
  }

  /** The entry named `name`; files usually come in stored order, so `hint` is usually it. */
  find(name: string, hint: number): number | undefined {
    if (hint < this.count && this.name(hint) === name) return hint;
    if (this.#byName === undefined) {
      this.#byName = new Map();
      for (let k = 0; k < this.count; k++) this.#byName.set(this.name(k), k);
    }
    return this.#byName.get(name);
  }

  /** The header stored for entry `k`, which must have one (HAS_HEADER). */
  info(k: number): ScriptInfo {
    const m = k * 4;
    const flags = this.#meta[m]!;
    // A cursor in fields rather than closures: this runs once per script on every command.
    this.#s = this.#starts[k]!;
    this.#at = this.#offsets[k]! + this.#lengths[this.#s++]!;
    const revision = this.#next();
    const message = this.#next();
    const downRevisions = this.#downList(this.#meta[m + 1]!);
    this.#previous = revision;
    const branchLabels = this.#list(this.#meta[m + 2]!);
    const dependsOn = this.#list(this.#meta[m + 3]!);
    const replaces = flags >>> REPLACES_SHIFT;
    const header: RevisionHeader =
      replaces > 0
        ? {
            revision,
            downRevisions,
            branchLabels,
            dependsOn,
            message,
            replaces: this.#list(replaces),
          }
        : { revision, downRevisions, branchLabels, dependsOn, message };
    return flags & HAS_TRANSACTIONAL
      ? { header, transactional: (flags & TRANSACTIONAL) !== 0 }
      : { header };
  }

  /** Whether entry `k` holds a header (its file was older than the racy window when saved). */
  hasHeader(k: number): boolean {
    return (this.#meta[k * 4]! & HAS_HEADER) !== 0;
  }

  #next(): string {
    const from = this.#at;
    this.#at = from + this.#lengths[this.#s++]!;
    return this.#text.slice(from, this.#at);
  }

  // A parent is usually the script just before: its id string is reused, not copied, so
  // the graph's lookups compare one string with itself and 10,000 copies are not kept.
  #downList(n: number): readonly string[] {
    const previous = this.#previous;
    if (n !== 1 || this.#lengths[this.#s] !== previous.length) return this.#list(n);
    if (!this.#text.startsWith(previous, this.#at)) return this.#list(n);
    this.#at += this.#lengths[this.#s++]!;
    return [previous];
  }

  #list(n: number): readonly string[] {
    if (n === 0) return EMPTY;
    const out: string[] = new Array(n);
    for (let j = 0; j < n; j++) out[j] = this.#next();
    return out;
  }
}
