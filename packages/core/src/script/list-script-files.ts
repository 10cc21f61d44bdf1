import { readdirSync } from "node:fs";
import type { ScriptFormat } from "./script-info.js";

/**
 * A listed file's format and entry type in two bits, to keep 10,000 of them in a typed
 * array: SQL (else TS/JS), and LINK for a symbolic link (or an entry of unknown type),
 * which is resolved before it is read.
 */
export type FileKind = number;
export const SQL = 1;
export const LINK = 2;

/** A location's migration file names in load order, with each one's FileKind. */
export interface Listing {
  readonly names: readonly string[];
  readonly kinds: Uint8Array;
}

/**
 * The format of a migration file name (`.ts`, `.mts`, `.js`, `.mjs`, `.sql`), or undefined
 * for anything else in a migrations directory: READMEs and templates (`script.ts.tmpl`) by
 * their extension, dotfiles (editor and temp files) and type declarations (`.d.ts`).
 */
export function scriptFormat(fileName: string): ScriptFormat | undefined {
  if (fileName.charCodeAt(0) === 46) return undefined;
  if (fileName.endsWith(".ts")) return fileName.endsWith(".d.ts") ? undefined : "ts";
  if (fileName.endsWith(".mts")) return fileName.endsWith(".d.mts") ? undefined : "ts";
  if (fileName.endsWith(".js") || fileName.endsWith(".mjs")) return "ts";
  return fileName.endsWith(".sql") ? "sql" : undefined;
}

/**
 * Orders names by Unicode code point, as Python's `sorted()` does (JavaScript's default
 * sort compares UTF-16 code units, which differs for characters beyond U+FFFF).
 */
export function compareFileNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    // Lift surrogates (D800-DFFF) above E000-FFFF so the order is the code points'.
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca += ca >= 0xe000 ? -0x800 : 0x2000;
      cb += cb >= 0xe000 ? -0x800 : 0x2000;
    }
    return ca - cb;
  }
  return a.length - b.length;
}

/**
 * The migration files directly in `dir` (not in subdirectories), sorted. A `.js` or `.mjs`
 * file is skipped when a `.ts`/`.mts` of the same stem sits next to it, since it is that
 * script compiled (as Alembic prefers a `.py` over its `.pyc`).
 */
export function listScriptFiles(dir: string): Listing {
  const entries = new Map<string, number>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const format = scriptFormat(entry.name);
    if (format === undefined || entry.isDirectory()) continue;
    entries.set(entry.name, (format === "sql" ? SQL : 0) | (entry.isFile() ? 0 : LINK));
  }
  const names = [...entries.keys()];
  const kept = names.some((n) => /\.m?js$/.test(n)) ? withoutCompiledTwins(names) : names;
  // The native sort compares UTF-16 code units, which is code point order unless a name
  // holds a character beyond U+FFFF.
  if (kept.some((n) => /[\uD800-\uDFFF]/.test(n))) kept.sort(compareFileNames);
  else kept.sort();
  return { names: kept, kinds: Uint8Array.from(kept, (n) => entries.get(n)!) };
}

function withoutCompiledTwins(names: readonly string[]): string[] {
  const stem = (fileName: string) => fileName.slice(0, fileName.lastIndexOf("."));
  const tsStems = new Set(names.filter((n) => /\.m?ts$/.test(n)).map(stem));
  return names.filter((n) => !(/\.m?js$/.test(n) && tsStems.has(stem(n))));
}
