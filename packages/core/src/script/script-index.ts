import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import { sweepCache } from "./cache-sweep.js";
import { readCacheFile } from "./cache-use.js";
import { IndexView } from "./index-view.js";
import type { FileKind, Listing } from "./list-script-files.js";
import {
  decodeIndex,
  encodeIndex,
  HAS_HEADER,
  hash,
  KIND,
  RACY_MS,
} from "./script-index-layout.js";
import type { ScriptInfo } from "./script-info.js";

/**
 * What earlier runs learnt about one script location, in one binary file: the directory's
 * change time (change-stamp.ts), its migration file names (so an unchanged directory is not
 * read again), and per file the size and change time its header was read at, with the
 * header. Everything is checked against the file system before use: a listing only while
 * the directory's change time is unchanged (adding, removing or renaming a file changes it),
 * a header only while its file's size and change time are. An index that is missing,
 * truncated or foreign is ignored; saving is best-effort and atomic (temp file + rename).
 * One file per location, named by a hash of its real path, in `defaultCacheDir`.
 */
export class ScriptIndex {
  readonly #file: string;
  /** What the index file held when opened (no entries when it was missing or unusable). */
  readonly view: IndexView;
  // What this run saw, saved when it differs from what was read.
  readonly #nextNames: string[] = [];
  readonly #nextKinds: number[] = [];
  readonly #nextNums: number[] = [];
  readonly #nextInfos: Array<ScriptInfo | undefined> = [];
  readonly #location: string;
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
    let read: ReturnType<typeof decodeIndex>;
    try {
      read = decodeIndex(readCacheFile(this.#file), location);
    } catch {
      read = undefined; // missing or unreadable: start empty
    }
    this.view = new IndexView(read);
    this.#generation = read?.generation;
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

  /**
   * The stored listing, when the directory's change time is the one it was taken at (saved only
   * when that change time was already outside the racy window, see `save`).
   */
  listing(dirChangedMs: number): Listing | undefined {
    return this.view.dirChangedMs === dirChangedMs ? this.view.listing() : undefined;
  }

  /** The header stored for the `i`th listed file, if its size and change time are unchanged. */
  get(i: number, name: string, size: number, changedMs: number): ScriptInfo | undefined {
    const view = this.view;
    const k = view.find(name, i);
    if (k === undefined) return undefined;
    if (!view.hasHeader(k) || view.size(k) !== size || view.changedMs(k) !== changedMs)
      return undefined;
    return view.info(k);
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
    changedMs: number,
    info: ScriptInfo | undefined,
    fromIndex: boolean,
  ): void {
    if (!this.#changed) {
      // Nothing recorded while every file matches its stored entry: most runs change nothing.
      const view = this.view;
      if (
        i === this.#kept &&
        i < view.count &&
        (view.flags(i) & KIND) === kind &&
        (fromIndex ||
          (info === undefined &&
            view.flags(i) === kind &&
            view.size(i) === size &&
            view.changedMs(i) === changedMs)) &&
        view.name(i) === name
      ) {
        this.#kept++;
        return;
      }
      this.#materialize();
    }
    this.#nextNames.push(name);
    this.#nextKinds.push(kind);
    this.#nextNums.push(size, changedMs);
    this.#nextInfos.push(info);
  }

  // Copies the entries kept unchanged so far into the lists to save.
  #materialize(): void {
    this.#changed = true;
    const view = this.view;
    for (let k = 0; k < this.#kept; k++) {
      const flags = view.flags(k);
      this.#nextNames.push(view.name(k));
      this.#nextKinds.push(flags & KIND);
      this.#nextNums.push(view.size(k), view.changedMs(k));
      this.#nextInfos.push(flags & HAS_HEADER ? view.info(k) : undefined);
    }
  }

  /**
   * Writes the index if anything differs from what was read. `dirChangedMs` is trusted next
   * time only when the listing is complete and the directory was already older than the
   * racy window at `listedAt`; likewise each header only when its file was.
   */
  save(dirChangedMs: number, listedAt: number, complete: boolean): void {
    const trusted = complete && dirChangedMs <= listedAt - RACY_MS ? dirChangedMs : Number.NaN;
    if (!this.#changed) {
      if (this.#kept === this.view.count && Object.is(trusted, this.view.dirChangedMs)) return;
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
