import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import type { FileKind, Listing } from "./list-script-files.js";
import type { ScriptInfo } from "./script-info.js";

// Bump when the header readers or the file listing change what they return, or the layout
// changes, so old index files are ignored.
const FORMAT = 3;
// "MIGX" read as a little- or big-endian u32; an index from a machine of the other
// endianness reads as a foreign file and is ignored.
const MAGIC = 0x5847494d;
// A file or directory changed this recently may change again within the file system's
// timestamp granularity (1-2 s on FAT, HFS+, some network mounts) keeping its size and
// mtime; such an entry is not trusted next time (as git does with "racily clean" entries).
export const RACY_MS = 2000;

// Entry flags; the low two bits are the file's FileKind.
const KIND = 3;
const LATIN1 = 0x10000; // in the format word: the strings are Latin-1, not UTF-8
const HAS_HEADER = 8;
const HAS_TRANSACTIONAL = 16;
const TRANSACTIONAL = 32;
// Layout: u32 magic, format, entry count, string count; f64 directory mtime, then size and
// mtime per entry; u32 flags and list lengths per entry; u32 length of every string; UTF-8.
const NUMS_AT = 16;
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
  #byName: Map<string, number> | undefined;
  // What this run saw, saved when it differs from what was read.
  readonly #nextNames: string[] = [];
  readonly #nextKinds: number[] = [];
  readonly #nextNums: number[] = [];
  readonly #nextInfos: Array<ScriptInfo | undefined> = [];
  #changed = false;
  #kept = 0;

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
      this.#read(readFileSync(this.#file));
    } catch {
      this.#count = 0; // missing or unreadable: start empty
    }
  }

  #read(file: Buffer): void {
    // Typed arrays need aligned offsets; a small file may sit unaligned in Node's pool.
    const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
    if (buf.byteLength < NUMS_AT + 8) return;
    const head = new Uint32Array(buf.buffer, buf.byteOffset, 4);
    if (head[0] !== MAGIC || (head[1]! & ~LATIN1) !== FORMAT) return;
    const count = head[2]!;
    const nStrings = head[3]!;
    const metaAt = NUMS_AT + 8 + count * 16;
    const lengthsAt = metaAt + count * 16;
    const textAt = lengthsAt + nStrings * 4;
    if (textAt > buf.byteLength || nStrings === 0) return;
    const nums = new Float64Array(buf.buffer, buf.byteOffset + NUMS_AT, 1 + count * 2);
    const meta = new Uint32Array(buf.buffer, buf.byteOffset + metaAt, count * 4);
    const lengths = new Uint32Array(buf.buffer, buf.byteOffset + lengthsAt, nStrings);
    const text = buf.toString(head[1]! & LATIN1 ? "latin1" : "utf8", textAt);
    // String 0 is the location; then per entry its name and, with a header, revision,
    // message and the three lists.
    if (text.slice(0, lengths[0]) !== this.#location) return;
    const starts = new Uint32Array(count);
    const offsets = new Uint32Array(count);
    let s = 1;
    let at = lengths[0]!;
    for (let i = 0; i < count; i++) {
      starts[i] = s;
      offsets[i] = at;
      const m = i * 4;
      const n = meta[m]! & HAS_HEADER ? 3 + meta[m + 1]! + meta[m + 2]! + meta[m + 3]! : 1;
      for (const end = s + n; s < end && s < nStrings; s++) at += lengths[s]!;
    }
    if (s !== nStrings || at !== text.length) return;
    this.#dirMtimeMs = nums[0]!;
    this.#nums = nums.subarray(1);
    this.#meta = meta;
    this.#lengths = lengths;
    this.#starts = starts;
    this.#offsets = offsets;
    this.#text = text;
    this.#count = count;
  }

  #name(i: number): string {
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
    const flags = this.#meta[k * 4]!;
    const lengths = this.#lengths;
    const text = this.#text;
    let s = this.#starts[k]!;
    let at = this.#offsets[k]! + lengths[s++]!;
    const next = (): string => {
      const from = at;
      at += lengths[s++]!;
      return text.slice(from, at);
    };
    const list = (n: number): readonly string[] => {
      if (n === 0) return EMPTY;
      const out: string[] = new Array(n);
      for (let j = 0; j < n; j++) out[j] = next();
      return out;
    };
    const m = k * 4;
    const revision = next();
    const message = next();
    const downRevisions = list(this.#meta[m + 1]!);
    const branchLabels = list(this.#meta[m + 2]!);
    const dependsOn = list(this.#meta[m + 3]!);
    const header = { revision, downRevisions, branchLabels, dependsOn, message };
    return flags & HAS_TRANSACTIONAL
      ? { header, transactional: (flags & TRANSACTIONAL) !== 0 }
      : { header };
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
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(temp, this.#encode(trusted, listedAt));
      renameSync(temp, this.#file);
    } catch {
      rmSync(temp, { force: true });
    }
  }

  #encode(dirMtimeMs: number, listedAt: number): Uint8Array {
    const count = this.#nextNames.length;
    const nums = new Float64Array(1 + count * 2);
    const meta = new Uint32Array(count * 4);
    const strings: string[] = [this.#location];
    nums[0] = dirMtimeMs;
    for (let i = 0; i < count; i++) {
      const size = this.#nextNums[i * 2]!;
      const mtimeMs = this.#nextNums[i * 2 + 1]!;
      const info = mtimeMs <= listedAt - RACY_MS ? this.#nextInfos[i] : undefined;
      nums[1 + i * 2] = size;
      nums[2 + i * 2] = mtimeMs;
      strings.push(this.#nextNames[i]!);
      let flags = this.#nextKinds[i]!;
      if (info !== undefined) {
        const h = info.header;
        flags |= HAS_HEADER;
        if (info.transactional !== undefined)
          flags |= HAS_TRANSACTIONAL | (info.transactional ? TRANSACTIONAL : 0);
        meta[i * 4 + 1] = h.downRevisions.length;
        meta[i * 4 + 2] = h.branchLabels.length;
        meta[i * 4 + 3] = h.dependsOn.length;
        strings.push(h.revision, h.message, ...h.downRevisions, ...h.branchLabels, ...h.dependsOn);
      }
      meta[i * 4] = flags;
    }
    const text = strings.join("");
    // Pure ASCII (the usual case) is stored as Latin-1: it decodes to compact one-byte strings.
    const ascii = /^[\x00-\x7f]*$/.test(text);
    const head = new Uint32Array([MAGIC, FORMAT | (ascii ? LATIN1 : 0), count, strings.length]);
    const lengths = Uint32Array.from(strings, (s) => s.length);
    return Buffer.concat([
      new Uint8Array(head.buffer),
      new Uint8Array(nums.buffer),
      new Uint8Array(meta.buffer),
      new Uint8Array(lengths.buffer),
      Buffer.from(text, ascii ? "latin1" : "utf8"),
    ]);
  }
}

/** FNV-1a twice (two offset bases): 64 bits of a name, in hex, without loading node:crypto. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
