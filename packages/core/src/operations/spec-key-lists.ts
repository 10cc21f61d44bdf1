import { MigError } from "../errors/mig-error.js";
import { valueKind } from "../errors/value-kind.js";
import { refuseUnknownKeys } from "./spec-keys.js";
import type {
  AlterColumnSpec,
  ColumnSpec,
  CreateIndexOptions,
  CreateTableOptions,
  ForeignKeyOptions,
  ForeignKeySpec,
  IndexSpec,
  ReferenceSpec,
} from "./spec-types.js";
import type {
  CheckDefinition,
  PrimaryKeyDefinition,
  UniqueDefinition,
} from "./table-definition.js";

// The documented keys of every options object a migration or schema module writes, checked
// (with the objects inside them) so a misspelt one is an error rather than ignored.

const COLUMN_KEYS = [
  "type",
  "nullable",
  "primaryKey",
  "autoincrement",
  "identity",
  "generated",
  "collation",
  "default",
  "unique",
  "references",
  "comment",
] as const satisfies readonly (keyof ColumnSpec)[];

const TABLE_KEYS = [
  "schema",
  "primaryKey",
  "foreignKeys",
  "uniques",
  "checks",
  "indexes",
  "comment",
  "collation",
  "withoutRowid",
  "strict",
] as const satisfies readonly (keyof CreateTableOptions)[];

const REFERENCE_KEYS = [
  "table",
  "column",
  "name",
  "onDelete",
  "onUpdate",
] as const satisfies readonly (keyof ReferenceSpec)[];

const FOREIGN_KEY_KEYS = [
  "name",
  "columns",
  "references",
  "referencedColumns",
  "onDelete",
  "onUpdate",
  "deferrable",
] as const satisfies readonly (keyof ForeignKeySpec)[];

const FOREIGN_KEY_OPTION_KEYS = [
  "onDelete",
  "onUpdate",
  "deferrable",
] as const satisfies readonly (keyof ForeignKeyOptions)[];

const INDEX_KEYS = [
  "name",
  "columns",
  "unique",
  "where",
  "method",
  "include",
  "nullsNotDistinct",
] as const satisfies readonly (keyof IndexSpec)[];

const CREATE_INDEX_KEYS = [
  "unique",
  "where",
  "concurrently",
  "method",
  "include",
  "nullsNotDistinct",
] as const satisfies readonly (keyof CreateIndexOptions)[];

const ALTER_COLUMN_KEYS = [
  "type",
  "using",
  "nullable",
  "default",
  "newName",
  "comment",
  "existing",
] as const satisfies readonly (keyof AlterColumnSpec)[];

const PRIMARY_KEY_KEYS = [
  "name",
  "columns",
] as const satisfies readonly (keyof PrimaryKeyDefinition)[];
const UNIQUE_KEYS = [
  "name",
  "columns",
  "nullsNotDistinct",
] as const satisfies readonly (keyof UniqueDefinition)[];
const CHECK_KEYS = ["name", "expression"] as const satisfies readonly (keyof CheckDefinition)[];

// Fails to compile when a spec gains a key the lists above do not name.
type Unlisted<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]>;
const everyKeyListed: [
  Unlisted<ColumnSpec, typeof COLUMN_KEYS>,
  Unlisted<CreateTableOptions, typeof TABLE_KEYS>,
  Unlisted<ReferenceSpec, typeof REFERENCE_KEYS>,
  Unlisted<ForeignKeySpec, typeof FOREIGN_KEY_KEYS>,
  Unlisted<IndexSpec, typeof INDEX_KEYS>,
  Unlisted<CreateIndexOptions, typeof CREATE_INDEX_KEYS>,
  Unlisted<AlterColumnSpec, typeof ALTER_COLUMN_KEYS>,
  Unlisted<PrimaryKeyDefinition, typeof PRIMARY_KEY_KEYS>,
  Unlisted<UniqueDefinition, typeof UNIQUE_KEYS>,
  Unlisted<CheckDefinition, typeof CHECK_KEYS>,
] extends [never, never, never, never, never, never, never, never, never, never]
  ? true
  : never = true;
void everyKeyListed;

const isObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Refuses a column spec with a key mig does not know, or such a `references`. A list form's
 * `name` and the schema module's `renamedFrom` (read before this) are known.
 */
