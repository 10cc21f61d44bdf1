import { MigError } from "@mig/core/dialect";

/** The errors MySQL's DDL raises before any SQL is sent: each names the fix. */

export function alterNeedsExistingError(table: string, column: string, missing: string): MigError {
  return new MigError(
    "mysql_alter_column_needs_existing",
    `alterColumn on ${table}.${column} needs the column's current ${missing}: MySQL's MODIFY restates the whole column, and --sql has no database to read it from.`,
    {
      hint: "pass existing: { type, nullable } in alterColumn for --sql on MySQL (add default, comment and autoincrement if the column has them).",
    },
  );
}

export function dropConstraintNeedsTypeError(table: string, name: string): MigError {
  return new MigError(
    "mysql_drop_constraint_needs_type",
    `dropConstraint("${name}") on ${table} needs the constraint's type: MySQL has a different statement for each, and --sql has no database to look it up in.`,
    { hint: 'Pass { type: "foreign" | "primary" | "unique" | "check" } to dropConstraint.' },
  );
}

export function dropIndexNeedsTableError(name: string): MigError {
  return new MigError(
    "mysql_drop_index_needs_table",
    `dropIndex("${name}") needs the table: MySQL drops an index with DROP INDEX name ON table.`,
    { hint: `Write op.dropIndex("${name}", { table: "the_table" }).` },
  );
}

export function unsupportedIndexError(name: string, what: "partial" | "expression"): MigError {
  const hint =
    what === "partial"
      ? "Drop the where option, or index a generated column that is NULL where the condition fails."
      : "Add a generated column holding the expression and index that column.";
  return new MigError(
    `mysql_${what}_index_unsupported`,
    `Index "${name}" is a${what === "expression" ? "n" : ""} ${what} index, which MariaDB cannot create.`,
    { hint },
  );
}

export function columnNotFoundError(table: string, column: string): MigError {
  return new MigError("mysql_column_not_found", `Table ${table} has no column "${column}".`, {
    hint: "Check the table and column names against the database.",
  });
}

export function constraintNotFoundError(table: string, name: string): MigError {
  return new MigError("mysql_constraint_not_found", `Table ${table} has no constraint "${name}".`, {
    hint: 'Check the name. MySQL calls every primary key PRIMARY, whatever it was created as: drop one with { type: "primary" }.',
  });
}

/** `least`: the smallest size the type takes (a length is at least 1; a scale may be 0). */
export function invalidSizeError(n: number, least = 0): MigError {
  return new MigError(
    "invalid_type",
    `A type size must be a whole number, ${least} or more, not ${n}.`,
    {
      hint: "Write t.varchar(255) or t.numeric(10, 2).",
    },
  );
}

export function invalidActionError(action: string): MigError {
  return new MigError("invalid_referential_action", `"${action}" is not a referential action.`, {
    hint: "Use cascade, restrict, set null, set default or no action.",
  });
}

/** An index option only PostgreSQL has (operator class, INCLUDE, a key's collation, a method). */
export function unsupportedIndexOptionError(name: string, option: string): MigError {
  return new MigError(
    "mysql_index_option_unsupported",
    `Index "${name}" uses ${option}, which MySQL and MariaDB do not have.`,
    {
      hint: 'Remove it; MySQL indexes take a prefix length, DESC, and method "fulltext" or "spatial".',
    },
  );
}

export function identityAlwaysError(column: string): MigError {
  return new MigError(
    "mysql_identity_always_unsupported",
    `Column "${column}" is GENERATED ALWAYS AS IDENTITY, which MySQL and MariaDB do not have: AUTO_INCREMENT always accepts explicit values.`,
    { hint: 'Use autoincrement: true (or identity: "by default") on MySQL.' },
  );
}
