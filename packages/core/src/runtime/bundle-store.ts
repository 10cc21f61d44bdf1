import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, sep } from "node:path";
import { sweepCache } from "../script/cache-sweep.js";
import { nodeBuiltin } from "../script/node-builtin.js";
import { ENTRY_VERSION } from "./bundle-entry.js";
import { dropSupersededBundles } from "./superseded-bundles.js";

// Changes when the bundle's layout, the manifest's fields or the entries' transform change,
// so old bundles are rebuilt.
const FORMAT = `5-${ENTRY_VERSION}`;
// One entry is FIELDS consecutive values: dir index, file name, size, changedMs, code length
// (-1: the script loads on its own), code lines, requires (0, one string, or an array).
const FIELDS = 7;
// Each entry's script checksum, in entry order, SUM characters apiece in one string (`sums`):
// one string to parse rather than thousands. NO_SUM: the file could not be read.
const SUM = 64;
const NO_SUM = "-".repeat(SUM);

const NON_ASCII = /[\u0080-\uffff]/;
// Loaded on first write: a run whose bundle is up to date never loads node:crypto.
const randomHex = (bytes: number) =>
  nodeBuiltin<typeof import("node:crypto")>("node:crypto").randomBytes(bytes).toString("hex");
// The alignment V8 wants of code-cache bytes to use them in place (pointer size).
const ALIGN = 8;

export const HEAD = "async function(exports,require){\n";
// A body that never awaits is a plain function: V8's code for it is a third smaller and
// quicker to run (no suspendable frame); the loader turns its throw into a rejection.
const SYNC_HEAD = "function(exports,require){\n";
const AWAIT = /\bawait\b/;

/** The entry's header: `async` unless the code has no `await` anywhere (even in a comment). */
export function headOf(code: string): string {
  return AWAIT.test(code) ? HEAD : SYNC_HEAD;
}
/**
 * A direct entry's header (direct-entry.ts): the entry is the run's function itself, its code
 * that function without its closing brace (the foot's).
 */
export const DIRECT_HEAD = "//direct\n";
/** The header an entry with code is written with. */
export function entryHead(entry: Pick<BundleEntry, "code" | "direct">): string {
  return entry.direct ? DIRECT_HEAD : headOf(entry.code ?? "");
}
export const FOOT = "\n},\n";
const prefix = (id: string) => `"use strict";//mig-bundle ${id}\n[\n`;
/** The bundle line the first entry's header is on. */
export const FIRST_LINE = 3;

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

/** A bundle's files read already (undefined: missing or unreadable). */
export interface ReadFiles {
  readonly json: Buffer | undefined;
  readonly js: Buffer | undefined;
}

export interface StoredBundle {
  readonly id: string;
  readonly entries: readonly BundleEntry[];
  readonly text: string;
}

/**
 * A run bundle on disk: `<base>.js`, one array literal of functions (one per script, each
 * starting on a line of its own: its module body, or its run's function alone where the
 * entry is direct), and `<base>.json`, the manifest of what each entry was
 * built from. Both carry a random id, so a bundle and manifest from different writers never
 * pair up. Missing, corrupt or foreign files read as no bundle; "large" when it has more than
 * `maxEntries` entries (read no further).
 */
