import type { Connection } from "../connection/connection.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import type { Dialect } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";
import type { TableDefinition } from "../operations/table-definition.js";
import { compareSchemas } from "../schema/compare-schemas.js";
import type { DeclaredSchema, DeclaredTable } from "../schema/declare-schema.js";
import type { SchemaDiff } from "../schema/schema-diff.js";
import type { SchemaFilter } from "../schema/schema-filter.js";
import type { SchemaSnapshot, TableSnapshot } from "../schema/schema-snapshot.js";

export interface CompareDatabaseInput {
  readonly dialect: Dialect;
  readonly connection: Connection;
  readonly declared: DeclaredSchema;
  readonly filter?: SchemaFilter | undefined;
  /** Tables never compared: the version table. */
  readonly exclude?: readonly QualifiedName[] | undefined;
}

/**
 * The database against the declared schema: reads the live schemas the declaration uses,
 * has the dialect create the declaration in a scratch area and read it back, and compares
 * the two snapshots (both in the server's spelling).
 */
export async function compareDatabase(input: CompareDatabaseInput): Promise<SchemaDiff> {
  const { dialect, connection } = input;
  const live = await readLive(input);
  const declared = inDefaultSchema(input.declared, live.defaultSchema);
  refuseOwnTables(declared, input.exclude ?? [], live.defaultSchema);
  const snapshotDeclared = dialect.snapshotDeclared?.bind(dialect);
  if (!snapshotDeclared) {
    throw new MigError(
      "autogenerate_unsupported",
      `The ${dialect.name} dialect cannot compare schemas: it has no snapshotDeclared().`,
      { hint: "Use a dialect that supports autogenerate, or write the migration by hand." },
    );
  }
  const target = await snapshotDeclared(
    connection,
    declared.tables.map((t) => t.definition),
  );
  return compareSchemas({
    live: qualifyForeignKeys(live),
    target: qualifyForeignKeys(target),
    declared,
    filter: input.filter,
    defaultAction: dialect.capabilities.defaultReferentialAction,
    createsSchemas: dialect.capabilities.createsSchemas,
    namesIgnoreCase: dialect.capabilities.namesIgnoreCase,
  });
}

/** The default schema, plus every other schema a declared table lives in. */
async function readLive(input: CompareDatabaseInput): Promise<SchemaSnapshot> {
  const { dialect, connection } = input;
  const excluded = (schema: string | undefined, defaultSchema: string | undefined) =>
    (input.exclude ?? [])
      .filter((t) => (t.schema ?? defaultSchema) === (schema ?? defaultSchema))
      .map((t) => t.name);
  const first = await dialect.introspect(connection, { exclude: excluded(undefined, undefined) });
  const defaultSchema = first.defaultSchema;
  const others = new Set<string>();
  for (const t of input.declared.tables) {
    const schema = t.definition.table.schema;
    if (schema !== undefined && schema !== defaultSchema) others.add(schema);
  }
  const snapshots = [first];
  for (const schema of [...others].sort()) {
    snapshots.push(
      await dialect.introspect(connection, { schema, exclude: excluded(schema, defaultSchema) }),
    );
  }
  return {
    defaultSchema,
    tables: snapshots.flatMap((s) => s.tables),
    enums: snapshots.flatMap((s) => s.enums),
    unsupported: snapshots.flatMap((s) => s.unsupported),
  };
}

/**
 * A declaration of mig's own tables would have autogenerate create the version table a
 * second time (the upgrade fails, "already exists"), and dropping it from the module later
 * would drop the real one.
 */
function refuseOwnTables(
  declared: DeclaredSchema,
  own: readonly QualifiedName[],
  defaultSchema: string | undefined,
): void {
  // Letter case aside: SQLite's names ignore it, and MySQL's may.
  const key = (n: QualifiedName) => `${n.schema ?? defaultSchema}.${n.name}`.toLowerCase();
  for (const { definition } of declared.tables) {
    const t = definition.table;
    if (!own.some((o) => key(o) === key(t))) continue;
    throw new MigError(
      "schema_invalid",
      `The schema module declares ${t.schema ? `${t.schema}.` : ""}${t.name}, one of mig's own tables (its version table, lock or applied log).`,
      {
        usage: true,
        hint: `Remove ${t.name} from the schema module: mig creates and keeps it, and never compares it.`,
      },
    );
  }
}

/** `schema: "public"` written out is the same table as no schema, where public is the default. */
function inDefaultSchema(
  declared: DeclaredSchema,
  defaultSchema: string | undefined,
): DeclaredSchema {
  if (defaultSchema === undefined) return declared;
  const strip = (name: QualifiedName): QualifiedName =>
    name.schema === defaultSchema ? { name: name.name } : name;
  const table = (t: DeclaredTable): DeclaredTable => {
    const def: TableDefinition = t.definition;
    if (
      def.table.schema !== defaultSchema &&
      !def.foreignKeys.some((fk) => fk.references.schema === defaultSchema)
    ) {
      return t;
    }
    return {
      ...t,
      definition: {
        ...def,
        table: strip(def.table),
        foreignKeys: def.foreignKeys.map((fk) => ({ ...fk, references: strip(fk.references) })),
      },
    };
  };
  return { tables: declared.tables.map(table) };
}

/**
 * A foreign key names its referenced schema when it is not the default one, whichever
 * schema was being read: introspection leaves it out relative to the schema it read.
 */
export function qualifyForeignKeys(snapshot: SchemaSnapshot): SchemaSnapshot {
  const fix = (t: TableSnapshot): TableSnapshot => ({
    ...t,
    foreignKeys: t.foreignKeys.map((fk) => {
      const { referencedSchema: _, ...rest } = fk;
      const schema = fk.referencedSchema ?? t.schema;
      return schema === undefined || schema === snapshot.defaultSchema
        ? rest
        : { ...rest, referencedSchema: schema };
    }),
  });
  return { ...snapshot, tables: snapshot.tables.map(fix) };
}
