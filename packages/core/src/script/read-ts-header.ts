import type { RevisionHeader } from "../revision/revision-header.js";
import { HeaderParseError } from "./script-errors.js";
import type { ScriptInfo } from "./script-info.js";
import { docMessage } from "./doc-message.js";
import { TsScanner } from "./ts-scanner.js";

type Value = string | readonly string[] | null | boolean;

const LIST = "a string literal, an array of string literals, or null";
/** The exports a header is made of: what each must be written as, and an example. */
const EXPECTED: ReadonlyMap<string, readonly [what: string, example: string]> = new Map([
  ["revision", ["a string literal", 'export const revision = "ae1027a6acf0";']],
  ["downRevision", [LIST, 'export const downRevision = "1975ea83b712"; (null for a base, an array for a merge)']],
  ["branchLabels", [LIST, 'export const branchLabels = ["feature"];']],
  ["dependsOn", [LIST, 'export const dependsOn = ["1975ea83b712"];']],
  ["transactional", ["true or false", "export const transactional = false;"]],
]);

/**
 * Reads a TS/JS migration's header without running it: the leading doc comment and the
 * exported `revision`, `downRevision`, `branchLabels`, `dependsOn` and `transactional`
 * constants, which must be literals. `file` is only used in error messages.
 */
export function readTsHeader(text: string, file: string): ScriptInfo {
  const scanner = new TsScanner(text);
  const found = new Map<string, Value>();
  scanner.next();
  while (scanner.kind !== "eof") {
    if (!scanner.is("name", "export")) {
      scanner.skipToExport();
      continue;
    }
    scanner.next();
    if (scanner.is("name", "const") || scanner.is("name", "let") || scanner.is("name", "var")) {
      scanner.next();
      readDeclarations(scanner, found, file);
    } else if (scanner.is("punct", "{")) {
      rejectExportList(scanner, file);
    }
  }

  const revision = found.get("revision") as string | undefined;
  if (revision === undefined) {
    throw new HeaderParseError(file, undefined, "no `export const revision`", `Add ${EXPECTED.get("revision")![1]}`);
  }
  if (!found.has("downRevision")) {
    throw new HeaderParseError(
      file,
      undefined,
      "no `export const downRevision`",
      "Add export const downRevision = null; for a base, or the id of the revision this one follows.",
    );
  }
  const header: RevisionHeader = {
    revision,
    downRevisions: list(found.get("downRevision")),
    branchLabels: list(found.get("branchLabels")),
    dependsOn: list(found.get("dependsOn")),
    message: docMessage(scanner.docComment()),
  };
  const transactional = found.get("transactional") as boolean | undefined;
  return transactional === undefined ? { header } : { header, transactional };
}

/** `export const a = ..., b = ...`: reads the header names; stops at the first other name. */
function readDeclarations(scanner: TsScanner, found: Map<string, Value>, file: string): void {
  while (scanner.kind === "name" && EXPECTED.has(scanner.text())) {
    const name = scanner.text();
    const at = scanner.start;
    if (found.has(name)) {
      throw new HeaderParseError(file, scanner.lineAt(at), `\`${name}\` is exported twice`, "Keep one declaration of it.");
    }
    scanner.next();
    if (scanner.is("punct", ":")) {
      scanner.next();
      skipType(scanner, true);
    }
    if (!scanner.is("punct", "=")) throw notStatic(scanner, at, name, file);
    scanner.next();
    const valueAt = scanner.start;
    found.set(name, readValue(scanner, name, file));
    if (!scanner.newlineBefore && (scanner.is("name", "as") || scanner.is("name", "satisfies"))) {
      scanner.next();
      skipType(scanner, false);
    }
    if (scanner.is("punct", ",")) {
      scanner.next();
      continue;
    }
    if (scanner.is("punct", ";")) scanner.next();
    else if (!scanner.atEnd() && !(scanner.newlineBefore && !continuesExpression(scanner))) {
      throw notStatic(scanner, valueAt, name, file);
    }
    return;
  }
}

function readValue(scanner: TsScanner, name: string, file: string): Value {
  const at = scanner.start;
  let value: Value;
  if (name === "transactional") {
    if (!scanner.is("name", "true") && !scanner.is("name", "false")) throw notStatic(scanner, at, name, file);
    value = scanner.text() === "true";
  } else if (isStringLiteral(scanner)) {
    value = scanner.stringValue();
    if (name === "revision" && value === "") {
      throw new HeaderParseError(file, scanner.lineAt(at), "`revision` is empty", `Write it as ${EXPECTED.get("revision")![1]}`);
    }
  } else if (name !== "revision" && scanner.is("name", "null")) {
    value = null;
  } else if (name !== "revision" && scanner.is("punct", "[")) {
    const items: string[] = [];
    scanner.next();
    while (!scanner.is("punct", "]")) {
      if (!isStringLiteral(scanner)) throw notStatic(scanner, scanner.start, name, file);
      items.push(scanner.stringValue());
      scanner.next();
      if (scanner.is("punct", ",")) scanner.next();
      else if (!scanner.is("punct", "]")) throw notStatic(scanner, scanner.start, name, file);
    }
    value = items;
  } else {
    throw notStatic(scanner, at, name, file);
  }
  scanner.next();
  return value;
}

const isStringLiteral = (s: TsScanner) => s.kind === "string" || (s.kind === "template" && !s.substitution);

/**
 * Skips a type annotation (`toEquals`: up to its `=`) or the type after `as`/`satisfies`
 * (up to the end of the statement or the next declarator).
 */
function skipType(scanner: TsScanner, toEquals: boolean): void {
  let depth = 0;
  for (; scanner.kind !== "eof"; scanner.next()) {
    const c = scanner.punct();
    if (depth === 0 && (c === ";" || (toEquals ? c === "=" : c === ","))) return;
    if (c === "(" || c === "[" || c === "{" || c === "<") depth++;
    else if (c === ")" || c === "]" || c === "}" || c === ">") depth--;
    if (!toEquals && depth === 0 && scanner.newlineBefore && !continuesExpression(scanner)) return;
  }
}

// A token that, even after a line break, carries on the expression before it (no ASI).
function continuesExpression(scanner: TsScanner): boolean {
  if (scanner.kind === "template") return true;
  return scanner.kind === "punct" && ".([+-*/%?&|^<>=!,".includes(scanner.punct().charAt(0));
}

/** `export { x as revision }` hides the value from a static read. */
function rejectExportList(scanner: TsScanner, file: string): void {
  let last: { name: string; at: number } | undefined;
  for (scanner.next(); scanner.kind !== "eof"; scanner.next()) {
    const end = scanner.is("punct", "}");
    if (end || scanner.is("punct", ",")) {
      if (last !== undefined && EXPECTED.has(last.name)) throw notStatic(scanner, last.at, last.name, file);
      last = undefined;
      if (end) {
        scanner.next();
        return;
      }
    } else if (scanner.kind === "name" || scanner.kind === "string") {
      last = { name: scanner.kind === "name" ? scanner.text() : scanner.stringValue(), at: scanner.start };
    }
  }
}

function notStatic(scanner: TsScanner, at: number, name: string, file: string): HeaderParseError {
  const [what, example] = EXPECTED.get(name)!;
  return new HeaderParseError(
    file,
    scanner.lineAt(at),
    `cannot read \`${name}\` statically; write it as ${what}`,
    `Declare it with a literal value, e.g. ${example}`,
  );
}

function list(value: Value | undefined): readonly string[] {
  if (value === undefined || value === null || value === "") return [];
  return typeof value === "string" ? [value] : (value as readonly string[]);
}
