import { transformCached } from "./transform-cache.js";

// What a function body cannot stand in for in an ES module (import.meta, dynamic import,
// `export *`, TypeScript's `export =`, a script naming `require` or `exports` itself, even
// in a comment, `new.target`), or what would name the whole bundle (a sourceURL comment):
// such a script loads on its own, as an ES module.
const UNBUNDLEABLE =
  /\bimport\s*\.\s*meta\b|\bimport\s*\(|\bexport\s*\*|\bexport\s*=|(?<![.\w$])(?:require|exports)\b(?!\s*:)|\bnew\s*\.\s*target\b|[#@]\s*source(?:Mapping)?URL\s*=/;
const REQUIRE = /\brequire\s*\(/g;
const REQUIRE_CALL = /\brequire\('([^'\\\n]*)'\)/g;
// Sucrase's first line; the bundle is strict as a whole and nothing reads the flag.
const PREAMBLE = '"use strict";Object.defineProperty(exports, "__esModule", {value: true});';

// Part of a bundle's format: bump when the entries' transform or Sucrase's version change output.
export const ENTRY_VERSION = "sucrase-3.35.1-body-1";

export interface EntryCode {
  /** The script as the body of `async function (exports, require)`, lines kept. */
  readonly code: string;
  /** The specifiers it imports, in order. */
  readonly requires: readonly string[];
}

/** A script as a bundle entry, or undefined when it must load on its own (or cannot be transpiled). */
export async function bundleEntryCode(
  path: string,
  source: string,
): Promise<EntryCode | undefined> {
  if (UNBUNDLEABLE.test(source)) return undefined;
  let code: string;
  try {
    code = await transformCached(source, path, loadBodyTransform, "function-body");
  } catch {
    // Loading it on its own reports the syntax error as a lone script always has.
    return undefined;
  }
  if (code.startsWith(PREAMBLE)) code = code.slice(PREAMBLE.length);
  const requires = [...code.matchAll(REQUIRE_CALL)].map((m) => m[1]!);
  // Every `require` must be one of Sucrase's own calls with a plain string.
  if ((code.match(REQUIRE) ?? []).length !== requires.length) return undefined;
  return { code, requires: [...new Set(requires)] };
}

async function loadBodyTransform(): Promise<(source: string, path: string) => string> {
  return (await import("./script-transform.js")).transformScriptBody;
}
