import {
  endOfLine,
  endOfRegex,
  endOfString,
  endOfTemplatePart,
  isDigit,
  isIdentPart,
  isIdentStart,
  isOpeningPunct,
  isSpace,
  lineAt,
  literalValue,
  opensSubstitution,
  regexMayFollowWord,
  skipTrivia,
} from "./js-lexical.js";

export type TokenKind = "name" | "string" | "template" | "number" | "regex" | "punct" | "eof";

// Whether a `/` after the previous token would start a regex: yes, no, or ask the word.
const YES = 0;
const NO = 1;
const WORD = 2;

/**
 * Just enough of a JavaScript/TypeScript lexer to find top-level declarations without being
 * fooled by comments, strings, template literals and regular expressions. `next()` reads one
 * token into the fields (nothing is allocated per token); `skipToExport()` runs through code
 * up to the next `export` keyword several times faster, which is where most of a file goes.
 */
export class TsScanner {
  readonly #text: string;
  #pos = 0;
  #braces = 0;
  readonly #templateBraces: number[] = [];
  #regex = YES;

  kind: TokenKind = "eof";
  start = 0;
  end = 0;
  /** A line break separates this token from the previous one (what ASI looks at). */
  newlineBefore = false;
  /** A template literal token that has (or continues after) a `${}` substitution. */
  substitution = false;

  constructor(text: string) {
    this.#text = text;
    if (text.startsWith("#!")) this.#pos = this.end = endOfLine(text, 0);
  }

  /** 1-based line of a position (such as a token's `start`); counted only when an error needs it. */
  lineAt(pos: number): number {
    return lineAt(this.#text, pos);
  }

  /** The current token when it is punctuation, else "". */
  punct(): string {
    return this.kind === "punct" ? this.text() : "";
  }

  text(): string {
    return this.#text.slice(this.start, this.end);
  }

  is(kind: TokenKind, text: string): boolean {
    return (
      this.kind === kind &&
      this.end - this.start === text.length &&
      this.#text.startsWith(text, this.start)
    );
  }

  /** At the end (a method, so TypeScript does not carry a narrowed `kind` over `next()`). */
  atEnd(): boolean {
    return this.kind === "eof";
  }

  /** The value of the current string or substitution-free template token. */
  stringValue(): string {
    return literalValue(this.#text, this.start, this.end);
  }

  next(): TokenKind {
    const text = this.#text;
    const start = skipTrivia(text, this.#pos);
    const eol = text.indexOf("\n", this.end);
    this.newlineBefore = eol >= 0 && eol < start;
    return this.#token(start);
  }

  /** Moves to the next `export` keyword outside comments, strings and templates, or the end. */
  skipToExport(): TokenKind {
    const text = this.#text;
    let pos = this.#pos;
    let regex = this.#regex;
    let word = 0;
    let wordEnd = 0;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c <= 32 || isSpace(c)) {
        pos++;
      } else if (isIdentStart(c)) {
        word = pos++;
        while (pos < text.length && isIdentPart(text.charCodeAt(pos))) pos++;
        wordEnd = pos;
        if (pos - word === 6 && text.startsWith("export", word)) {
          this.newlineBefore = true;
          this.#regex = regex;
          return this.#token(word);
        }
        regex = WORD;
      } else if (c === 47 && (text.charCodeAt(pos + 1) === 47 || text.charCodeAt(pos + 1) === 42)) {
        pos = skipTrivia(text, pos);
      } else if (c === 34 || c === 39) {
        pos = endOfString(text, pos + 1, c);
        regex = NO;
      } else if (c === 41 || c === 93) {
        pos++;
        regex = NO;
      } else if (isOpeningPunct(c) || (c === 46 && !isDigit(text.charCodeAt(pos + 1)))) {
        pos++;
        regex = YES;
      } else {
        // Anything else is one token, which #token reads exactly as next() would.
        if (regex === WORD)
          regex = c === 47 && regexMayFollowWord(text.slice(word, wordEnd)) ? YES : NO;
        this.#regex = regex;
        this.#token(pos);
        pos = this.end;
        regex = this.#regex;
      }
    }
    this.#regex = regex;
    return this.#token(text.length);
  }

  /** Reads the token at `pos` (trivia already skipped) into the fields. */
  #token(pos: number): TokenKind {
    const text = this.#text;
    const c = text.charCodeAt(pos);
    if (c === 47 && this.#regex === WORD) this.#regex = regexMayFollowWord(this.text()) ? YES : NO;
    const regexEnd = c === 47 && this.#regex === YES ? endOfRegex(text, pos + 1) : -1;
    this.start = pos;
    this.substitution = false;
    let kind: TokenKind = "punct";
    if (pos >= text.length) {
      kind = "eof";
    } else if (isIdentStart(c)) {
      while (++pos < text.length && isIdentPart(text.charCodeAt(pos)));
      kind = "name";
    } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(pos + 1)))) {
      while (
        ++pos < text.length &&
        (isIdentPart(text.charCodeAt(pos)) || text.charCodeAt(pos) === 46)
      );
      kind = "number";
    } else if (c === 34 || c === 39) {
      pos = endOfString(text, pos + 1, c);
      kind = "string";
    } else if (c === 96 || (c === 125 && this.#templateBraces.at(-1) === this.#braces)) {
      if (c === 125) this.#templateBraces.pop();
      pos = endOfTemplatePart(text, pos + 1);
      this.substitution = c === 125 || opensSubstitution(text, pos);
      if (opensSubstitution(text, pos)) this.#templateBraces.push(this.#braces);
      kind = "template";
    } else if (regexEnd > 0) {
      pos = regexEnd;
      kind = "regex";
    } else {
      pos++;
      if (c === 123) this.#braces++;
      else if (c === 125) this.#braces--;
      else if (c === 61 && text.charCodeAt(pos) === 62)
        pos++; // =>
      else if (c === 61) while (text.charCodeAt(pos) === 61) pos++; // == ===
    }
    this.#pos = this.end = pos;
    if (kind === "template") this.#regex = opensSubstitution(text, pos) ? YES : NO;
    else if (kind === "punct") this.#regex = c === 41 || c === 93 ? NO : YES;
    else this.#regex = kind === "name" ? WORD : NO;
    this.kind = kind;
    return kind;
  }
}
