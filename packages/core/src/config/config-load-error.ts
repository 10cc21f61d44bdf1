import type * as ChildProcess from "node:child_process";
import { createRequire } from "node:module";
import { basename, relative } from "node:path";
import { firstLine, thrownMessage } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import { lineIn } from "../errors/stack-frames.js";

export interface Location {
  readonly line: number;
  readonly column: number;
}

/** A config file that failed to import; a syntax error is named by file:line:column. */
export function configLoadError(path: string, cwd: string, cause: unknown): MigError {
  const text = thrownMessage(cause);
  const detail = firstLine(cause)
    .replace(/^ParseError:\s*/, "")
    .replace(/^Error transforming .*?: /, "")
    .trim();
  const at = syntaxLocation(path, cause, text);
  if (at) {
    const where = `${relative(cwd, path) || path}:${at.line}:${at.column}`;
    const reason = detail.replace(/\s*\(\d+:\d+\)$/, "").replace(/\.$/, "");
    return new MigError("config_invalid", `Syntax error in ${where}: ${reason}.`, {
      usage: true,
      hint: "Fix the config file at that line.",
      cause,
    });
  }
  // A runtime error (a typo'd name): the config's line where it was thrown.
  const line = lineIn(cause, path);
  const where = line === undefined ? basename(path) : `${basename(path)}:${line}`;
  return new MigError("config_invalid", `Cannot load ${where}: ${detail}`, {
    usage: true,
    hint: `Fix the error ${line === undefined ? "in the config file" : "at that line"} (run with --verbose for the full trace).`,
    cause,
  });
}

/** Where a module that failed to import has its syntax error, when it is one. */
export function syntaxLocation(path: string, cause: unknown, text: string): Location | undefined {
  // Sucrase's positions count lines and columns from 1, as editors do.
  const loc = (cause as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  if (typeof loc?.line === "number" && typeof loc.column === "number") {
    return { line: loc.line, column: loc.column };
  }
  const syntax = (cause as Error | null)?.name === "SyntaxError";
  if (!syntax && !text.startsWith("ParseError")) return undefined;
  const inText =
    new RegExp(`${escapeRegExp(path)}:(\\d+):(\\d+)`).exec(text) ??
    /\((\d+):(\d+)\)\s*$/.exec(text.split("\n")[0] ?? "");
  if (inText) return { line: Number(inText[1]), column: Number(inText[2]) };
  return syntax && /\.[mc]?js$/.test(path) ? checkedLocation(path) : undefined;
}

/**
 * Node's import() reports an ES module's syntax error without a position; `node --check`
 * prints `file:line` and a caret under the column. Run only after a load already failed.
 */
function checkedLocation(path: string): Location | undefined {
  // Required here, not imported: node:child_process costs every command a few ms to load.
  const { spawnSync } = createRequire(import.meta.url)("node:child_process") as typeof ChildProcess;
  const r = spawnSync(process.execPath, ["--check", path], { encoding: "utf8", timeout: 10_000 });
  const lines = (r.stderr ?? "").split("\n");
  const line = /:(\d+)$/.exec(lines[0] ?? "");
  const caret = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
  if (!line) return undefined;
  return { line: Number(line[1]), column: caret < 0 ? 1 : lines[caret]!.indexOf("^") + 1 };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
