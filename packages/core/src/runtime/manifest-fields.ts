import { endianness } from "node:os";
import { basename, dirname } from "node:path";

// Five numbers an entry: its directory's index, its file's size and change time, its code's
// length (-1: the script loads on its own) and line count. Stored as one Float64Array
// (base64), which a run reads without parsing tens of thousands of JSON numbers.
export const NUMS = 5;
// Each entry's script checksum, SUM characters apiece in one string. NO_SUM: the file could
// not be read.
export const SUM = 64;
export const NO_SUM = "-".repeat(SUM);
// File names joined by a character no file name holds.
const JOIN = "/";
// The numbers are the machine's own bytes: a cache carried to a machine of the other byte
// order reads as no manifest.
export const BYTE_ORDER = endianness();

export interface BundleEntry {
  readonly path: string;
  /** Read from a stored bundle: the directory and file name `path` joins (never split again). */
  readonly dir?: string;
  readonly name?: string;
  readonly size: number;
  /** -1 when the file was too recently changed to trust its stat next time. */
  readonly changedMs: number;
  /** The script as a function body; undefined when it loads on its own. */
  readonly code: string | undefined;
  /** How many lines the code has. */
  readonly lines: number;
  /** The code is the run's function alone, not the module body (direct-entry.ts). */
  readonly direct?: boolean;
  readonly requires: readonly string[];
  /** The script's checksum (script-checksum.ts) of the text the entry was built from. */
  readonly checksum: string | undefined;
}

/** The manifest file's fields, in the order they are written (superseded-bundles.ts reads `dirs`). */
interface ManifestJson {
  format?: unknown;
  id?: unknown;
  ascii?: unknown;
  dirs?: unknown;
  entries?: unknown;
  names?: unknown;
  nums?: unknown;
  requires?: unknown;
  sums?: unknown;
}

/** A manifest's own fields, checked (BundleManifest.parse), before its bundle's text is. */
export interface ManifestFields {
  readonly id: string;
  /** The bundle's text is ASCII (it reads as Latin-1, without UTF-8 decoding). */
  readonly ascii: boolean;
  readonly dirs: readonly string[];
  readonly names: string;
  readonly nameAt: Int32Array;
  readonly nums: Float64Array;
  readonly requires: ReadonlyMap<number, readonly string[]>;
  readonly sums: string;
}

/**
 * The manifest `json`, its own fields checked; undefined when it is corrupt, foreign or of
 * another `format`; "large" when it has more than `maxEntries` entries. BundleManifest.over checks
 * it against its bundle's text.
 */
export function parseManifest(
  json: string,
  format: string,
  maxEntries = Infinity,
): ManifestFields | "large" | undefined {
  const m = JSON.parse(json) as ManifestJson;
  const { id, dirs, entries: count, names, nums: packed, requires, sums } = m;
  if (m.format !== format || typeof id !== "string") return undefined;
  if (!Array.isArray(dirs) || !dirs.every((d) => typeof d === "string")) return undefined;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return undefined;
  if (count > maxEntries) return "large";
  if (typeof names !== "string" || typeof packed !== "string") return undefined;
  if (typeof sums !== "string" || sums.length !== count * SUM) return undefined;
  const nums = floatsOf(packed, count * NUMS);
  const required = requiresOf(requires, count);
  const nameAt = nameStarts(names, count);
  if (!nums || !required || !nameAt) return undefined;
  return { id, ascii: m.ascii === true, dirs, names, nameAt, nums, requires: required, sums };
}

/** The manifest's text for `entries` (in the bundle's order), as parseManifest takes it. */
export function manifestJson(
  id: string,
  entries: readonly BundleEntry[],
  format: string,
  ascii: boolean,
): string {
  const dirs = new Map<string, number>();
  const names: string[] = [];
  const nums = new Float64Array(entries.length * NUMS);
  const requires: Record<string, string | readonly string[]> = {};
  const sums: string[] = [];
  entries.forEach((entry, i) => {
    const dir = dirname(entry.path);
    if (!dirs.has(dir)) dirs.set(dir, dirs.size);
    names.push(basename(entry.path));
    nums.set(
      [
        dirs.get(dir)!,
        entry.size,
        entry.changedMs,
        entry.code === undefined ? -1 : entry.code.length,
        entry.lines,
      ],
      i * NUMS,
    );
    const r = entry.requires;
    if (r.length > 0) requires[i] = r.length === 1 ? r[0]! : r;
    sums.push(entry.checksum?.length === SUM ? entry.checksum : NO_SUM);
  });
  return JSON.stringify({
    format,
    id,
    ascii,
    dirs: [...dirs.keys()],
    entries: entries.length,
    names: names.join(JOIN),
    nums: Buffer.from(nums.buffer).toString("base64"),
    requires,
    sums: sums.join(""),
  } satisfies ManifestJson);
}

/** `count` numbers from base64, or undefined when the bytes are not that many. */
function floatsOf(packed: string, count: number): Float64Array | undefined {
  const bytes = Buffer.from(packed, "base64");
  if (bytes.length !== count * 8) return undefined;
  // A Float64Array needs its bytes 8-aligned; a small Buffer may sit anywhere in Node's pool.
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  return new Float64Array(new Uint8Array(bytes).buffer);
}

/** The sparse `requires` map (entry index -> one specifier or a list), or undefined if malformed. */
function requiresOf(value: unknown, count: number): Map<number, readonly string[]> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out = new Map<number, readonly string[]>();
  for (const [key, r] of Object.entries(value)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= count) return undefined;
    const list = typeof r === "string" ? [r] : r;
    if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) return undefined;
    out.set(i, list);
  }
  return out;
}

/** Where each of `count` joined names starts (and one past the end), or undefined. */
function nameStarts(names: string, count: number): Int32Array | undefined {
  const at = new Int32Array(count + 1);
  let from = 0;
  for (let i = 0; i < count; i++) {
    at[i] = from;
    const end = i === count - 1 ? names.length : names.indexOf(JOIN, from);
    if (end <= from) return undefined;
    from = end + 1;
  }
  at[count] = from;
  return count === 0 ? (names === "" ? at : undefined) : from === names.length + 1 ? at : undefined;
}
