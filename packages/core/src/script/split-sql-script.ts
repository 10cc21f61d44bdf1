import { readSqlHeader, SQL_MARKER } from "./read-sql-header.js";
import { HeaderParseError } from "./script-errors.js";

export interface SqlScriptParts {
  /** The SQL after `-- migrate:up`, trimmed; empty when there is only comments. */
  readonly up: string;
  /** The SQL after `-- migrate:down`, trimmed; empty when only comments. */
  readonly down: string;
  /** Whether the script has a `-- migrate:down` line (without one it cannot be downgraded). */
  readonly hasDown: boolean;
  readonly transactional: boolean;
}

/** Splits a SQL migration into the SQL to run for upgrade and for downgrade. */
export function splitSqlScript(text: string, file: string): SqlScriptParts {
  const info = readSqlHeader(text, file);
  const sections: Record<"head" | "up" | "down", string[]> = { head: [], up: [], down: [] };
  let current: keyof typeof sections = "head";
  let hasDown = false;
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    const marker = SQL_MARKER.exec(line);
    if (!marker) {
      sections[current].push(line);
      continue;
    }
    const next = marker[1]!.toLowerCase() as "up" | "down";
    if (current === "down" || next === current) {
      throw new HeaderParseError(
        file,
        i + 1,
        `a second \`-- migrate:${next}\` line`,
        "Keep one `-- migrate:up` and one `-- migrate:down` line.",
      );
    }
    current = next;
    if (next === "down") hasDown = true;
  }
  return {
    up: sqlText(sections.up),
    down: sqlText(sections.down),
    hasDown,
    transactional: info.transactional ?? true,
  };
}

function sqlText(lines: readonly string[]): string {
  const text = lines.join("\n").replace(/\r$/gm, "").trim();
  const onlyComments = text.split("\n").every((l) => l.trim() === "" || l.trim().startsWith("--"));
  return onlyComments ? "" : text;
}
