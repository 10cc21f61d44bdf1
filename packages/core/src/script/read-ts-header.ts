import { closestName } from "../errors/closest-name.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { docMessage } from "./doc-message.js";
import { leadingDocComment } from "./js-lexical.js";
import { readLiteral } from "./read-ts-literal.js";
import { HeaderParseError } from "./script-errors.js";
import type { ScriptInfo } from "./script-info.js";
import { HEADER_EXPORTS, type HeaderValue, notStatic } from "./ts-header-exports.js";
import { TsScanner } from "./ts-scanner.js";
import { continuesExpression, skipType } from "./ts-syntax.js";

/**
 * Reads a TS/JS migration's header without running it: the leading doc comment and the
 * exported `revision`, `downRevision`, `branchLabels`, `dependsOn` and `transactional`
 * constants, which must be literals. `file` is only used in error messages.
 */
export function readTsHeader(text: string, file: string): ScriptInfo {
  const scanner = new TsScanner(text);
  const found = new Map<string, HeaderValue>();
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
    throw new HeaderParseError(
      file,
      undefined,
      "no `export const revision`",
      // A module with no header and no upgrade() is a helper the migrations import.
      found.size === 0 && !/\bupgrade\b/.test(text)
        ? "Not a migration? mig reads every .ts/.js file in the migrations directory as one: move helper modules elsewhere (e.g. src/) and import them from there."
        : `Add ${HEADER_EXPORTS.get("revision")![1]}`,
    );
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
    message: docMessage(leadingDocComment(text)),
    ...(found.has("replaces") ? { replaces: list(found.get("replaces")) } : {}),
  };
  const transactional = found.get("transactional") as boolean | undefined;
  return transactional === undefined ? { header } : { header, transactional };
}

// Alembic's header names, which a script moved from Alembic may keep: refused, not ignored
// (an ignored `depends_on` would drop the dependency without a word).
const ALEMBIC_NAMES = new Map([
  ["down_revision", "downRevision"],
  ["branch_labels", "branchLabels"],
  ["depends_on", "dependsOn"],
]);

const HEADER_NAMES = [...HEADER_EXPORTS.keys()];

/**
 * An exported name Alembic uses for a header field, or one a letter or two off a header
 * export (`dependOn`, `transactonal`), is refused, naming mig's: ignored, it would drop a
 * dependency or a transaction setting without a word.
 */
function refuseMisspeltName(scanner: TsScanner, name: string, file: string): void {
  const alembic = ALEMBIC_NAMES.get(name);
  const near = alembic ?? (name.length < 6 ? undefined : closestName(name, HEADER_NAMES, 2));
  if (near === undefined) return;
  throw new HeaderParseError(
    file,
    scanner.lineAt(scanner.start),
    alembic
      ? `\`${name}\` is Alembic's name; mig reads \`${near}\``
      : `\`${name}\` is not a header export; did you mean \`${near}\`?`,
    `Rename it: export const ${near} = ...`,
  );
}

/** `export const a = ..., b = ...`: reads the header names; stops at the first other name. */
function readDeclarations(scanner: TsScanner, found: Map<string, HeaderValue>, file: string): void {
  while (scanner.kind === "name") {
    const name = scanner.text();
    if (!HEADER_EXPORTS.has(name)) {
      refuseMisspeltName(scanner, name, file);
      return;
    }
    const at = scanner.start;
    if (found.has(name)) {
      throw new HeaderParseError(
        file,
        scanner.lineAt(at),
        `\`${name}\` is exported twice`,
        "Keep one declaration of it.",
      );
    }
    scanner.next();
    if (scanner.is("punct", ":")) {
      scanner.next();
      skipType(scanner, true);
    }
    if (!scanner.is("punct", "=")) throw notStatic(scanner, at, name, file);
    scanner.next();
    const valueAt = scanner.start;
    found.set(name, readLiteral(scanner, name, file));
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

/** `export { x as revision }` hides the value from a static read. */
function rejectExportList(scanner: TsScanner, file: string): void {
  let last: { name: string; at: number } | undefined;
  for (scanner.next(); scanner.kind !== "eof"; scanner.next()) {
    const end = scanner.is("punct", "}");
    if (end || scanner.is("punct", ",")) {
      if (last !== undefined && HEADER_EXPORTS.has(last.name))
        throw notStatic(scanner, last.at, last.name, file);
      last = undefined;
      if (end) {
        scanner.next();
        return;
      }
    } else if (scanner.kind === "name" || scanner.kind === "string") {
      last = {
        name: scanner.kind === "name" ? scanner.text() : scanner.stringValue(),
        at: scanner.start,
      };
    }
  }
}

function list(value: HeaderValue | undefined): readonly string[] {
  if (value === undefined || value === null || value === "") return [];
  return typeof value === "string" ? [value] : (value as readonly string[]);
}
