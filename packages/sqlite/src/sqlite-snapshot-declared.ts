import type { Statement, TableDefinition } from "@mig/core";
import { isMigError, MigError, type QualifiedName, type SchemaSnapshot } from "@mig/core/dialect";
import type { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";
import { refuseUnevaluableDefaults } from "./sqlite-default-check.js";
import { SqliteConnection } from "./sqlite-driver.js";
import { introspect } from "./sqlite-introspector.js";
import { MEMORY } from "./sqlite-url.js";

/**
 * The declared tables as SQLite itself spells them: created in a private in-memory
 * database, read back with `introspect`, and thrown away. Foreign keys are not enforced
 * there, so the tables are created in the order given. A default expression SQLite cannot
 * evaluate is refused here, before a migration creates a table no INSERT can fill.
 */
export async function snapshotDeclared(
  ddl: SqliteDdlCompiler,
  tables: readonly TableDefinition[],
): Promise<SchemaSnapshot> {
  const scratch = new SqliteConnection({
    file: MEMORY,
    timeoutMs: 0,
    foreignKeys: false,
    mode: "rwc",
  });
  try {
    // One transaction: hundreds of CREATE statements each committing on their own are slow.
    await scratch.execute("BEGIN");
    const definitions: TableDefinition[] = [];
    for (const declared of tables) {
      const definition = inMainDatabase(declared);
      definitions.push(definition);
      const statements = compile(ddl, definition);
      for (const statement of statements) await run(scratch, statement, definition.table.name);
    }
    // After CREATE, so SQLite's own refusals (a default that is not constant) come first.
    await refuseUnevaluableDefaults(scratch, definitions);
    return await introspect(scratch);
  } finally {
    scratch.close();
  }
}

function compile(ddl: SqliteDdlCompiler, definition: TableDefinition): Statement[] {
  try {
    return ddl.compile({ kind: "createTable", definition });
  } catch (error) {
    if (!isMigError(error)) throw error;
    throw new MigError(error.code, `Declared table "${definition.table.name}": ${error.message}`, {
      hint: error.hint,
      cause: error,
      usage: true,
    });
  }
}

async function run(scratch: SqliteConnection, statement: Statement, table: string): Promise<void> {
  try {
    await scratch.execute(statement.sql, statement.params);
  } catch (cause) {
    if (isMigError(cause)) throw cause;
    throw new MigError(
      "schema_invalid",
      `SQLite refuses the declared table "${table}": ${(cause as Error).message}.`,
      { hint: "Fix the table's declaration in the schema module.", cause, usage: true },
    );
  }
}

/** mig works on SQLite's main database: `main` is the same as no schema, others are refused. */
function inMainDatabase(def: TableDefinition): TableDefinition {
  const main = (name: QualifiedName): QualifiedName => {
    if (name.schema === undefined || name.schema.toLowerCase() === "main")
      return { name: name.name };
    throw new MigError(
      "schema_invalid",
      `The declared table "${def.table.name}" names the schema "${name.schema}"; mig's SQLite autogenerate reads only the main database.`,
      { hint: "Leave schema out of SQLite table declarations.", usage: true },
    );
  };
  return {
    ...def,
    table: main(def.table),
    foreignKeys: def.foreignKeys.map((fk) => ({ ...fk, references: main(fk.references) })),
  };
}
