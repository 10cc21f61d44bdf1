import { MigError } from "@mig/core/dialect";

/**
 * A value as a PostgreSQL literal that means what pg would bind: bytes as `'\x..'::bytea`,
 * arrays in PostgreSQL's array text form, other objects as JSON text. `base` renders
 * what needs no PostgreSQL rule (null, numbers, booleans, strings).
 */
export function postgresLiteral(value: unknown, base: (value: unknown) => string): string {
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString("hex")}'::bytea`;
  if (Array.isArray(value)) return stringLiteral(arrayText(value));
  return base(value);
}

/** A string literal; a backslash needs no escape with standard_conforming_strings (on since 9.1). */
export function stringLiteral(text: string): string {
  if (text.includes("\0")) {
    throw new MigError("invalid_value", "PostgreSQL text cannot hold a NUL character (\\0).", {
      hint: "Strip NUL characters, or store the value as bytea.",
    });
  }
  return `'${text.replaceAll("'", "''")}'`;
}

function arrayText(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayText(v);
    const text =
      v instanceof Date
        ? v.toISOString()
        : v instanceof Uint8Array
          ? `\\x${Buffer.from(v).toString("hex")}`
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
    return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

/**
 * Puts `$n` parameters into a statement as literals, for offline output, skipping what
 * PostgreSQL does not read as a placeholder: '...' and E'...' strings, "identifiers",
 * $tag$ dollar-quoted bodies $tag$, -- and (nested) /* comments.
 */
export function inlinePostgresParams(
  sql: string,
  params: readonly unknown[],
  literal: (value: unknown) => string,
): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const start = i;
    if (ch === "'") {
      const escapes = /[eE]/.test(sql[i - 1] ?? "") && !/[\w$]/.test(sql[i - 2] ?? "");
      i = quoted(sql, i, "'", escapes);
    } else if (ch === '"') {
      i = quoted(sql, i, '"', false);
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
    } else if (ch === "/" && sql[i + 1] === "*") {
      i = blockComment(sql, i);
    } else if (ch === "$" && /\d/.test(sql[i + 1] ?? "") && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const m = /^\$(\d+)/.exec(sql.slice(i))!;
      const index = Number(m[1]) - 1;
      if (index < 0 || index >= params.length) {
        throw new MigError(
          "parameter_count",
          `The statement uses $${m[1]} but ${params.length} values were given.`,
          {
            hint: "Pass one value per placeholder ($1, $2, ...).",
          },
        );
      }
      out += literal(params[index]);
      i += m[0].length;
      continue;
    } else if (ch === "$" && !/[\w$]/.test(sql[i - 1] ?? "")) {
      const tag = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end < 0 ? sql.length : end + tag[0].length;
      } else i++;
    } else i++;
    out += sql.slice(start, i);
  }
  return out;
}

function quoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === "\\") i += 2;
    else if (ch === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else i++;
  }
  return sql.length;
}

function blockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}
