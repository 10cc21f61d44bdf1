import { MigError } from "@mig/core/dialect";

const ESCAPES: Readonly<Record<string, string>> = {
  "\0": "\\0",
  "\n": "\\n",
  "\r": "\\r",
  "\x1a": "\\Z",
  "\\": "\\\\",
  "'": "''",
};

/**
 * A MySQL string literal. Backslashes are escaped too: MySQL reads `\` as an escape
 * character unless the server runs with NO_BACKSLASH_ESCAPES.
 */
export function mysqlStringLiteral(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and Ctrl-Z are what MySQL escapes
  return `'${text.replace(/[\0\n\r\x1a\\']/g, (ch) => ESCAPES[ch]!)}'`;
}

/** `'YYYY-MM-DD HH:MM:SS.mmm'` in UTC: what DATETIME accepts (an ISO `Z` suffix it does not). */
export function mysqlDateLiteral(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new TypeError("Cannot render an invalid Date as a SQL literal");
  return `'${date.toISOString().replace("T", " ").replace("Z", "")}'`;
}

/**
 * Replaces each `?` with `literal(value)`, skipping quoted strings (backslash escapes
 * included), backticked identifiers and comments (`-- `, `#`, `/* *\/`). Online runs use
 * this too, so a statement runs with exactly the text `--sql` would print.
 */
export function inlineMysqlParams(
  sql: string,
  params: readonly unknown[],
  literal: (value: unknown) => string,
): string {
  let out = "";
  let next = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    let end = i + 1;
    if (ch === "'" || ch === '"' || ch === "`") end = closingQuote(sql, i, ch);
    else if ((ch === "-" && sql[i + 1] === "-" && /[\s]/.test(sql[i + 2] ?? " ")) || ch === "#") {
      const newline = sql.indexOf("\n", i);
      end = newline < 0 ? sql.length : newline;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      end = close < 0 ? sql.length : close + 2;
    } else if (ch === "?") {
      if (next >= params.length) throw countError(sql, params.length);
      out += literal(params[next++]);
      i++;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (next !== params.length) throw countError(sql, params.length, next);
  return out;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "\\" && quote !== "`") i += 2;
    else if (ch === quote && sql[i + 1] === quote) i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function countError(sql: string, given: number, used?: number): MigError {
  const flat = sql.replace(/\s+/g, " ").trim().slice(0, 80);
  const found = used === undefined ? `more than ${given}` : String(used);
  return new MigError(
    "parameter_count",
    `The statement \`${flat}\` has ${found} placeholder(s) but ${given} value(s) were given.`,
    { hint: "Pass one value per `?` placeholder." },
  );
}
