import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import {
  type ForeignKeyDefinition,
  type IndexDefinition,
  indexKey,
  type UniqueDefinition,
} from "../operations/table-definition.js";

/** Index and constraint details PostgreSQL has and other databases may lack. */
export type TableDetail = "nulls" | "nullsNotDistinct" | "deferrable";

export interface DetailOwners {
  readonly indexes?: readonly IndexDefinition[] | undefined;
  readonly uniques?: readonly UniqueDefinition[] | undefined;
  readonly foreignKeys?: readonly ForeignKeyDefinition[] | undefined;
}

/**
 * Refuses the first detail of a table's indexes and constraints that `supported` lacks,
 * naming the table, the index or constraint, and `database`: a detail the DDL cannot
 * write would otherwise be dropped without a word.
 */
export function refuseDetails(
  database: string,
  table: QualifiedName,
  owners: DetailOwners,
  supported: ReadonlySet<TableDetail>,
): void {
  const lacks = (detail: TableDetail) => !supported.has(detail);
  for (const index of owners.indexes ?? []) {
    const key = index.columns.map(indexKey).find((k) => k.nulls !== undefined);
    if (key !== undefined && lacks("nulls"))
      throw detailError(
        database,
        table,
        `index "${index.name}"`,
        `NULLS ${key.nulls?.toUpperCase()}`,
      );
    if (index.nullsNotDistinct && lacks("nullsNotDistinct"))
      throw detailError(database, table, `index "${index.name}"`, "NULLS NOT DISTINCT");
  }
  for (const u of owners.uniques ?? []) {
    if (u.nullsNotDistinct && lacks("nullsNotDistinct"))
      throw detailError(
        database,
        table,
        constraint(u.name, "unique", u.columns),
        "NULLS NOT DISTINCT",
      );
  }
  for (const fk of owners.foreignKeys ?? []) {
    if (fk.deferrable !== undefined && lacks("deferrable"))
      throw detailError(
        database,
        table,
        constraint(fk.name, "foreign key", fk.columns),
        "DEFERRABLE",
      );
  }
}

function constraint(name: string | undefined, kind: string, columns: readonly string[]): string {
  return name === undefined ? `${kind} (${columns.join(", ")})` : `${kind} "${name}"`;
}

function detailError(
  database: string,
  table: QualifiedName,
  what: string,
  detail: string,
): MigError {
  const name = table.schema === undefined ? table.name : `${table.schema}.${table.name}`;
  return new MigError(
    "unsupported_detail",
    `Table ${name}: ${what} uses ${detail}, which ${database} does not have.`,
    { hint: `Remove ${detail} from its declaration: ${database} cannot make it.` },
  );
}
