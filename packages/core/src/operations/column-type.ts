import { closestName } from "../errors/closest-name.js";
import { MigError } from "../errors/mig-error.js";

/**
 * The portable type vocabulary. Each dialect maps these to its own types; `raw` passes a
 * dialect type through unchanged (`t.raw("citext")`).
 */
export type ColumnType =
  | SimpleType
  | { readonly kind: "varchar"; readonly length?: number | undefined }
  | { readonly kind: "char"; readonly length: number }
  | {
      readonly kind: "numeric";
      readonly precision?: number | undefined;
      readonly scale?: number | undefined;
    }
  | { readonly kind: "timestamp"; readonly withTimeZone: boolean }
  | { readonly kind: "time"; readonly withTimeZone: boolean }
  | { readonly kind: "enum"; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: "raw"; readonly sql: string };

export type SimpleType =
  | "smallint"
  | "integer"
  | "bigint"
  | "text"
  | "boolean"
  | "real"
  | "double"
  | "date"
  | "time"
  | "timestamp"
  | "timestamptz"
  | "json"
  | "jsonb"
  | "uuid"
  | "blob";

export type StructuredType = Exclude<ColumnType, SimpleType>;

export type NormalizedType =
  | StructuredType
  | { readonly kind: Exclude<SimpleType, "timestamp" | "timestamptz" | "time"> };

/** Builders for the types that take arguments; the plain ones are strings (`"integer"`). */
export const t = {
  varchar: (length?: number): ColumnType => ({ kind: "varchar", length }),
  char: (length: number): ColumnType => ({ kind: "char", length }),
  numeric: (precision?: number, scale?: number): ColumnType => ({
    kind: "numeric",
    precision,
    scale,
  }),
  timestamp: (options: { withTimeZone?: boolean } = {}): ColumnType => ({
    kind: "timestamp",
    withTimeZone: options.withTimeZone ?? false,
  }),
  time: (options: { withTimeZone?: boolean } = {}): ColumnType => ({
    kind: "time",
    withTimeZone: options.withTimeZone ?? false,
  }),
  /** A named enum: a type of its own on PostgreSQL, `ENUM(...)` on MySQL, text elsewhere. */
  enum: (name: string, values: readonly string[]): ColumnType => ({ kind: "enum", name, values }),
  raw: (sql: string): ColumnType => ({ kind: "raw", sql }),
} as const;

const SIMPLE_TYPES: ReadonlySet<string> = new Set<SimpleType>([
  "smallint",
  "integer",
  "bigint",
  "text",
  "boolean",
  "real",
  "double",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "json",
  "jsonb",
  "uuid",
  "blob",
]);
const STRUCTURED_KINDS: ReadonlySet<string> = new Set<StructuredType["kind"]>([
  "varchar",
  "char",
  "numeric",
  "timestamp",
  "time",
  "enum",
  "raw",
]);

/**
 * The structured form of any type, so compilers switch on one `kind`. A type that is not
 * in the vocabulary (a typo in a JavaScript migration or schema module) is an error here,
 * rather than text some databases would take as a type name.
 */
export function normalizeType(type: ColumnType): NormalizedType {
  if (typeof type !== "string") {
    if (typeof type !== "object" || type === null || !STRUCTURED_KINDS.has(type.kind)) {
      throw unknownType(JSON.stringify(type) ?? String(type));
    }
    return type;
  }
  if (!SIMPLE_TYPES.has(type)) throw unknownType(`"${type}"`, typeSuggestion(type));
  if (type === "timestamptz") return { kind: "timestamp", withTimeZone: true };
  if (type === "timestamp") return { kind: "timestamp", withTimeZone: false };
  if (type === "time") return { kind: "time", withTimeZone: false };
  return { kind: type };
}

/**
 * Refuses a column type outside the vocabulary when an `op` call is made, naming the column
 * (`where`): the script's line is then the call's, not a later CREATE TABLE's.
 */
export function checkColumnType(type: unknown, where: string): void {
  if (type === undefined) {
    throw new MigError("invalid_type", `${where}: no type is given.`, {
      usage: true,
      hint: 'Give it one: { type: "integer" }, { type: t.varchar(255) }... (see docs/operations.md).',
    });
  }
  try {
    normalizeType(type as ColumnType);
  } catch (error) {
    const { message, hint } = error as MigError;
    throw new MigError("invalid_type", `${where}: ${message}`, { usage: true, hint });
  }
}

function unknownType(shown: string, suggestion?: string): MigError {
  const guess = suggestion ? ` (did you mean ${suggestion}?)` : "";
  return new MigError("invalid_type", `${shown} is not a mig column type${guess}.`, {
    usage: true,
    hint: 'Use one of "integer", "text", t.varchar(255)... (see docs/operations.md), or t.raw("<the database\'s type>").',
  });
}

/**
 * The type a string most likely meant: a builder for SQL's spelling (`"varchar(255)"` is
 * `t.varchar(255)`), or a plain type one typo away (`"integr"`).
 */
function typeSuggestion(type: string): string | undefined {
  const call = /^\s*(\w+)\s*\(([\d\s,]*)\)\s*$/.exec(type.toLowerCase());
  if (call && Object.hasOwn(t, call[1]!) && call[1] !== "raw" && call[1] !== "enum") {
    return `t.${call[1]}(${call[2]!.replace(/\s+/g, "").replace(/,/g, ", ")})`;
  }
  const near = closestName(type, [...SIMPLE_TYPES]);
  return near === undefined ? undefined : `"${near}"`;
}

/**
 * For the message of a `t.<builder>` typo (`t.varchr is not a function`, V8's TypeError):
 * the builder meant, as ` (did you mean t.varchar?)`; else "".
 */
export function builderTypoHint(message: string): string {
  // `_core.t.varchr`: a script's import as the transpiler renamed it.
  const call = /^(?:_\w+\.)?t\.(\w+) is not a function$/.exec(message);
  if (!call || Object.hasOwn(t, call[1]!)) return "";
  const near = closestName(call[1]!, Object.keys(t));
  return near === undefined ? "" : ` (did you mean t.${near}?)`;
}
