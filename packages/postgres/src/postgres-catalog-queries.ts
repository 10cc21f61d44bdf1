/**
 * The pg_catalog queries behind `introspect`: one per kind of object, each over every
 * selected table at once. Parameters: $1 the schema, $2 the tables to keep (NULL: all),
 * $3 the tables to leave out. Names are cast to text so pg returns plain strings.
 */

const TABLES_CTE = `WITH selected AS (
  SELECT c.oid, c.relname::text AS table_name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $1::text
     AND c.relkind = 'r'
     AND NOT c.relispartition
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = c.oid)
     AND ($2::text[] IS NULL OR c.relname = ANY ($2::text[]))
     AND NOT (c.relname = ANY ($3::text[]))
)`;

export interface TableRow extends Record<string, unknown> {
  readonly table_name: string;
  readonly comment: string | null;
  readonly extension: string | null;
}

/** With the extension that owns the table (pg_depend 'e'), if any. */
export const TABLES_SQL = `${TABLES_CTE}
SELECT s.table_name,
       pg_catalog.obj_description(s.oid, 'pg_class') AS comment,
       (SELECT x.extname::text FROM pg_catalog.pg_depend dep
          JOIN pg_catalog.pg_extension x ON x.oid = dep.refobjid
         WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND dep.objid = s.oid AND dep.deptype = 'e'
         LIMIT 1) AS extension
  FROM selected s`;

export interface ColumnRow extends Record<string, unknown> {
  readonly table_name: string;
  readonly name: string;
  readonly type: string;
  readonly not_null: boolean;
  readonly default: string | null;
  /** `a` (always), `d` (by default) or empty. */
  readonly identity: string;
  /** `s` for a stored generated column, else empty. */
  readonly generated: string;
  readonly owned_sequence: boolean;
  readonly collation: string | null;
  readonly comment: string | null;
}

/**
 * `owned_sequence`: the default is `nextval` of a sequence this very column owns (serial,
 * pg_depend 'a' or 'i'); a sequence shared or made by hand is no autoincrement. A
 * collation only when it is not the type's own.
 */
export const COLUMNS_SQL = `${TABLES_CTE}
SELECT s.table_name,
       a.attname::text AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       (d.oid IS NOT NULL AND EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend dep
            JOIN pg_catalog.pg_class seq ON seq.oid = dep.refobjid AND seq.relkind = 'S'
            JOIN pg_catalog.pg_depend own
              ON own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
             AND own.objid = seq.oid
             AND own.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
             AND own.refobjid = a.attrelid
             AND own.refobjsubid = a.attnum
             AND own.deptype IN ('a', 'i')
           WHERE dep.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
             AND dep.objid = d.oid
       ) AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%') AS owned_sequence,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
            THEN co.collname::text END AS collation,
       pg_catalog.col_description(a.attrelid, a.attnum) AS comment
  FROM selected s
  JOIN pg_catalog.pg_attribute a ON a.attrelid = s.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 ORDER BY s.table_name, a.attnum`;

export interface ConstraintRow extends Record<string, unknown> {
  readonly table_name: string;
  readonly name: string;
  /** p, f, u or c. */
  readonly type: string;
  readonly columns: string[];
  readonly ref_table: string | null;
  readonly ref_schema: string | null;
  readonly ref_columns: string[] | null;
  readonly on_delete: string | null;
  readonly on_update: string | null;
  readonly deferrable: boolean;
  readonly deferred: boolean;
  /** A unique constraint's index has NULLS NOT DISTINCT (always false before 15). */
  readonly nulls_not_distinct: boolean;
  readonly expression: string | null;
}

/**
 * `pg_index.indnullsnotdistinct`, which only PostgreSQL 15 and later have: elsewhere every
 * index treats NULLs as distinct.
 */
function nullsNotDistinct(index: string, serverVersion: number): string {
  return serverVersion >= 150000 ? `COALESCE(${index}.indnullsnotdistinct, false)` : "false";
}

