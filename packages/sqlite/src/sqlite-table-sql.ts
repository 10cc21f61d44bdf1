/**
 * A small SQL tokenizer for the CREATE TABLE and CREATE INDEX text SQLite keeps in
 * sqlite_master: the PRAGMAs give no constraint names, CHECK expressions, AUTOINCREMENT
 * or index expressions, so those are read back from the statement as written.
 */

export type TokenKind = "word" | "identifier" | "string" | "punct" | "other";

export interface Token {
  readonly kind: TokenKind;
  /** The token as written, quotes included. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]", "'": "'" };

/** Splits SQL into tokens, dropping whitespace and `--` / `/* *\/` comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (sql.startsWith("--", i)) {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith("/*", i)) {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (ch in CLOSERS) {
      const end = quotedEnd(sql, i, CLOSERS[ch]!);
      const kind = ch === "'" ? "string" : "identifier";
      tokens.push({ kind, text: sql.slice(i, end), start: i, end });
      i = end;
    } else if (/[\p{L}\p{N}_$]/u.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /[\p{L}\p{N}_$]/u.test(sql[end]!)) end += 1;
      tokens.push({ kind: "word", text: sql.slice(i, end), start: i, end });
      i = end;
    } else {
      const kind = "(),;.".includes(ch) ? "punct" : "other";
      tokens.push({ kind, text: ch, start: i, end: i + 1 });
      i += 1;
    }
  }
  return tokens;
}

/** A quoted token runs to its closing quote; a doubled quote inside is one character. */
function quotedEnd(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== "]" && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return sql.length;
}

/** The name a word or quoted token stands for. */
export function nameOf(token: Token): string {
  if (token.kind !== "identifier" && token.kind !== "string") return token.text;
  const open = token.text[0]!;
  const body = token.text.slice(1, -1);
  return open === "[" ? body : body.replaceAll(open + open, open);
}

/** True for an unquoted keyword, in any case. */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === "word" && words.includes(token.text.toUpperCase());
}

/** The index of the `)` that closes the `(` at `open`. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i += 1) {
    const text = tokens[i]!.kind === "punct" ? tokens[i]!.text : "";
    if (text === "(") depth += 1;
    else if (text === ")") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

/** Splits tokens at top-level commas (commas inside parentheses stay in their item). */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const items: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && token.text === "(") depth += 1;
    if (token.kind === "punct" && token.text === ")") depth -= 1;
    if (depth === 0 && token.kind === "punct" && token.text === ",") items.push([]);
    else items[items.length - 1]!.push(token);
  }
  return items.filter((item) => item.length > 0);
}

/** The first top-level `(...)` group at or after `from`: its inner tokens and where it ends. */
export function parenGroup(
  tokens: readonly Token[],
  from = 0,
): { readonly inner: Token[]; readonly open: number; readonly close: number } | undefined {
  const open = tokens.findIndex((t, i) => i >= from && t.kind === "punct" && t.text === "(");
  if (open < 0) return undefined;
  const close = closingParen(tokens, open);
  return { inner: tokens.slice(open + 1, close), open, close };
}

/** The source text tokens cover, comments inside them included. */
export function textOf(sql: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return "";
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

/** `(x)` -> `x`, when one pair of parentheses wraps the whole text. */
export function unwrapParens(sql: string): string {
  const tokens = tokenize(sql);
  const first = tokens[0];
  if (first?.text !== "(" || closingParen(tokens, 0) !== tokens.length - 1) return sql.trim();
  return sql.slice(first.end, tokens[tokens.length - 1]!.start).trim();
}

/** What follows a CREATE TABLE's column list (`WITHOUT ROWID, STRICT`), as written. */
export function tableOptions(createSql: string): string {
  const tokens = tokenize(createSql);
  const body = parenGroup(tokens);
  return body ? textOf(createSql, tokens.slice(body.close + 1)) : "";
}
