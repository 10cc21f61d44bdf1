import type ChildProcess from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Location } from "../config/config-load-error.js";

/**
 * Where a TypeScript script has the syntax error Node found in it after the transpiler let
 * it through (`{ a: 1,, }`): Node's import() reports none. The transpiled text, which keeps
 * the script's lines, goes through `node --check` on stdin, which prints `[stdin]:line` and
 * a caret; the column is where the caret's rest of the line starts in the script's own line
 * (types removed before it move it), else 1. Undefined for anything but a `.ts`, `.mts` or
 * `.cts` script's SyntaxError. Run only after a load already failed.
 */
export async function tsSyntaxLocation(
  path: string,
  cause: unknown,
): Promise<Location | undefined> {
  if ((cause as Error | null)?.name !== "SyntaxError" || !/\.[mc]?ts$/.test(path)) return undefined;
  let source: string;
  let code: string;
  try {
    source = readFileSync(path, "utf8");
    // Loaded here: a run whose scripts load never loads the transpiler for this.
    const { transformScript } = await import("./script-transform.js");
    code = transformScript(source, path);
  } catch {
    return undefined;
  }
  // Required here, not imported: node:child_process costs every command a few ms to load.
  const { spawnSync } = createRequire(import.meta.url)("node:child_process") as typeof ChildProcess;
  const r = spawnSync(process.execPath, ["--input-type=module", "--check"], {
    input: code,
    encoding: "utf8",
    timeout: 10_000,
  });
  const lines = (r.stderr ?? "").split("\n");
  const at = /^\[stdin\]:(\d+)$/.exec(lines[0] ?? "");
  if (!at) return undefined;
  const line = Number(at[1]);
  const caret = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
  const shown = caret > 0 ? lines[caret - 1]! : "";
  const rest = caret > 0 ? shown.slice(lines[caret]!.indexOf("^")).trimEnd() : "";
  const own = source.split(/\r?\n/)[line - 1] ?? "";
  const column = rest === "" ? -1 : own.lastIndexOf(rest);
  return { line, column: column < 0 ? 1 : column + 1 };
}
