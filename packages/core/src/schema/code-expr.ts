import {
  breakParent,
  conditionalGroup,
  type Doc,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  printDoc,
  softline,
  willBreak,
} from "./code-doc.js";

/** The few JavaScript expressions generated code is made of. */
export type Expr =
  | { readonly kind: "string"; readonly value: string }
  /** Source text used as written: a number, `true`, `null`, an identifier. */
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly Expr[] }
  | { readonly kind: "object"; readonly props: readonly (readonly [string, Expr])[] }
  | { readonly kind: "array"; readonly items: readonly Expr[] }
  /** `(params) => { statements }`. */
  | { readonly kind: "arrow"; readonly params: string; readonly body: readonly Expr[] };

export const str = (value: string): Expr => ({ kind: "string", value });
export const code = (text: string): Expr => ({ kind: "code", text });
export const call = (callee: string, ...args: Expr[]): Expr => ({ kind: "call", callee, args });
export const arr = (items: readonly Expr[]): Expr => ({ kind: "array", items });
export const strings = (items: readonly string[]): Expr => arr(items.map(str));

/** An object literal from entries; `undefined` values are left out. */
export function obj(entries: readonly (readonly [string, Expr | undefined])[]): Expr {
  const props = entries.filter((e): e is readonly [string, Expr] => e[1] !== undefined);
  return { kind: "object", props };
}

/** A trailing options argument: none when every entry is `undefined`. */
export function optionsArg(entries: readonly (readonly [string, Expr | undefined])[]): Expr[] {
  return entries.some((e) => e[1] !== undefined) ? [obj(entries)] : [];
}

/**
 * A string literal as biome writes it: double quotes unless the text holds more double
 * than single quotes; control characters and lone surrogates escaped.
 */
export function quote(value: string): string {
  const doubles = value.split('"').length;
  const singles = value.split("'").length;
  const q = doubles > singles ? "'" : '"';
  let out = q;
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (
      c < 0x20 ||
      c === 0x7f ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return out + q;
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** A property key: bare when it is an identifier, else a string literal. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

/** Object keys a literal cannot hold in written order (integer-like) or at all. */
export function isAwkwardKey(key: string): boolean {
  return key === "__proto__" || /^(0|[1-9]\d*)$/.test(key);
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** The layout biome gives `expr`. */
export function exprDoc(expr: Expr): Doc {
  switch (expr.kind) {
    case "string":
      return quote(expr.value);
    case "code":
      return expr.text;
    case "call":
      return [expr.callee, argumentsDoc(expr.args)];
    case "object":
      return objectDoc(expr);
    case "array":
      return arrayDoc(expr);
    case "arrow":
      return arrowDoc(expr);
  }
}

function objectDoc(expr: Extract<Expr, { kind: "object" }>): Doc {
  if (expr.props.length === 0) return "{}";
  const props = expr.props.map(([key, value]) => propertyDoc(propertyKey(key), value));
  return group(["{", indent([line, join([",", line], props)]), ifBreak(","), line, "}"]);
}

/** A long string value moves to its own line; other values stay after the colon. */
function propertyDoc(key: string, value: Expr): Doc {
  if (value.kind === "string" && key.length >= 2) {
    return group([key, ":", group(indent([line, exprDoc(value)]))]);
  }
  return [key, ": ", exprDoc(value)];
}

function arrayDoc(expr: Extract<Expr, { kind: "array" }>): Doc {
  if (expr.items.length === 0) return "[]";
  const first = expr.items[0]!.kind;
  // Several objects (or arrays) of more than one entry each go one to a line.
  const oneToALine =
    expr.items.length > 1 &&
    expr.items.every(
      (item) =>
        item.kind === first &&
        ((item.kind === "object" && item.props.length > 1) ||
          (item.kind === "array" && item.items.length > 1)),
    );
  const items = expr.items.map(exprDoc);
  return group(
    ["[", indent([softline, join([",", line], items)]), ifBreak(","), softline, "]"],
    oneToALine,
  );
}

function arrowDoc(expr: Extract<Expr, { kind: "arrow" }>): Doc {
  if (expr.body.length === 0) return `(${expr.params}) => {}`;
  const statements = expr.body.map((s) => [exprDoc(s), ";"]);
  return [`(${expr.params}) => {`, indent([hardline, join(hardline, statements)]), hardline, "}"];
}

function expandable(expr: Expr): boolean {
  return (
    (expr.kind === "object" && expr.props.length > 0) ||
    (expr.kind === "array" && expr.items.length > 0) ||
    expr.kind === "arrow"
  );
}

/** Call arguments: on one line, else the last object/array/function hugged, else one a line. */
function argumentsDoc(args: readonly Expr[]): Doc {
  if (args.length === 0) return "()";
  const printed = args.map(exprDoc);
  const allBroken = () =>
    group(["(", indent([line, join([",", line], printed)]), ",", line, ")"], true);
  const last = args.at(-1)!;
  const penultimate = args.at(-2);
  const conciseArray =
    last.kind === "array" &&
    last.items.length > 1 &&
    last.items.every((i) => i.kind === "code" && /^-?[\d.]/.test(i.text));
  const hugLast =
    expandable(last) &&
    penultimate?.kind !== last.kind &&
    !(args.length === 2 && penultimate?.kind === "arrow" && last.kind === "array") &&
    !(args.length > 1 && conciseArray);
  if (hugLast) {
    const nonLast = printed.slice(0, -1);
    if (nonLast.some(willBreak)) return allBroken();
    const lastDoc = printed.at(-1)!;
    return [
      printed.some(willBreak) ? breakParent : "",
      conditionalGroup([
        ["(", join(", ", printed), ")"],
        ["(", join(", ", [...nonLast, group(lastDoc, true)]), ")"],
        allBroken(),
      ]),
    ];
  }
  return group(
    ["(", indent([softline, join([",", line], printed)]), ifBreak(","), softline, ")"],
    printed.some(willBreak),
  );
}

/** `expr;` (after `prefix`, such as `await `) laid out in `width` columns, as lines. */
export function statementLines(expr: Expr, width: number, prefix = ""): string[] {
  return printDoc([prefix, exprDoc(expr), ";"], width).split("\n");
}
