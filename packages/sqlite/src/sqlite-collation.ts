/** SQLite's own collations, whose names it matches in any case. */
const BUILT_IN = new Set(["BINARY", "NOCASE", "RTRIM"]);

/** A collation's name with SQLite's own spelled in capitals, so `nocase` equals `NOCASE`. */
export function collationName(name: string | null | undefined): string | null {
  if (name === null || name === undefined || name === "") return null;
  const upper = name.toUpperCase();
  return BUILT_IN.has(upper) ? upper : name;
}

/** A column's collation for a snapshot: null for SQLite's default, BINARY. */
export function columnCollation(name: string | null | undefined): string | null {
  const collation = collationName(name);
  return collation === "BINARY" ? null : collation;
}

/** An index key's collation, null when it is the one its column (or BINARY) already has. */
export function keyCollation(key: string | null, column: string | null): string | null {
  const base = column ?? "BINARY";
  return key === null || key.toLowerCase() === base.toLowerCase() ? null : key;
}
