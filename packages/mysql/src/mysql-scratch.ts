import { randomBytes } from "node:crypto";
import type { TableDefinition } from "@mig/core";
import {
  type Connection,
  isMigError,
  MigError,
  type SchemaSnapshot,
  type TableSnapshot,
} from "@mig/core/dialect";
import { catalogScope } from "./mysql-catalog.js";
import type { MysqlDdlCompiler } from "./mysql-ddl-compiler.js";
import type { DriverError } from "./mysql-errors.js";
import { introspect } from "./mysql-introspector.js";

/** Scratch databases are named so one grant (`mig\_scratch\_%`) covers them all. */
export const SCRATCH_PREFIX = "mig_scratch_";

/**
 * The declared tables as this server reads them back: created in scratch databases (one
 * per declared schema, with that schema's character set), introspected, then dropped,
 * also when a statement fails. Nothing in the result names a scratch database.
 */
export async function snapshotDeclared(
  ddl: MysqlDdlCompiler,
  connection: Connection,
  tables: readonly TableDefinition[],
): Promise<SchemaSnapshot> {
  const live = (await catalogScope(connection)).schema;
  const declared = [...new Set(tables.map((t) => t.table.schema ?? live))];
  if (declared.length === 0) declared.push(live);
  const scratch = new Map(
    declared.map((s) => [s, `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`]),
  );
  const original = new Map([...scratch].map(([s, x]) => [x, s]));
  const id = (name: string) => `\`${name.replaceAll("`", "``")}\``;
  const created: string[] = [];
  const [checks] = await connection.query<{ v: unknown }>(
    "SELECT @@SESSION.foreign_key_checks AS v",
  );
  // Off while dropping too: a scratch database another one references cannot go first.
  const cleanUp = async () => {
    try {
      await connection.execute("SET SESSION foreign_key_checks = 0");
      for (const name of created) await connection.execute(`DROP DATABASE IF EXISTS ${id(name)}`);
    } finally {
      await connection.execute(
        `SET SESSION foreign_key_checks = ${Number(checks?.v ?? 1) ? 1 : 0}`,
      );
    }
  };
  try {
    for (const [schema, name] of scratch) {
      const [charset] = await connection.query<Record<string, unknown>>(
        "SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?, ?) ORDER BY SCHEMA_NAME = ? DESC LIMIT 1",
        [schema, live, schema],
      );
      const options = charset
        ? ` CHARACTER SET ${id(String(charset.cs))} COLLATE ${id(String(charset.co))}`
        : "";
      await connection.execute(`CREATE DATABASE ${id(name)}${options}`).catch((e: unknown) => {
        throw scratchDeniedError(e);
      });
      created.push(name);
    }
    // Tables may reference each other in any order; the scratch databases hold no rows.
    await connection.execute("SET SESSION foreign_key_checks = 0");
    for (const table of tables) {
      ddl.refuseUnsupported(table);
      const home = table.table.schema ?? live;
      const definition: TableDefinition = {
        ...table,
        table: { name: table.table.name, schema: scratch.get(home)! },
        foreignKeys: table.foreignKeys.map((fk) => ({
          ...fk,
          references: {
            name: fk.references.name,
            schema: scratch.get(fk.references.schema ?? home) ?? fk.references.schema!,
          },
        })),
      };
      const statement = ddl.createTableWithIndexes(definition);
      await connection.execute(statement.sql, statement.params).catch((e: unknown) => {
        throw refusedError(table.table.name, e);
      });
    }
    // Each table keeps the schema it was declared with (none for the connection's database).
    const declaredAs = new Map(
      tables.map((t) => [`${t.table.schema ?? live}\u0000${t.table.name}`, t.table.schema]),
    );
    const snapshots = await Promise.all(
      [...scratch].map(async ([schema, name]) => {
        const read = await introspect(connection, { schema: name });
        return read.tables.map((t) =>
          unscratch(t, declaredAs.get(`${schema}\u0000${t.name}`), original),
        );
      }),
    );
    await cleanUp();
    return {
      tables: snapshots.flat().sort((a, b) => order(a, b)),
      enums: [],
      unsupported: [],
    };
  } catch (error) {
    // A failed clean-up must not hide the error that brought us here.
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

function unscratch(
  table: TableSnapshot,
  schema: string | undefined,
  original: ReadonlyMap<string, string>,
): TableSnapshot {
  const { schema: _scratch, ...rest } = table;
  return {
    ...rest,
    ...(schema === undefined ? {} : { schema }),
    foreignKeys: table.foreignKeys.map((fk) =>
      fk.referencedSchema === undefined
        ? fk
        : { ...fk, referencedSchema: original.get(fk.referencedSchema) ?? fk.referencedSchema },
    ),
  };
}

function order(a: TableSnapshot, b: TableSnapshot): number {
  const x = `${a.schema ?? ""}\u0000${a.name}`;
  const y = `${b.schema ?? ""}\u0000${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

function serverMessage(error: unknown): string {
  const e = (error ?? {}) as DriverError;
  return String(e.sqlMessage ?? e.message ?? error)
    .split("\n")[0]!
    .trim();
}

function scratchDeniedError(error: unknown): unknown {
  if (isMigError(error)) return error;
  return new MigError(
    "mysql_scratch_database_denied",
    `Autogenerate needs a scratch database to read the declared schema back, and the server refused to create one: ${serverMessage(error)}`,
    {
      hint: "Grant the user the scratch databases (they are dropped right after): GRANT ALL PRIVILEGES ON `mig\\_scratch\\_%`.* TO 'user'@'host';",
      cause: error,
    },
  );
}

function refusedError(table: string, error: unknown): unknown {
  if (isMigError(error)) return error;
  return new MigError(
    "mysql_declared_table_refused",
    `The server refused the declared table ${table}: ${serverMessage(error)}`,
    { hint: "Fix the table's declaration in the schema module.", cause: error },
  );
}
