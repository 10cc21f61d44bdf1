import type { Dialect } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";

/**
 * Replaces `?` or `$n` placeholders with literals, skipping quoted strings, quoted
 * identifiers and comments, so offline output carries the values a run would bind.
 */
export function inlineParams(dialect: Dialect, sql: string, params: readonly unknown[]): string {
  let out = "";
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === "`") {
      const end = closing(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (dialect.placeholder === "?" && ch === "?") {
      out += dialect.literal(take(params, next++));
      i++;
    } else if (dialect.placeholder === "$n" && ch === "$" && /\d/.test(sql[i + 1] ?? "")) {
      const m = /^\$(\d+)/.exec(sql.slice(i))!;
      out += dialect.literal(take(params, Number(m[1]) - 1));
      i += m[0].length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

function take(params: readonly unknown[], index: number): unknown {
  if (index < 0 || index >= params.length) {
    throw new MigError(
      "parameter_count",
      `The statement has more placeholders than the ${params.length} values given.`,
      {
        hint: "Pass one value per placeholder.",
      },
    );
  }
  return params[index];
}
