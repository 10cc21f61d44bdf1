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
  // `$n` may use a value twice or skip one; every value given must be used at least once.
  const used = new Uint8Array(params.length);
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
      used[next] = 1;
      out += dialect.literal(take(params, next++));
      i++;
    } else if (dialect.placeholder === "$n" && ch === "$" && /\d/.test(sql[i + 1] ?? "")) {
      const m = /^\$(\d+)/.exec(sql.slice(i))!;
      used[Number(m[1]) - 1] = 1;
      out += dialect.literal(take(params, Number(m[1]) - 1));
      i += m[0].length;
    } else {
      out += ch;
      i++;
    }
  }
  const unused = used.indexOf(0);
  if (unused >= 0) throw unusedValue(dialect, params.length, unused);
  return out;
}

/** Values the SQL has no placeholder for: most often the other databases' placeholder style. */
function unusedValue(dialect: Dialect, count: number, index: number): MigError {
  const style = dialect.placeholder === "?" ? "?" : "$1, $2, ...";
  return new MigError(
    "parameter_count",
    `The statement was given ${count} value${count === 1 ? "" : "s"}, but has no placeholder for value ${index + 1}.`,
    { hint: `Write one placeholder per value, in ${dialect.name}'s style (${style}).` },
  );
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
