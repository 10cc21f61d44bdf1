import { HeaderParseError } from "./script-errors.js";
import { HEADER_EXPORTS, type HeaderValue, notStatic } from "./ts-header-exports.js";
import type { TsScanner } from "./ts-scanner.js";
import { isStringLiteral } from "./ts-syntax.js";

/** Reads the literal value of header export `name`, leaving the scanner after it. */
export function readLiteral(scanner: TsScanner, name: string, file: string): HeaderValue {
  const at = scanner.start;
  let value: HeaderValue;
  if (name === "transactional") {
    if (!scanner.is("name", "true") && !scanner.is("name", "false"))
      throw notStatic(scanner, at, name, file);
    value = scanner.text() === "true";
  } else if (isStringLiteral(scanner)) {
    value = scanner.stringValue();
    if (name === "revision" && value === "") {
      throw new HeaderParseError(
        file,
        scanner.lineAt(at),
        "`revision` is empty",
        `Write it as ${HEADER_EXPORTS.get("revision")![1]}`,
      );
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
