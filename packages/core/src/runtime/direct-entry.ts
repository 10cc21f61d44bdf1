import { lineAt } from "../script/js-lexical.js";
import { TsScanner } from "../script/ts-scanner.js";

/** Which function of its scripts a run calls. */
export type RunDirection = "up" | "down";

const EXPORTED: Readonly<Record<RunDirection, readonly [run: string, other: string]>> = {
  up: ["upgrade", "downgrade"],
  down: ["downgrade", "upgrade"],
};
// Names a function cannot use apart from its module: what the bundle's module wrapper binds
// (Sucrase writes a use of an exported name as `exports.name`), and `eval`, which could name
// anything of the module's.
const WRAPPER = new Set(["exports", "require", "eval"]);

interface TopFunction {
  readonly start: number;
  readonly end: number;
  /** Every name it uses, but property names after a `.`. */
  readonly names: ReadonlySet<string>;
  /** Declared `async` with no `await` or `return` anywhere in it (nested functions too). */
  readonly awaitsNothing: boolean;
}

interface ModuleShape {
  /** Every name the module declares at its top level. */
  readonly declared: ReadonlySet<string>;
  readonly functions: ReadonlyMap<string, TopFunction>;
  /** Export name → the local name assigned to it. */
  readonly exported: ReadonlyMap<string, string>;
}

/**
 * A script's bundle code (a module body, bundle-entry.ts) cut down to the one function a run
 * of `direction` calls, or undefined where that function needs its module. It stands in for
 * the module only where running the module could do nothing else: every top-level statement
 * is a constant with a literal value, a function declaration or an `exports.name = name`;
 * both `upgrade` and `downgrade` are declared functions; and the run's function uses no name
 * the module declares. Leading newlines keep the function on its own line numbers.
 */
export function directEntryCode(code: string, direction: RunDirection): string | undefined {
  const shape = moduleShape(code);
  if (!shape) return undefined;
  const [run, other] = EXPORTED[direction];
  const local = shape.exported.get(run);
  const otherLocal = shape.exported.get(other);
  if (local === undefined || otherLocal === undefined || !shape.functions.has(otherLocal)) return;
  const fn = shape.functions.get(local);
  if (!fn) return undefined;
  for (const name of fn.names) if (shape.declared.has(name) || WRAPPER.has(name)) return;
  const lineStart = code.lastIndexOf("\n", fn.start - 1) + 1;
  const indent = code.slice(lineStart, fn.start);
  const pad = /^[ \t]*$/.test(indent) ? indent : "";
  // Without its closing brace: the bundle's entry foot closes it (bundle-store.ts).
  const body = code.slice(fn.start, fn.end - 1);
  return `${"\n".repeat(lineAt(code, fn.start) - 1)}${pad}${fn.awaitsNothing ? plainFunction(body) : body}`;
}

/**
 * An `async function` that neither awaits nor returns, as a plain function: it runs to its
 * end in the caller's turn either way, and a throw reaches the runner's catch either way, but
 * the plain one makes no promise per call and compiles to a third less code to cache (10,000
 * scripts: a 2.1 MB code cache instead of 3.3). Spaces stand in for `async`, so columns stay.
 */
function plainFunction(body: string): string {
  return `${" ".repeat(ASYNC.length)}${body.slice(ASYNC.length)}`;
}
const ASYNC = "async";

/** The module's top level, or undefined where it holds anything but what directEntryCode allows. */
function moduleShape(code: string): ModuleShape | undefined {
  const s = new TsScanner(code);
  const declared = new Set<string>();
  const functions = new Map<string, TopFunction>();
  const exported = new Map<string, string>();
  const declare = (name: string): boolean => {
    if (declared.has(name)) return false;
    declared.add(name);
    return true;
  };
  s.next();
  while (!s.atEnd()) {
    if (s.is("punct", ";")) {
      s.next();
      continue;
    }
    if (s.kind !== "name") return undefined;
    const word = s.text();
    if (word === "const" || word === "let" || word === "var") {
      if (s.next() !== "name" || !declare(s.text())) return;
      s.next();
      if (!s.is("punct", "=")) return;
      s.next();
      if (!skipLiteral(s) || !endsStatement(s)) return;
    } else if (word === "async" || word === "function") {
      const fn = readFunction(s);
      if (!fn || !declare(fn.name)) return;
      functions.set(fn.name, fn);
    } else if (word === "exports") {
      s.next();
      if (!s.is("punct", ".") || s.next() !== "name") return;
      const name = s.text();
      s.next();
      if (!s.is("punct", "=") || s.next() !== "name" || exported.has(name)) return;
      exported.set(name, s.text());
      s.next();
      if (!endsStatement(s)) return;
    } else {
      return undefined;
    }
  }
  return { declared, functions, exported };
}

/** A function declaration at the scanner (on `async` or `function`); leaves it after the body. */
function readFunction(s: TsScanner): (TopFunction & { name: string }) | undefined {
  const start = s.start;
  const isAsync = s.is("name", "async");
  if (isAsync && (s.next() !== "name" || !s.is("name", "function"))) return;
  // A generator's `*` is not a name: refused.
  if (s.next() !== "name") return undefined;
  const name = s.text();
  const names = new Set<string>();
  s.next();
  if (!s.is("punct", "(")) return undefined;
  let parens = 0;
  let braces = 0;
  let body = false;
  // Whether the last two tokens were `.`: a name after one `.` is a property, after `...` not.
  let dot = false;
  let dots = false;
  for (;;) {
    if (s.atEnd()) return undefined;
    const punct = s.punct();
    if (s.kind === "name" && !(dot && !dots)) names.add(s.text());
    else if (punct === "(") parens++;
    else if (punct === ")") parens--;
    else if (punct === "{") {
      if (parens === 0 && braces === 0) body = true;
      braces++;
    } else if (punct === "}") {
      braces--;
      if (body && braces === 0) break;
    }
    dots = dot && punct === ".";
    dot = punct === ".";
    s.next();
  }
  const end = s.end;
  s.next();
  const awaitsNothing = isAsync && !names.has("await") && !names.has("return");
  return { name, start, end, names, awaitsNothing };
}

/** Skips a literal value: a string, number, template without substitutions, keyword or array of them. */
function skipLiteral(s: TsScanner): boolean {
  if (s.kind === "string" || s.kind === "number" || (s.kind === "template" && !s.substitution)) {
    s.next();
    return true;
  }
  if (s.kind === "name") {
    const word = s.text();
    if (word !== "null" && word !== "true" && word !== "false" && word !== "undefined")
      return false;
    s.next();
    return true;
  }
  if (s.is("punct", "-")) {
    if (s.next() !== "number") return false;
    s.next();
    return true;
  }
  if (!s.is("punct", "[")) return false;
  s.next();
  while (!s.is("punct", "]")) {
    if (!skipLiteral(s)) return false;
    if (s.is("punct", ",")) s.next();
    else if (!s.is("punct", "]")) return false;
  }
  s.next();
  return true;
}

/** At a statement's end: `;` (skipped), a line break before the next token, or the end. */
function endsStatement(s: TsScanner): boolean {
  if (s.is("punct", ";")) {
    s.next();
    return true;
  }
  return s.atEnd() || s.newlineBefore;
}
