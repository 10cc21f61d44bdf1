import type { QualifiedName, SqlWriter } from "@mig/core/dialect";

/**
 * Enum types as `DO` blocks: plain SQL text, so the same statement runs online and in
 * `--sql` output, and the check (does the type exist, is it still used) happens on the
 * server at run time rather than when the script is compiled.
 */

/** `CREATE TYPE ... AS ENUM`, where a type that already exists is not an error. */
export function createEnumSql(
  sql: SqlWriter,
  type: QualifiedName,
  values: readonly string[],
): string {
  const labels = values.map((v) => sql.literal(v)).join(", ");
  return doBlock(
    `BEGIN
  CREATE TYPE ${sql.qualify(type)} AS ENUM (${labels});
EXCEPTION
  WHEN duplicate_object THEN NULL;
END`,
  );
}

/**
 * `DROP TYPE` when the type exists and nothing depends on it any more: no column, default,
 * function or domain (its array type is an internal dependency and goes with it). That is
 * exactly when a plain `DROP TYPE` succeeds, so the block never fails and never cascades.
 */
export function dropEnumIfUnusedSql(sql: SqlWriter, type: QualifiedName): string {
  const name = sql.qualify(type);
  return doBlock(
    `DECLARE
  type_oid oid := pg_catalog.to_regtype(${sql.literal(name)});
BEGIN
  IF type_oid IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend
     WHERE refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass
       AND refobjid = type_oid
       AND deptype = 'n'
  ) THEN
    DROP TYPE ${name};
  END IF;
END`,
  );
}

/** `DO $tag$ body $tag$` with a tag the body does not contain (names may hold `$mig$`). */
export function doBlock(body: string): string {
  let tag = "$mig$";
  for (let n = 1; body.includes(tag); n++) tag = `$mig${n}$`;
  return `DO ${tag}\n${body}\n${tag}`;
}
