import type { ScriptInfo } from "./script-info.js";

// Bump when the header readers or the file listing change what they return, or the layout
// changes, so old index files are ignored.
export const FORMAT = 6;
// "MIGX" read as a little- or big-endian u32; an index from a machine of the other
// endianness reads as a foreign file and is ignored.
export const MAGIC = 0x5847494d;
// A file or directory changed this recently may change again within the file system's
// timestamp granularity (1-2 s on FAT, HFS+, some network mounts) keeping its size and
// change time; such an entry is not trusted next time (as git does with "racily clean" entries).
export const RACY_MS = 2000;

// Entry flags; the low two bits are the file's FileKind.
export const KIND = 3;
export const LATIN1 = 0x10000; // in the format word: the strings are Latin-1, not UTF-8
export const HAS_HEADER = 8;
export const HAS_TRANSACTIONAL = 16;
export const TRANSACTIONAL = 32;
// The count of a header's `replaces` ids sits in the flags' bits from here up.
export const REPLACES_SHIFT = 8;
// Layout: u32 magic, format, entry count, string count, generation, padding; f64 directory
// change time, then size and change time per entry; u32 flags and list lengths per entry;
// u32 length of every string; UTF-8. The generation is random per write: it names the
// file's content.
export const GENERATION_AT = 4;
export const NUMS_AT = 24;

/** What one run saw of a location, entry by entry (`nums`: size and change time of each). */
export interface IndexEntries {
  readonly names: readonly string[];
  readonly kinds: readonly number[];
  readonly nums: readonly number[];
  readonly infos: ReadonlyArray<ScriptInfo | undefined>;
}

/** The bytes of an index file; headers of files changed since `listedAt - RACY_MS` are left out. */
export function encodeIndex(
  location: string,
  dirChangedMs: number,
  listedAt: number,
  entries: IndexEntries,
  generation: number,
): Uint8Array {
  const count = entries.names.length;
  const nums = new Float64Array(1 + count * 2);
  const meta = new Uint32Array(count * 4);
  const strings: string[] = [location];
  nums[0] = dirChangedMs;
  for (let i = 0; i < count; i++) {
    const size = entries.nums[i * 2]!;
    const changedMs = entries.nums[i * 2 + 1]!;
    const info = changedMs <= listedAt - RACY_MS ? entries.infos[i] : undefined;
    nums[1 + i * 2] = size;
    nums[2 + i * 2] = changedMs;
    strings.push(entries.names[i]!);
    let flags = entries.kinds[i]!;
    if (info !== undefined) {
      const h = info.header;
      flags |= HAS_HEADER;
      if (info.transactional !== undefined)
        flags |= HAS_TRANSACTIONAL | (info.transactional ? TRANSACTIONAL : 0);
      meta[i * 4 + 1] = h.downRevisions.length;
      meta[i * 4 + 2] = h.branchLabels.length;
      meta[i * 4 + 3] = h.dependsOn.length;
      const replaces = h.replaces ?? [];
      flags |= replaces.length << REPLACES_SHIFT;
      strings.push(
        h.revision,
        h.message,
        ...h.downRevisions,
        ...h.branchLabels,
        ...h.dependsOn,
        ...replaces,
      );
    }
    meta[i * 4] = flags;
  }
  const text = strings.join("");
  // Pure ASCII (the usual case) is stored as Latin-1: it decodes to compact one-byte strings.
  const ascii = !/[\u0080-\uffff]/.test(text);
  const head = new Uint32Array([
    MAGIC,
    FORMAT | (ascii ? LATIN1 : 0),
    count,
    strings.length,
    generation,
    0,
  ]);
  const lengths = Uint32Array.from(strings, (s) => s.length);
  return Buffer.concat([
    new Uint8Array(head.buffer),
    new Uint8Array(nums.buffer),
    new Uint8Array(meta.buffer),
    new Uint8Array(lengths.buffer),
    Buffer.from(text, ascii ? "latin1" : "utf8"),
  ]);
}

/** An index file's parts, viewed in place; per entry where its strings start. */
export interface DecodedIndex {
  readonly count: number;
  readonly generation: number;
  readonly dirChangedMs: number;
  readonly nums: Float64Array<ArrayBufferLike>;
  readonly meta: Uint32Array<ArrayBufferLike>;
  readonly lengths: Uint32Array<ArrayBufferLike>;
  readonly starts: Uint32Array<ArrayBuffer>;
  readonly offsets: Uint32Array<ArrayBuffer>;
  readonly text: string;
}

/** An index file of `location`, or undefined when it is truncated, foreign or another's. */
export function decodeIndex(file: Buffer, location: string): DecodedIndex | undefined {
  // Typed arrays need aligned offsets; a small file may sit unaligned in Node's pool.
  const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  if (buf.byteLength < NUMS_AT + 8) return undefined;
  const head = new Uint32Array(buf.buffer, buf.byteOffset, NUMS_AT / 4);
  if (head[0] !== MAGIC || (head[1]! & ~LATIN1) !== FORMAT) return undefined;
  const count = head[2]!;
  const nStrings = head[3]!;
  const metaAt = NUMS_AT + 8 + count * 16;
  const lengthsAt = metaAt + count * 16;
  const textAt = lengthsAt + nStrings * 4;
  if (textAt > buf.byteLength || nStrings === 0) return undefined;
  const nums = new Float64Array(buf.buffer, buf.byteOffset + NUMS_AT, 1 + count * 2);
  const meta = new Uint32Array(buf.buffer, buf.byteOffset + metaAt, count * 4);
  const lengths = new Uint32Array(buf.buffer, buf.byteOffset + lengthsAt, nStrings);
  const text = buf.toString(head[1]! & LATIN1 ? "latin1" : "utf8", textAt);
  // String 0 is the location; then per entry its name and, with a header, revision,
  // message and the three lists.
  if (text.slice(0, lengths[0]) !== location) return undefined;
  const starts = new Uint32Array(count);
  const offsets = new Uint32Array(count);
  let s = 1;
  let at = lengths[0]!;
  for (let i = 0; i < count; i++) {
    starts[i] = s;
    offsets[i] = at;
    const m = i * 4;
    const flags = meta[m]!;
    const n =
      flags & HAS_HEADER
        ? 3 + meta[m + 1]! + meta[m + 2]! + meta[m + 3]! + (flags >>> REPLACES_SHIFT)
        : 1;
    for (const end = s + n; s < end && s < nStrings; s++) at += lengths[s]!;
  }
  if (s !== nStrings || at !== text.length) return undefined;
  return {
    count,
    generation: head[GENERATION_AT]!,
    dirChangedMs: nums[0]!,
    nums: nums.subarray(1),
    meta,
    lengths,
    starts,
    offsets,
    text,
  };
}

/** FNV-1a twice (two offset bases): 64 bits of a name, in hex, without loading node:crypto. */
export function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
