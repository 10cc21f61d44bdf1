/**
 * What mig does not model, in one query over the schema: reported by `check` and `pull`,
 * never dropped by autogenerate. Objects an extension owns (pg_depend 'e') are left out,
 * and so are sequences a column owns (serial, identity). Parameters as the other catalog
 * queries: $1 the schema, $2 the tables to keep (NULL: all), $3 the tables to leave out;
 * they apply to an object's table, or to its own name when it has none.
 */

export interface UnsupportedRow extends Record<string, unknown> {
  readonly kind: string;
  readonly name: string;
  readonly table_name: string | null;
}

const NOT_EXTENSION = (classid: string, oid: string) => `NOT EXISTS (
         SELECT 1 FROM pg_catalog.pg_depend xd
          WHERE xd.classid = '${classid}'::pg_catalog.regclass
            AND xd.objid = ${oid} AND xd.deptype = 'e')`;

export const UNSUPPORTED_SQL = `WITH ns AS (
  SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1::text
), found AS (
  SELECT CASE
           WHEN c.relkind = 'v' THEN 'view'
           WHEN c.relkind = 'm' THEN 'materialized view'
           WHEN c.relkind = 'f' THEN 'foreign table'
           WHEN c.relkind = 'S' THEN 'sequence'
           WHEN c.relkind = 'c' THEN 'composite type'
           WHEN c.relkind = 'p' THEN 'partitioned table'
           WHEN c.relispartition THEN 'partition'
           ELSE 'inherited table'
         END AS kind,
         c.relname::text AS name,
         (SELECT p.relname::text FROM pg_catalog.pg_inherits inh
            JOIN pg_catalog.pg_class p ON p.oid = inh.inhparent
           WHERE inh.inhrelid = c.oid ORDER BY inh.inhseqno LIMIT 1) AS table_name
    FROM pg_catalog.pg_class c
   WHERE c.relnamespace IN (SELECT oid FROM ns)
     AND (c.relkind IN ('v', 'm', 'f', 'p')
          OR (c.relkind = 'c' AND EXISTS (
                SELECT 1 FROM pg_catalog.pg_type ct WHERE ct.typrelid = c.oid AND ct.typtype = 'c'))
          OR (c.relkind = 'r' AND (c.relispartition OR EXISTS (
                SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = c.oid)))
          OR (c.relkind = 'S' AND NOT EXISTS (
                SELECT 1 FROM pg_catalog.pg_depend own
                 WHERE own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                   AND own.objid = c.oid AND own.deptype IN ('a', 'i'))))
     AND ${NOT_EXTENSION("pg_catalog.pg_class", "c.oid")}
  UNION ALL
  SELECT 'trigger', t.tgname::text, c.relname::text
    FROM pg_catalog.pg_trigger t
    JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
   WHERE c.relnamespace IN (SELECT oid FROM ns)
     AND NOT t.tgisinternal
     AND NOT c.relispartition
     AND ${NOT_EXTENSION("pg_catalog.pg_class", "c.oid")}
  UNION ALL
  SELECT 'exclusion constraint', con.conname::text, c.relname::text
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
   WHERE c.relnamespace IN (SELECT oid FROM ns)
     AND con.contype = 'x'
     AND NOT c.relispartition
     AND ${NOT_EXTENSION("pg_catalog.pg_class", "c.oid")}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         p.proname::text || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
         NULL
    FROM pg_catalog.pg_proc p
   WHERE p.pronamespace IN (SELECT oid FROM ns)
     AND ${NOT_EXTENSION("pg_catalog.pg_proc", "p.oid")}
  UNION ALL
  SELECT 'domain', t.typname::text, NULL
    FROM pg_catalog.pg_type t
   WHERE t.typnamespace IN (SELECT oid FROM ns)
     AND t.typtype = 'd'
     AND ${NOT_EXTENSION("pg_catalog.pg_type", "t.oid")}
)
SELECT kind, name, table_name FROM found
 WHERE ($2::text[] IS NULL OR COALESCE(table_name, name) = ANY ($2::text[]))
   AND NOT (COALESCE(table_name, name) = ANY ($3::text[]))`;
