/**
 * Declared SQL text (checks, defaults, index expressions, raw types) may name a declared
 * table or enum type with its schema (`'open'::sales.status`, as `pull` writes what the
 * server prints). In the scratch area that schema is a stand-in, so `schema.name` pairs
 * naming a declared object get the stand-in's name; everything else (string literals,
 * functions, sequences, other schemas' objects) is left as written.
 */
export function toScratchSql(
  text: string,
  scratchOf: (schema: string, name: string) => string | undefined,
): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const skipped = skip(text, i);
    if (skipped > i) {
      out += text.slice(i, skipped);
      i = skipped;
      continue;
    }
    const first = identifier(text, i);
    if (!first) {
      out += text[i];
      i++;
      continue;
    }
    const second = text[first.end] === "." ? identifier(text, first.end + 1) : undefined;
    const scratch = second && scratchOf(first.value, second.value);
    if (second && scratch !== undefined) {
      out += `${scratch}.${text.slice(first.end + 1, second.end)}`;
      i = second.end;
    } else {
      out += text.slice(i, first.end);
      i = first.end;
    }
  }
  return out;
}

interface Identifier {
  readonly value: string;
  readonly end: number;
}

/** An identifier at `i`: unquoted (folded to lower case, as the server does) or quoted. */
function identifier(text: string, i: number): Identifier | undefined {
  if (text[i] === '"') {
    let value = "";
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === '"') {
        if (text[j + 1] !== '"') return { value, end: j + 1 };
        j++;
      }
      value += text[j];
      j++;
    }
    return undefined;
  }
  const match = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(i));
  return match ? { value: match[0].toLowerCase(), end: i + match[0].length } : undefined;
}

/** The end of a string literal, dollar-quoted string or comment starting at `i`, else `i`. */
function skip(text: string, i: number): number {
  const c = text[i];
  if (c === "'") {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === "'") {
        if (text[j + 1] !== "'") return j + 1;
        j++;
      }
      j++;
    }
    return text.length;
  }
  if (c === "-" && text[i + 1] === "-") {
    const end = text.indexOf("\n", i);
    return end === -1 ? text.length : end;
  }
  if (c === "/" && text[i + 1] === "*") {
    const end = text.indexOf("*/", i + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (c === "$") {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
    if (tag) {
      const end = text.indexOf(tag, i + tag.length);
      return end === -1 ? text.length : end + tag.length;
    }
  }
  return i;
}
