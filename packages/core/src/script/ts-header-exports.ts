import { HeaderParseError } from "./script-errors.js";
import type { TsScanner } from "./ts-scanner.js";

export type HeaderValue = string | readonly string[] | null | boolean;

const LIST = "a string literal, an array of string literals, or null";
/** The exports a header is made of: what each must be written as, and an example. */
export const HEADER_EXPORTS: ReadonlyMap<string, readonly [what: string, example: string]> =
  new Map([
    ["revision", ["a string literal", 'export const revision = "ae1027a6acf0";']],
    [
      "downRevision",
      [LIST, 'export const downRevision = "1975ea83b712"; (null for a base, an array for a merge)'],
    ],
    ["branchLabels", [LIST, 'export const branchLabels = ["feature"];']],
    ["dependsOn", [LIST, 'export const dependsOn = ["1975ea83b712"];']],
    ["replaces", [LIST, 'export const replaces: readonly string[] = ["1975ea83b712"];']],
    ["transactional", ["true or false", "export const transactional = false;"]],
  ]);

/** The error for a header export whose value is not a literal (or is missing). */
export function notStatic(
  scanner: TsScanner,
  at: number,
  name: string,
  file: string,
): HeaderParseError {
  const [what, example] = HEADER_EXPORTS.get(name)!;
  return new HeaderParseError(
    file,
    scanner.lineAt(at),
    `cannot read \`${name}\` statically; write it as ${what}`,
    `Declare it with a literal value, e.g. ${example}`,
  );
}
