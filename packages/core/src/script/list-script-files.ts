import { readdirSync } from "node:fs";
import type { ScriptFormat } from "./script-info.js";

export interface ScriptFile {
  readonly fileName: string;
  readonly format: ScriptFormat;
  /** A symbolic link (its target is checked when loading, and may be a directory). */
  readonly symlink: boolean;
}

const FORMATS: ReadonlyMap<string, ScriptFormat> = new Map([
  ["ts", "ts"], ["mts", "ts"], ["js", "ts"], ["mjs", "ts"], ["sql", "sql"],
]);

/**
 * The format of a migration file name, or undefined for anything else in a migrations
 * directory: dotfiles (editor and temp files), READMEs, templates (`script.ts.tmpl`) and
 * type declarations (`.d.ts`).
 */
export function scriptFormat(fileName: string): ScriptFormat | undefined {
  if (fileName.startsWith(".") || /^readme/i.test(fileName) || /\.d\.m?ts$/.test(fileName)) return undefined;
  return FORMATS.get(fileName.slice(fileName.lastIndexOf(".") + 1));
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
 * The migration files directly in `dir` (not in subdirectories), sorted by name. A `.js`
 * or `.mjs` file is skipped when a `.ts`/`.mts` of the same stem sits next to it, since it
 * is that script compiled (as Alembic prefers a `.py` over its `.pyc`).
 */
export function listScriptFiles(dir: string): ScriptFile[] {
  const files: ScriptFile[] = [];
  const tsStems = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const symlink = entry.isSymbolicLink();
    if (!symlink && !entry.isFile()) continue;
    const format = scriptFormat(entry.name);
    if (format === undefined) continue;
    if (/\.m?ts$/.test(entry.name)) tsStems.add(stem(entry.name));
    files.push({ fileName: entry.name, format, symlink });
  }
  return files
    .filter((f) => !(/\.m?js$/.test(f.fileName) && tsStems.has(stem(f.fileName))))
    .sort((a, b) => compareFileNames(a.fileName, b.fileName));
}

const stem = (fileName: string) => fileName.slice(0, fileName.lastIndexOf("."));
