import { readFileSync } from "node:fs";
import { readScriptInfo } from "../script/script-directory.js";
import type { Script } from "../script/script-info.js";
import { refuse } from "./squash-range.js";

/**
 * A child script's text with `from` replaced by `to` in its down revision, and nothing
 * else touched: only the id inside the `downRevision` literal (or the `-- down_revision:`
 * line) changes. The result is read back; a header that does not come out as expected is
 * a refusal, never a guess.
 */
export function repointChild(script: Script, from: string, to: string): string {
  const text = readFileSync(script.path, "utf8");
  const declaration =
    script.format === "sql"
      ? /^--[ \t]*down_revision[ \t]*:/m.exec(text)
      : /\bexport\s+(?:const|let|var)\s+downRevision\b/.exec(text);
  let next: string | undefined;
  if (declaration) {
    const start = declaration.index + declaration[0].length;
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const id = new RegExp(
      script.format === "sql"
        ? `(?<=[\\s,:])${escaped}(?=[\\s,]|$)`
        : `(?<=["'\`])${escaped}(?=["'\`])`,
      "m",
    );
    const found = id.exec(text.slice(start));
    if (found) {
      const at = start + found.index;
      next = text.slice(0, at) + to + text.slice(at + from.length);
    }
  }
  const expected = script.header.downRevisions.map((id) => (id === from ? to : id));
  if (next !== undefined) {
    try {
      const read = readScriptInfo(next, script.format, script.path).header.downRevisions;
      if (read.length === expected.length && read.every((id, i) => id === expected[i])) return next;
    } catch {
      // fall through to the refusal
    }
  }
  throw refuse(
    `Cannot re-point ${script.fileName}'s downRevision from ${from} to ${to} without rewriting more of it.`,
    `Write its downRevision as a string literal ("${from}") and run mig squash again.`,
  );
}
