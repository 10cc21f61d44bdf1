import { unescapeJs } from "./unescape-js.js";

// Character-level pieces of a JavaScript lexer, shared by TsScanner's token and skip modes.
// Each returns the index just past what it consumed and tracks nothing else, so that
// lines are only counted when an error needs one.

export const isIdentStart = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  c === 95 ||
  c === 36 ||
  c === 92 ||
  (c >= 0x80 && !isSpace(c));

export const isIdentPart = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `(` `,` `:` `;` `=` `[`: one-character tokens after which a `/` starts a regex. */
export const isOpeningPunct = (c: number): boolean =>
  c === 40 || c === 44 || c === 58 || c === 59 || c === 61 || c === 91;

/** Whitespace and line terminators outside ASCII. */
export const isSpace = (c: number): boolean =>
  c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;

// After these words a `/` starts a regular expression, not a division.
const REGEX_AFTER = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

export const regexMayFollowWord = (word: string): boolean => REGEX_AFTER.has(word);

/** From just after the opening quote; stops before a line break when unterminated. */
export function endOfString(text: string, pos: number, quote: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === quote) return pos + 1;
    if (c === 92) pos += text.charCodeAt(pos + 1) === 13 && text.charCodeAt(pos + 2) === 10 ? 3 : 2;
    else if (c === 10 || c === 13 || Number.isNaN(c)) return Math.min(pos, text.length);
    else pos++;
  }
}

/** From just after a backtick or a substitution's `}`: past the closing backtick, or past `${`. */
export function endOfTemplatePart(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 96) return pos + 1;
    if (c === 92) pos += 2;
    else if (c === 36 && text.charCodeAt(pos + 1) === 123) return pos + 2;
    else if (Number.isNaN(c)) return text.length;
    else pos++;
  }
}

/** Whether a template part returned by endOfTemplatePart opened a substitution. */
export const opensSubstitution = (text: string, end: number): boolean =>
  text.charCodeAt(end - 1) === 123 && text.charCodeAt(end - 2) === 36;

/** From just after `/`: past the regular expression and its flags, or -1 if it is not one. */
export function endOfRegex(text: string, pos: number): number {
  let inClass = false;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 10 || c === 13 || Number.isNaN(c)) return -1;
    if (c === 92) pos++;
    else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) break;
    pos++;
  }
  pos++;
  while (pos < text.length && isIdentPart(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Past whitespace and comments from `pos`: where the next token starts. */
export function skipTrivia(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c <= 32 || isSpace(c)) pos++;
    else if (c === 47 && text.charCodeAt(pos + 1) === 47) pos = endOfLine(text, pos);
    else if (c === 47 && text.charCodeAt(pos + 1) === 42) pos = endOfBlockComment(text, pos);
    else return Math.min(pos, text.length);
  }
}

/** The inside of the first `/** ... *\/` comment before any code (after an optional `#!` line). */
export function leadingDocComment(text: string): string | undefined {
  let pos = text.startsWith("#!") ? endOfLine(text, 0) : 0;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c <= 32 || isSpace(c)) pos++;
    else if (text.startsWith("//", pos)) pos = endOfLine(text, pos);
    else if (!text.startsWith("/*", pos)) return undefined;
    else {
      const end = endOfBlockComment(text, pos);
      if (text.charCodeAt(pos + 2) === 42 && end - pos > 4) return text.slice(pos + 3, end - 2);
      pos = end;
    }
  }
}

export function endOfLine(text: string, pos: number): number {
  const eol = text.indexOf("\n", pos);
  return eol < 0 ? text.length : eol;
}

function endOfBlockComment(text: string, pos: number): number {
  const close = text.indexOf("*/", pos + 2);
  return close < 0 ? text.length : close + 2;
}

/** The value of the string or substitution-free template literal at `start`..`end`. */
export function literalValue(text: string, start: number, end: number): string {
  const closed = end - start >= 2 && text.charCodeAt(end - 1) === text.charCodeAt(start);
  let raw = text.slice(start + 1, closed ? end - 1 : end);
  if (text.charCodeAt(start) === 96 && raw.includes("\r")) raw = raw.replace(/\r\n?/g, "\n");
  return raw.includes("\\") ? unescapeJs(raw) : raw;
}

/** 1-based line number of a position. */
export function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
