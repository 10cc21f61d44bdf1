import type { TsScanner } from "./ts-scanner.js";

/** A string, or a template literal without substitutions. */
export const isStringLiteral = (s: TsScanner) =>
  s.kind === "string" || (s.kind === "template" && !s.substitution);

/**
 * Skips a type annotation (`toEquals`: up to its `=`) or the type after `as`/`satisfies`
 * (up to the end of the statement or the next declarator).
 */
export function skipType(scanner: TsScanner, toEquals: boolean): void {
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
export function continuesExpression(scanner: TsScanner): boolean {
  if (scanner.kind === "template") return true;
  return scanner.kind === "punct" && ".([+-*/%?&|^<>=!,".includes(scanner.punct().charAt(0));
}
