import type { QualifiedName } from "../connection/qualified-name.js";
import { isIdentifier } from "./code-expr.js";

const RESERVED = new Set(
  (
    "arguments await break case catch class const continue debugger default delete do else " +
    "enum eval export extends false finally for function if implements import in Infinity " +
    "instanceof interface let NaN new null package private protected public return static " +
    "super switch this throw true try typeof undefined var void while with yield " +
    // The schema module's own imports.
    "sql t table"
  ).split(" "),
);

/**
 * One JavaScript name per table for `export const <name> = table(...)`: camelCase,
 * never a keyword or an import, unique (a table of another schema takes the schema as a
 * prefix, then a number). Tables come in a fixed order, so the names are stable.
 */
export function exportNames(tables: readonly QualifiedName[]): string[] {
  const taken = new Set<string>();
  const claim = (name: string) => {
    taken.add(name);
    return name;
  };
  // Tables without a schema first, so they keep the plain names.
  const order = tables.map((_, i) => i);
  order.sort(
    (a, b) => Number(tables[a]!.schema !== undefined) - Number(tables[b]!.schema !== undefined),
  );
  const names: string[] = [];
  for (const i of order) {
    const table = tables[i]!;
    const plain = camelCase(table.name);
    const candidates = [plain];
    if (table.schema !== undefined) candidates.push(camelCase(`${table.schema}_${table.name}`));
    const free = candidates.find((c) => !taken.has(c));
    if (free !== undefined) {
      names[i] = claim(free);
      continue;
    }
    let n = 2;
    while (taken.has(`${plain}${n}`)) n++;
    names[i] = claim(`${plain}${n}`);
  }
  return names;
}

/** `order_items` -> `orderItems`, `2fa-codes` -> `_2faCodes`, `class` -> `classTable`. */
export function camelCase(name: string): string {
  const words = name.split(/[^\p{ID_Continue}$]+|_+/u).filter((w) => w.length > 0);
  const joined = words
    // An all-capitals word (`HTTP`) reads as a word, not as initials to keep.
    .map((w) => (w === w.toUpperCase() ? w.toLowerCase() : w))
    .map((w, i) => (i === 0 ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1))
    .join("");
  const base = joined.length === 0 ? "unnamed" : isIdentifier(joined) ? joined : `_${joined}`;
  return RESERVED.has(base) ? `${base}Table` : base;
}