export function checkColumnKeys(spec: object, where: string): void {
  checkColumnShape(spec, where);
  refuseUnknownKeys(spec, COLUMN_KEYS, ["name", "renamedFrom"], where);
  refuseNonBooleans(spec, COLUMN_FLAGS, where);
  const references = (spec as ColumnSpec).references;
  if (isObject(references))
    refuseUnknownKeys(references, REFERENCE_KEYS, [], `${where}, references`);
}

/**
 * Refuses a column that is not an object: `name: "text"` (a shorthand some tools take) would
 * otherwise be read as the string's keys, "unknown option '0'".
 */
export function checkColumnShape(spec: unknown, where: string): asserts spec is object {
  if (isObject(spec)) return;
  const type = typeof spec === "string" ? JSON.stringify(spec) : '"text"';
  throw new MigError(
    "invalid_option",
    `${where}: a column is an object of options, not ${valueKind(spec)}.`,
    {
      usage: true,
      hint: `Write it as { type: ${type} }, with nullable, default, ... beside type.`,
    },
  );
}

/** Refuses a table's columns that are neither an object of columns by name nor a list. */
export function checkColumnsShape(columns: unknown, where: string): void {
  if (isObject(columns)) return;
  throw new MigError(
    "invalid_option",
    `${where}: its columns are an object of columns by name, not ${valueKind(columns)}.`,
    { usage: true, hint: 'Write them as { id: { type: "integer", primaryKey: true }, ... }.' },
  );
}

/** Refuses createTable / table() options, or a key, constraint or index in them, with a key mig does not know. */
export function checkTableKeys(options: object, where: string): void {
  refuseUnknownKeys(options, TABLE_KEYS, ["renamedFrom"], where);
  const o = options as CreateTableOptions;
  if (isObject(o.primaryKey))
    refuseUnknownKeys(o.primaryKey, PRIMARY_KEY_KEYS, [], `${where}, primaryKey`);
  eachObject(o.foreignKeys, (fk, i) =>
    refuseUnknownKeys(fk, FOREIGN_KEY_KEYS, [], `${where}, foreignKeys[${i}]`),
  );
  eachObject(o.uniques, (u, i) => refuseUnknownKeys(u, UNIQUE_KEYS, [], `${where}, uniques[${i}]`));
  eachObject(o.checks, (c, i) => refuseUnknownKeys(c, CHECK_KEYS, [], `${where}, checks[${i}]`));
  eachObject(o.indexes, (index, i) =>
    refuseUnknownKeys(index, INDEX_KEYS, [], `${where}, indexes[${i}]`),
  );
}

/** Refuses `op.createIndex` options with a key mig does not know. */
export function checkCreateIndexKeys(options: object, where: string): void {
  refuseUnknownKeys(options, CREATE_INDEX_KEYS, [], where);
}

/** Refuses `createForeignKey` options with a key mig does not know. */
export function checkForeignKeyOptionKeys(options: object, where: string): void {
  refuseUnknownKeys(options, FOREIGN_KEY_OPTION_KEYS, [], where);
}

/** Refuses an `alterColumn` spec with a key mig does not know. */
export function checkAlterColumnKeys(spec: object, where: string): void {
  refuseUnknownKeys(spec, ALTER_COLUMN_KEYS, [], where);
  refuseNonBooleans(spec, ["nullable"], where);
}

/** The column keys that take true or false (`unique` also takes a constraint name). */
const COLUMN_FLAGS = ["nullable", "primaryKey", "autoincrement"] as const;

/**
 * Refuses `nullable: "no"` and the like: JavaScript reads the string as true, so the column
 * became nullable with no word, and `mig check` agreed. Schema modules run unchecked.
 */
function refuseNonBooleans(spec: object, keys: readonly string[], where: string): void {
  for (const key of keys) {
    const value = (spec as Record<string, unknown>)[key];
    if (value === undefined || typeof value === "boolean") continue;
    throw new MigError(
      "invalid_option",
      `${where}: '${key}' must be true or false, not ${typeof value === "string" || typeof value === "number" ? JSON.stringify(value) : valueKind(value)}.`,
      { usage: true, hint: `Write ${key}: true or ${key}: false (or leave it out).` },
    );
  }
}

function eachObject(list: unknown, check: (item: object, i: number) => void): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    if (isObject(item)) check(item, i);
  });
}