/** Key columns in key order; a check's expression as pg_get_expr pretty-prints it. */
export const constraintsSql = (serverVersion: number) => `${TABLES_CTE}
SELECT s.table_name,
       con.conname::text AS name,
       con.contype::text AS type,
       ARRAY(SELECT a.attname::text
               FROM unnest(con.conkey) WITH ORDINALITY AS k(num, pos)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
              ORDER BY k.pos) AS columns,
       rt.relname::text AS ref_table,
       rn.nspname::text AS ref_schema,
       CASE WHEN con.contype = 'f' THEN
         ARRAY(SELECT a.attname::text
                 FROM unnest(con.confkey) WITH ORDINALITY AS k(num, pos)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
                ORDER BY k.pos)
       END AS ref_columns,
       CASE WHEN con.contype = 'f' THEN con.confdeltype::text END AS on_delete,
       CASE WHEN con.contype = 'f' THEN con.confupdtype::text END AS on_update,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       ${nullsNotDistinct("ci", serverVersion)} AS nulls_not_distinct,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) END
         AS expression
  FROM selected s
  JOIN pg_catalog.pg_constraint con ON con.conrelid = s.oid AND con.contype IN ('p', 'f', 'u', 'c')
  LEFT JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
  LEFT JOIN pg_catalog.pg_index ci ON ci.indexrelid = con.conindid AND con.contype = 'u'`;

export interface IndexKeyRow {
  readonly column: string | null;
  readonly expression: string | null;
  readonly descending: boolean;
  /** indoption bit 2: NULLS FIRST. */
  readonly nulls_first: boolean;
  readonly opclass: string | null;
  readonly collation: string | null;
}

export interface IndexRow extends Record<string, unknown> {
  readonly table_name: string;
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keys: IndexKeyRow[];
  readonly include: string[];
  readonly predicate: string | null;
  readonly nulls_not_distinct: boolean;
}

/**
 * Indexes no primary key, unique or exclusion constraint owns. Per key column (INCLUDE
 * columns apart): a column by name, an expression as pg_get_indexdef prints that key; the
 * operator class when not the default; the collation when not the column's (an
 * expression's: its type's). indclass, indoption and indcollation count from 0.
 */
export const indexesSql = (serverVersion: number) => `${TABLES_CTE}
SELECT s.table_name,
       ic.relname::text AS name,
       i.indisunique AS unique,
       am.amname::text AS method,
       COALESCE((
         SELECT json_agg(json_build_object(
                  'column', a.attname::text,
                  'expression', CASE WHEN k.num = 0
                    THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.pos::int, true) END,
                  'descending', (i.indoption[k.pos - 1] & 1) = 1,
                  'nulls_first', (i.indoption[k.pos - 1] & 2) = 2,
                  'opclass', CASE WHEN NOT opc.opcdefault THEN opc.opcname::text END,
                  'collation', CASE WHEN i.indcollation[k.pos - 1] <> 0
                     AND i.indcollation[k.pos - 1] <> COALESCE(a.attcollation, kt.typcollation)
                    THEN co.collname::text END
                ) ORDER BY k.pos)
           FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, pos)
           LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
           JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.pos
           JOIN pg_catalog.pg_type kt ON kt.oid = ia.atttypid
           LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.pos - 1]
           LEFT JOIN pg_catalog.pg_collation co ON co.oid = i.indcollation[k.pos - 1]
          WHERE k.pos <= i.indnkeyatts), '[]'::json) AS keys,
       ARRAY(SELECT a.attname::text
               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, pos)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
              WHERE k.pos > i.indnkeyatts
              ORDER BY k.pos) AS include,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       ${nullsNotDistinct("i", serverVersion)} AS nulls_not_distinct
  FROM selected s
  JOIN pg_catalog.pg_index i ON i.indrelid = s.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
 WHERE NOT EXISTS (
         SELECT 1 FROM pg_catalog.pg_constraint con
          WHERE con.conindid = i.indexrelid
            AND con.conrelid = i.indrelid
            AND con.contype IN ('p', 'u', 'x'))`;

export interface EnumRow extends Record<string, unknown> {
  readonly name: string;
  readonly values: string[];
}

/** Every enum type of the schema no extension owns, labels in their declared order. */
export const ENUMS_SQL = `SELECT t.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
              WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = $1::text AND t.typtype = 'e'
   AND NOT EXISTS (
         SELECT 1 FROM pg_catalog.pg_depend dep
          WHERE dep.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
            AND dep.objid = t.oid AND dep.deptype = 'e')`;
