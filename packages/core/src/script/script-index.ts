import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RevisionHeader } from "../revision/revision-header.js";
import { defaultCacheDir } from "./cache-dir.js";
import { sweepCache } from "./cache-sweep.js";
import { readCacheFile } from "./cache-use.js";
import type { FileKind, Listing } from "./list-script-files.js";
import {
  decodeIndex,
  encodeIndex,
  HAS_HEADER,
  HAS_TRANSACTIONAL,
  hash,
  KIND,
  RACY_MS,
  REPLACES_SHIFT,
  TRANSACTIONAL,
} from "./script-index-layout.js";
import type { ScriptInfo } from "./script-info.js";

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * What earlier runs learnt about one script location, in one binary file: the directory's
 * mtime, its migration file names (so an unchanged directory is not read again), and per
 * file the size and mtime its header was read at, with the header. Everything is checked
 * against the file system before use: a listing only while the directory's mtime is
 * unchanged (adding, removing or renaming a file changes it), a header only while its
 * file's size and mtime are. An index that is missing, truncated or foreign is ignored;
 * saving is best-effort and atomic (temp file + rename). One file per location, named by a
 * hash of its real path, in `defaultCacheDir`.
 */
export class ScriptIndex {
  readonly #file: string;
  readonly #location: string;
  #count = 0;
  #dirMtimeMs = Number.NaN;
  #nums: Float64Array<ArrayBufferLike> = new Float64Array(0); // size, mtimeMs per entry
  #meta: Uint32Array<ArrayBufferLike> = new Uint32Array(0); // flags, down count, label count, dependency count per entry
  #starts = new Uint32Array(0); // per entry: its first string's index in #lengths
  #offsets = new Uint32Array(0); // per entry: where its first string starts in #text
  #lengths: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  #text = "";
  // The names as strings, once `listing` made them: compared by identity afterwards.
  #names: string[] | undefined;
  #byName: Map<string, number> | undefined;
  #s = 0; // #decode's cursor: the next string's index in #lengths, and its start in #text
  #at = 0;
  #previous = ""; // the id #decode read last
  // What this run saw, saved when it differs from what was read.
  readonly #nextNames: string[] = [];
  readonly #nextKinds: number[] = [];
  readonly #nextNums: number[] = [];
  readonly #nextInfos: Array<ScriptInfo | undefined> = [];
  #changed = false;
  #kept = 0;
  #generation: number | undefined;

  /** The index of a location (its real path), or undefined when no safe place for it exists. */
  static open(
    location: string,
    cacheDir: string | undefined = defaultCacheDir(location),
  ): ScriptIndex | undefined {
    return cacheDir === undefined ? undefined : new ScriptIndex(location, cacheDir);
  }

  private constructor(location: string, cacheDir: string) {
    this.#location = location;
    this.#file = join(cacheDir, `index-${hash(location)}.bin`);
    try {
      this.#read(readCacheFile(this.#file));
    } catch {
      this.#count = 0; // missing or unreadable: start empty
    }
  }

  #read(file: Buffer): void {
    const read = decodeIndex(file, this.#location);
    if (read === undefined) return;
    this.#dirMtimeMs = read.dirMtimeMs;
    this.#nums = read.nums;
    this.#meta = read.meta;
    this.#lengths = read.lengths;
    this.#starts = read.starts;
    this.#offsets = read.offsets;
    this.#text = read.text;
    this.#count = read.count;
    this.#generation = read.generation;
  }

  /**
   * The random number the index file was last written with, once `save` ran: it names what
   * the file holds, so facts derived from these headers can be kept under it (graph-memo.ts).
   * Undefined when no index file holds what this run saw (none written, or writing failed).
   */
  get generation(): number | undefined {
    return this.#generation;
  }

  /** The directory the index file is in. */
  get cacheDir(): string {
    return dirname(this.#file);
  }

  #name(i: number): string {
    const names = this.#names;
    if (names !== undefined) return names[i]!;
    const at = this.#offsets[i]!;
    return this.#text.slice(at, at + this.#lengths[this.#starts[i]!]!);
  }

