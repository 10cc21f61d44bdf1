import type { Operation, Statement } from "@mig/core";
import {
  MigError,
  type OperationContext,
  type QualifiedName,
  type SqlWriter,
} from "@mig/core/dialect";

type AlterEnum = Extract<Operation, { kind: "alterEnum" }>;

/** A column whose type is the enum (or an array of it), with its default as the server prints it. */
export interface EnumColumn {
  readonly table: QualifiedName;
  readonly column: string;
  readonly array: boolean;
  readonly default: string | null;
}

/**
 * `ALTER TYPE ... ADD VALUE` for each value `values` adds to `existing`, each placed after
 * the value before it (or before the first one), so the order comes out as declared.
 * Undefined when a value goes or the order changes: ADD VALUE cannot do that.
 */
export function addEnumValuesSql(
  sql: SqlWriter,
  type: QualifiedName,
  existing: readonly string[],
  values: readonly string[],
): string[] | undefined {
  const kept = new Set(existing);
  const staying = values.filter((v) => kept.has(v));
  if (staying.length !== existing.length || staying.some((v, i) => v !== existing[i])) {
    return undefined;
  }
  const name = sql.qualify(type);
  const out: string[] = [];
  values.forEach((value, i) => {
    if (kept.has(value)) return;
    const before = values[i - 1];
    const place =
      before !== undefined
        ? ` AFTER ${sql.literal(before)}`
        : existing[0] !== undefined
          ? ` BEFORE ${sql.literal(existing[0])}`
          : "";
    out.push(`ALTER TYPE ${name} ADD VALUE ${sql.literal(value)}${place}`);
  });
  return out;
}

/**
 * A value removed or moved: the type is renamed out of the way, made again, each column
 * converted through text (a row holding a removed value fails here, as it should), and
 * the old type dropped. Defaults go first and come back after, as they name the type.
 */
export function recreateEnumSql(
  sql: SqlWriter,
  type: QualifiedName,
  values: readonly string[],
  columns: readonly EnumColumn[],
): string[] {
  const name = sql.qualify(type);
  const oldName = `${type.name}__mig_old`;
  const labels = values.map((v) => sql.literal(v)).join(", ");
  const out = [
    `ALTER TYPE ${name} RENAME TO ${sql.quoteIdentifier(oldName)}`,
    `CREATE TYPE ${name} AS ENUM (${labels})`,
  ];
  for (const c of columns) {
    const alter = `ALTER TABLE ${sql.qualify(c.table)} ALTER COLUMN ${sql.quoteIdentifier(c.column)}`;
    const id = sql.quoteIdentifier(c.column);
    if (c.default !== null) out.push(`${alter} DROP DEFAULT`);
    out.push(
      c.array
        ? `${alter} TYPE ${name}[] USING ${id}::text[]::${name}[]`
        : `${alter} TYPE ${name} USING ${id}::text::${name}`,
    );
    if (c.default !== null) out.push(`${alter} SET DEFAULT ${c.default}`);
  }
  out.push(`DROP TYPE ${sql.qualify({ ...type, name: oldName })}`);
  return out;
}

/** Offline, only added values can be written: the columns to convert are unknown. */
export function alterEnumOffline(sql: SqlWriter, op: AlterEnum): Statement[] {
  const type = enumType(op);
  if (op.existing === undefined) {
    throw new MigError(
      "alter_enum_offline",
      `alterEnum ${sql.qualify(type)}: in --sql mode mig needs the type's current values.`,
      { hint: "Pass { existing: [...] } (the values before) to op.alterEnum, or run it online." },
    );
  }
  const added = addEnumValuesSql(sql, type, op.existing, op.values);
  if (added === undefined) {
    throw new MigError(
      "alter_enum_offline",
      `alterEnum ${sql.qualify(type)} removes or reorders values: that recreates the type and converts every column using it, which mig finds only online.`,
      {
        hint: "Run it online, or write the SQL by hand: ALTER TYPE ... RENAME TO old; CREATE TYPE ...; ALTER TABLE ... ALTER COLUMN c TYPE new USING c::text::new; DROP TYPE old.",
      },
    );
  }
  return added.map((s) => ({ sql: s }));
}

/** Online: reads the type's values and the columns using it, then changes it. */
export async function alterEnumOnline(
  sql: SqlWriter,
  op: AlterEnum,
  context: OperationContext,
): Promise<void> {
  const type = enumType(op);
  const name = sql.qualify(type);
  const found = await context.executor.query<{ oid: number; values: string[] }>(
    `SELECT t.oid::int8::float8 AS oid,
            ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                   WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
       FROM pg_catalog.pg_type t
      WHERE t.oid = pg_catalog.to_regtype($1) AND t.typtype = 'e'`,
    [name],
  );
  const current = found[0];
  if (!current) {
    throw new MigError("enum_not_found", `alterEnum: there is no enum type ${name}.`, {
      hint: "Check the type's name and schema; create it with a column of t.enum(...) first.",
    });
  }
  let statements = addEnumValuesSql(sql, type, current.values, op.values);
  if (statements === undefined) {
    const rows = await context.executor.query<{
      schema: string;
      table: string;
      column: string;
      array: boolean;
      default: string | null;
    }>(
      `SELECT n.nspname::text AS schema, c.relname::text AS table, a.attname::text AS column,
              a.atttypid <> t.oid AS array, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_catalog.pg_type t
         JOIN pg_catalog.pg_attribute a ON a.atttypid IN (t.oid, t.typarray)
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE t.oid = $1::int8::oid AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attinhcount = 0 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY n.nspname, c.relname, a.attnum`,
      [current.oid],
    );
    const columns = rows.map((r) => ({
      table: { schema: r.schema, name: r.table },
      column: r.column,
      array: r.array,
      default: r.default,
    }));
    statements = recreateEnumSql(sql, type, op.values, columns);
  }
  for (const statement of statements) await context.executor.execute(statement);
}

function enumType(op: AlterEnum): QualifiedName {
  return op.schema === undefined ? { name: op.name } : { name: op.name, schema: op.schema };
}