export function readBundle(
  base: string,
  maxEntries = Infinity,
  read?: ReadFiles,
): StoredBundle | "large" | undefined {
  try {
    const json = read ? read.json?.toString("utf8") : readFileSync(`${base}.json`, "utf8");
    const manifest = JSON.parse(json ?? "") as {
      format?: unknown;
      id?: unknown;
      ascii?: unknown;
      dirs?: unknown;
      entries?: unknown;
      sums?: unknown;
    };
    const { id, dirs, entries: e, sums } = manifest;
    if (manifest.format !== FORMAT || typeof id !== "string" || !Array.isArray(dirs)) return;
    if (!Array.isArray(e) || e.length % FIELDS !== 0) return;
    if (typeof sums !== "string" || sums.length !== (e.length / FIELDS) * SUM) return;
    if (e.length / FIELDS > maxEntries) return "large";
    // Latin-1 reads an ASCII file as it is, without UTF-8 decoding (several times faster).
    const encoding = manifest.ascii === true ? "latin1" : "utf8";
    const text = read ? read.js?.toString(encoding) : readFileSync(`${base}.js`, encoding);
    if (text === undefined) return;
    const head = prefix(id);
    if (!text.startsWith(head)) return;
    const entries: BundleEntry[] = [];
    let at = head.length;
    const prefixes = dirs.map((dir) => (typeof dir === "string" ? `${dir}${sep}` : undefined));
    const dirNames = dirs as string[];
    const none: readonly string[] = [];
    for (let i = 0; i < e.length; i += FIELDS) {
      const dir = e[i] as number;
      const name = e[i + 1] as unknown;
      const size = e[i + 2] as unknown;
      const changedMs = e[i + 3] as unknown;
      const length = e[i + 4] as unknown;
      const lines = e[i + 5] as unknown;
      const requires = e[i + 6] as unknown;
      const list = requires === 0 ? none : typeof requires === "string" ? [requires] : requires;
      const prefix = prefixes[dir];
      if (prefix === undefined || typeof name !== "string") return;
      if (typeof size !== "number" || typeof changedMs !== "number") return;
      if (typeof length !== "number" || typeof lines !== "number") return;
      if (list !== none && (!Array.isArray(list) || !list.every((s) => typeof s === "string")))
        return;
      let code: string | undefined;
      let direct = false;
      if (length >= 0) {
        const head = text.startsWith(HEAD, at)
          ? HEAD
          : text.startsWith(SYNC_HEAD, at)
            ? SYNC_HEAD
            : text.startsWith(DIRECT_HEAD, at)
              ? DIRECT_HEAD
              : undefined;
        if (head === undefined) return;
        direct = head === DIRECT_HEAD;
        at += head.length;
        code = text.slice(at, at + length);
        at += length;
        if (!text.startsWith(FOOT, at)) return;
        at += FOOT.length;
      }
      const s = (i / FIELDS) * SUM;
      const sum = sums.startsWith(NO_SUM, s) ? undefined : sums.slice(s, s + SUM);
      entries.push({
        path: prefix + name,
        dir: dirNames[dir],
        name,
        size,
        changedMs,
        code,
        lines,
        direct,
        requires: list as string[],
        checksum: sum,
      });
    }
    return text.slice(at) === "]\n" ? { id, entries, text } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a new bundle and its manifest (each whole, then renamed into place). */
export function writeBundle(base: string, entries: readonly BundleEntry[]): StoredBundle {
  const id = randomHex(8);
  const parts = [prefix(id)];
  const dirs = new Map<string, number>();
  const flat: unknown[] = [];
  const sums: string[] = [];
  for (const entry of entries) {
    const dir = dirname(entry.path);
    if (!dirs.has(dir)) dirs.set(dir, dirs.size);
    const { code, requires } = entry;
    if (code !== undefined) parts.push(entryHead(entry), code, FOOT);
    flat.push(
      dirs.get(dir),
      basename(entry.path),
      entry.size,
      entry.changedMs,
      code === undefined ? -1 : code.length,
      entry.lines,
      requires.length === 0 ? 0 : requires.length === 1 ? requires[0] : requires,
    );
    sums.push(entry.checksum?.length === SUM ? entry.checksum : NO_SUM);
  }
  parts.push("]\n");
  const text = parts.join("");
  const manifest = JSON.stringify({
    format: FORMAT,
    id,
    ascii: !NON_ASCII.test(text),
    dirs: [...dirs.keys()],
    entries: flat,
    sums: sums.join(""),
  });
  try {
    mkdirSync(dirname(base), { recursive: true });
    writeAtomic(`${base}.js`, text);
    writeAtomic(`${base}.json`, manifest);
    if (!base.endsWith("-few")) dropSupersededBundles(base, [...dirs.keys()]);
    sweepCache(dirname(base));
  } catch {
    // No bundle on disk is only slower next time.
  }
  return { id, entries, text };
}

export function lineCount(code: string): number {
  let lines = 1;
  for (let i = code.indexOf("\n"); i !== -1; i = code.indexOf("\n", i + 1)) lines++;
  return lines;
}

/**
 * V8's code cache for bundle `id`, or undefined; with how many entries had run when it was
 * made. `read`: the file's bytes, read already (undefined: read it now).
 */
export function readCodeCache(
  base: string,
  id: string,
  read?: Buffer,
): { data: Buffer; loaded: number } | undefined {
  try {
    const buffer = read ?? readFileSync(`${base}.v8`);
    const newline = buffer.indexOf(10);
    const [cacheId, loaded] = buffer.subarray(0, newline).toString("latin1").split(" ");
    if (cacheId !== id || newline < 0) return undefined;
    // V8 copies code-cache bytes that are not 8-byte aligned (megabytes here): a cache written
    // before its header was padded counts as holding nothing, so this run writes it again.
    const aligned = (newline + 1) % ALIGN === 0;
    return { data: buffer.subarray(newline + 1), loaded: aligned ? Number(loaded) || 0 : 0 };
  } catch {
    return undefined;
  }
}

export function writeCodeCache(base: string, id: string, loaded: number, data: Buffer): void {
  // The header padded with spaces to a multiple of ALIGN bytes, so the cache bytes after it
  // stay aligned in the buffer they are read into (see readCodeCache).
  let header = `${id} ${loaded}`;
  header = header.padEnd(Math.ceil((header.length + 1) / ALIGN) * ALIGN - 1, " ");
  try {
    writeAtomic(`${base}.v8`, Buffer.concat([Buffer.from(`${header}\n`, "latin1"), data]));
  } catch {}
}

function writeAtomic(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.${randomHex(4)}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
