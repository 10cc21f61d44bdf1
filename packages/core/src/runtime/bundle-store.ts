import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { sweepCache } from "../script/cache-sweep.js";
import { nodeBuiltin } from "../script/node-builtin.js";
import { ENTRY_VERSION } from "./bundle-entry.js";
import { BundleManifest } from "./bundle-manifest.js";
import {
  type BundleEntry,
  BYTE_ORDER,
  type ManifestFields,
  manifestJson,
  parseManifest,
} from "./manifest-fields.js";
import { dropSupersededBundles } from "./superseded-bundles.js";

// Changes when the bundle's layout, the manifest's fields or the entries' transform change,
// so old bundles are rebuilt.
const FORMAT = `6-${ENTRY_VERSION}-${BYTE_ORDER}`;

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

/** A bundle's files read already (undefined: missing or unreadable). */
export interface ReadFiles {
  readonly json: Buffer | undefined;
  readonly js: Buffer | undefined;
}

export interface StoredBundle {
  readonly id: string;
  readonly manifest: BundleManifest;
  readonly text: string;
}

export type { BundleEntry } from "./manifest-fields.js";

const HEADS = { async: HEAD, sync: SYNC_HEAD, direct: DIRECT_HEAD, foot: FOOT };

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
    if (json === undefined) return undefined;
    const fields = parseManifest(json, FORMAT, maxEntries);
    if (fields === "large" || fields === undefined) return fields;
    // Latin-1 reads an ASCII file as it is, without UTF-8 decoding (several times faster).
    const encoding = fields.ascii ? "latin1" : "utf8";
    const text = read ? read.js?.toString(encoding) : readFileSync(`${base}.js`, encoding);
    const head = prefix(fields.id);
    if (text === undefined || !text.startsWith(head)) return undefined;
    const manifest = BundleManifest.over(fields, text, head.length, HEADS);
    return manifest && { id: fields.id, manifest, text };
  } catch {
    return undefined;
  }
}

/** Writes a new bundle and its manifest (each whole, then renamed into place). */
export function writeBundle(base: string, entries: readonly BundleEntry[]): StoredBundle {
  const { stored, json, dirs } = bundleOf(entries);
  const { text } = stored;
  try {
    mkdirSync(dirname(base), { recursive: true });
    writeAtomic(`${base}.js`, text);
    writeAtomic(`${base}.json`, json);
    if (!base.endsWith("-few")) dropSupersededBundles(base, dirs);
    sweepCache(dirname(base));
  } catch {
    // No bundle on disk is only slower next time.
  }
  return stored;
}

/**
 * A new bundle of `entries` in memory, with its manifest's text: read back as a run reads
 * them, so what a writer returns is what the next run finds.
 */
export function bundleOf(entries: readonly BundleEntry[]): {
  stored: StoredBundle;
  json: string;
  dirs: readonly string[];
} {
  const id = randomHex(8);
  const parts = [prefix(id)];
  for (const entry of entries) {
    if (entry.code !== undefined) parts.push(entryHead(entry), entry.code, FOOT);
  }
  parts.push("]\n");
  const text = parts.join("");
  const json = manifestJson(id, entries, FORMAT, !NON_ASCII.test(text));
  const fields = parseManifest(json, FORMAT) as ManifestFields;
  const manifest = BundleManifest.over(fields, text, prefix(id).length, HEADS)!;
  return { stored: { id, manifest, text }, json, dirs: fields.dirs };
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
