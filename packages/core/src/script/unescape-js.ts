const SIMPLE: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v" };
const HEX = /^[0-9a-fA-F]+$/;

/** Decodes the escape sequences of a JavaScript string or template literal body. */
export function unescapeJs(raw: string): string {
  let out = "";
  let from = 0;
  for (let at = raw.indexOf("\\"); at >= 0; at = raw.indexOf("\\", from)) {
    out += raw.slice(from, at);
    const c = raw.charAt(at + 1);
    from = at + 2;
    if (c in SIMPLE) out += SIMPLE[c];
    else if (c === "0" && !/[0-9]/.test(raw.charAt(at + 2))) out += "\0";
    else if (c === "x" && HEX.test(raw.slice(at + 2, at + 4)) && at + 4 <= raw.length) {
      out += String.fromCharCode(Number.parseInt(raw.slice(at + 2, at + 4), 16));
      from = at + 4;
    } else if (c === "u" && raw.charAt(at + 2) === "{") {
      const close = raw.indexOf("}", at + 3);
      const hex = raw.slice(at + 3, close);
      if (close > 0 && HEX.test(hex) && Number.parseInt(hex, 16) <= 0x10ffff) {
        out += String.fromCodePoint(Number.parseInt(hex, 16));
        from = close + 1;
      } else out += c;
    } else if (c === "u" && HEX.test(raw.slice(at + 2, at + 6)) && at + 6 <= raw.length) {
      out += String.fromCharCode(Number.parseInt(raw.slice(at + 2, at + 6), 16));
      from = at + 6;
    } else if (c === "\r") {
      if (raw.charAt(at + 2) === "\n") from++; // line continuation
    } else if (c !== "\n" && c !== "\u2028" && c !== "\u2029") {
      out += c;
    }
  }
  return out + raw.slice(from);
}