  /**
   * The stored listing, when the directory's mtime is the one it was taken at (saved only
   * when that mtime was already outside the racy window, see `save`).
   */
  listing(dirMtimeMs: number): Listing | undefined {
    if (this.#dirMtimeMs !== dirMtimeMs) return undefined;
    const names: string[] = new Array(this.#count);
    const kinds = new Uint8Array(this.#count);
    for (let i = 0; i < this.#count; i++) {
      names[i] = this.#name(i);
      kinds[i] = this.#meta[i * 4]! & KIND;
    }
    this.#names = names;
    return { names, kinds };
  }

  // Files usually come in the order they were stored, so the hint is usually right.
  #find(name: string, hint: number): number | undefined {
    if (hint < this.#count && this.#name(hint) === name) return hint;
    if (this.#byName === undefined) {
      this.#byName = new Map();
      for (let i = 0; i < this.#count; i++) this.#byName.set(this.#name(i), i);
    }
    return this.#byName.get(name);
  }

  /** The header stored for the `i`th listed file, if its size and mtime are unchanged. */
  get(i: number, name: string, size: number, mtimeMs: number): ScriptInfo | undefined {
    const k = this.#find(name, i);
    if (k === undefined) return undefined;
    const flags = this.#meta[k * 4]!;
    if (!(flags & HAS_HEADER) || this.#nums[k * 2] !== size || this.#nums[k * 2 + 1] !== mtimeMs)
      return undefined;
    return this.#decode(k);
  }

  #decode(k: number): ScriptInfo {
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

  /**
   * Records the `i`th listed file as this run saw it; `info` is undefined when its header
   * was not read (not a file, or loading stopped), `fromIndex` says `get` answered.
   */
  keep(
    i: number,
    name: string,
    kind: FileKind,
    size: number,
    mtimeMs: number,
    info: ScriptInfo | undefined,
    fromIndex: boolean,
  ): void {
    if (!this.#changed) {
      // Nothing recorded while every file matches its stored entry: most runs change nothing.
      const m = i * 4;
      if (
        i === this.#kept &&
        i < this.#count &&
        (this.#meta[m]! & KIND) === kind &&
        (fromIndex ||
          (info === undefined &&
            this.#meta[m] === kind &&
            this.#nums[i * 2] === size &&
            this.#nums[i * 2 + 1] === mtimeMs)) &&
        this.#name(i) === name
      ) {
        this.#kept++;
        return;
      }
      this.#materialize();
    }
    this.#nextNames.push(name);
    this.#nextKinds.push(kind);
    this.#nextNums.push(size, mtimeMs);
    this.#nextInfos.push(info);
  }

  // Copies the entries kept unchanged so far into the lists to save.
  #materialize(): void {
    this.#changed = true;
    for (let k = 0; k < this.#kept; k++) {
      const flags = this.#meta[k * 4]!;
      this.#nextNames.push(this.#name(k));
      this.#nextKinds.push(flags & KIND);
      this.#nextNums.push(this.#nums[k * 2]!, this.#nums[k * 2 + 1]!);
      this.#nextInfos.push(flags & HAS_HEADER ? this.#decode(k) : undefined);
    }
  }

  /**
   * Writes the index if anything differs from what was read. `dirMtimeMs` is trusted next
   * time only when the listing is complete and the directory was already older than the
   * racy window at `listedAt`; likewise each header only when its file was.
   */
  save(dirMtimeMs: number, listedAt: number, complete: boolean): void {
    const trusted = complete && dirMtimeMs <= listedAt - RACY_MS ? dirMtimeMs : Number.NaN;
    if (!this.#changed) {
      if (this.#kept === this.#count && Object.is(trusted, this.#dirMtimeMs)) return;
      this.#materialize();
    }
    const temp = `${this.#file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const generation = (Math.random() * 0x100000000) >>> 0;
    this.#generation = undefined;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(
        temp,
        encodeIndex(
          this.#location,
          trusted,
          listedAt,
          {
            names: this.#nextNames,
            kinds: this.#nextKinds,
            nums: this.#nextNums,
            infos: this.#nextInfos,
          },
          generation,
        ),
      );
      renameSync(temp, this.#file);
      this.#generation = generation;
      sweepCache(dirname(this.#file));
    } catch {
      rmSync(temp, { force: true });
    }
  }
}
