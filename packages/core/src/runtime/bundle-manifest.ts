import { sep } from "node:path";
import { type BundleEntry, type ManifestFields, NO_SUM, NUMS, SUM } from "./manifest-fields.js";

/** The heads an entry's code is written with in the bundle (bundle-store.ts). */
export interface EntryHeads {
  readonly async: string;
  readonly sync: string;
  readonly direct: string;
  readonly foot: string;
}

/**
 * What a bundle's entries were built from, read without making an object per entry: a run of
 * 10,000 scripts asks each entry a few numbers and one checksum, and the objects (with a
 * path, a name and a code string apiece) would be copied by every garbage collection of the
 * run. `entries()` makes them where a bundle is rebuilt.
 */
export class BundleManifest {
  readonly count: number;
  readonly #dirs: readonly string[];
  readonly #names: string;
  // Where each name starts in #names; the last item is the end of the last name + 1.
  readonly #nameAt: Int32Array;
  readonly #nums: Float64Array;
  readonly #requires: ReadonlyMap<number, readonly string[]>;
  readonly #sums: string;
  readonly #text: string;
  // Where each entry's code starts in the bundle's text (-1: none), its position among the
  // bundle's functions (-1: none), and whether it is the run's function alone.
  readonly #codeAt: Int32Array;
  readonly #fn: Int32Array;
  readonly #direct: Uint8Array;

  private constructor(fields: {
    dirs: readonly string[];
    names: string;
    nameAt: Int32Array;
    nums: Float64Array;
    requires: ReadonlyMap<number, readonly string[]>;
    sums: string;
    text: string;
    codeAt: Int32Array;
    fn: Int32Array;
    direct: Uint8Array;
  }) {
    this.count = fields.nameAt.length - 1;
    this.#dirs = fields.dirs;
    this.#names = fields.names;
    this.#nameAt = fields.nameAt;
    this.#nums = fields.nums;
    this.#requires = fields.requires;
    this.#sums = fields.sums;
    this.#text = fields.text;
    this.#codeAt = fields.codeAt;
    this.#fn = fields.fn;
    this.#direct = fields.direct;
  }

  /**
   * The manifest `fields` over the bundle `text`, whose entries start at `from`: undefined
   * unless every entry's code is where the manifest says, under one of `heads`.
   */
  static over(
    fields: ManifestFields,
    text: string,
    from: number,
    heads: EntryHeads,
  ): BundleManifest | undefined {
    const { nums, dirs } = fields;
    const count = fields.nameAt.length - 1;
    const codeAt = new Int32Array(count).fill(-1);
    const fn = new Int32Array(count).fill(-1);
    const direct = new Uint8Array(count);
    let at = from;
    let fns = 0;
    for (let i = 0; i < count; i++) {
      const dir = nums[i * NUMS]!;
      const length = nums[i * NUMS + 3]!;
      if (!Number.isInteger(dir) || dir < 0 || dir >= dirs.length) return undefined;
      if (!Number.isInteger(length) || !Number.isInteger(nums[i * NUMS + 4]!)) return undefined;
      if (length < 0) continue;
      const head = text.startsWith(heads.async, at)
        ? heads.async
        : text.startsWith(heads.sync, at)
          ? heads.sync
          : text.startsWith(heads.direct, at)
            ? heads.direct
            : undefined;
      if (head === undefined) return undefined;
      if (head === heads.direct) direct[i] = 1;
      at += head.length;
      codeAt[i] = at;
      fn[i] = fns++;
      at += length;
      if (!text.startsWith(heads.foot, at)) return undefined;
      at += heads.foot.length;
    }
    if (text.slice(at) !== "]\n") return undefined;
    return new BundleManifest({ ...fields, text, codeAt, fn, direct });
  }

  /** Entry `i` is file `name` (without allocating) under the directory of `path`. */
  isAt(i: number, path: string, name: string): boolean {
    const start = this.#nameAt[i]!;
    if (this.#nameAt[i + 1]! - 1 - start !== name.length) return false;
    if (!this.#names.startsWith(name, start)) return false;
    const dir = this.#dirs[this.#nums[i * NUMS]!]!;
    const joined = dir.length + (dir.endsWith(sep) ? 0 : 1) + name.length;
    return path.length === joined && path.startsWith(dir);
  }

  name(i: number): string {
    return this.#names.slice(this.#nameAt[i]!, this.#nameAt[i + 1]! - 1);
  }

  path(i: number): string {
    return this.#prefix(this.#dirs[this.#nums[i * NUMS]!]!) + this.name(i);
  }

  /** The entry was built from the file as `stat` finds it (and its stat was settled then). */
  sameStat(i: number, stat: { readonly size: number; readonly changedMs: number }): boolean {
    const changedMs = this.#nums[i * NUMS + 2]!;
    return changedMs >= 0 && this.#nums[i * NUMS + 1] === stat.size && changedMs === stat.changedMs;
  }

  /** Entry `i`'s position among the bundle's functions; -1 when it loads on its own. */
  fn(i: number): number {
    return this.#fn[i]!;
  }

  direct(i: number): boolean {
    return this.#direct[i] === 1;
  }

  requires(i: number): readonly string[] {
    return this.#requires.get(i) ?? NONE;
  }

  checksum(i: number): string | undefined {
    const at = i * SUM;
    return this.#sums.startsWith(NO_SUM, at) ? undefined : this.#sums.slice(at, at + SUM);
  }

  lines(i: number): number {
    return this.#nums[i * NUMS + 4]!;
  }

  /** Entry `i` as an object, its code a slice of the bundle's text. */
  entry(i: number): BundleEntry {
    const dir = this.#dirs[this.#nums[i * NUMS]!]!;
    const name = this.name(i);
    const codeAt = this.#codeAt[i]!;
    return {
      path: this.#prefix(dir) + name,
      dir,
      name,
      size: this.#nums[i * NUMS + 1]!,
      changedMs: this.#nums[i * NUMS + 2]!,
      code: codeAt < 0 ? undefined : this.#text.slice(codeAt, codeAt + this.#nums[i * NUMS + 3]!),
      lines: this.lines(i),
      direct: this.direct(i),
      requires: this.requires(i),
      checksum: this.checksum(i),
    };
  }

  /** Every entry as an object (for rebuilding the bundle). */
  entries(): BundleEntry[] {
    const out: BundleEntry[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.entry(i));
    return out;
  }

  #prefix(dir: string): string {
    return dir.endsWith(sep) ? dir : `${dir}${sep}`;
  }
}

const NONE: readonly string[] = [];
