import { loadSchemaModule } from "../config/load-schema-module.js";
import { assertRowsKnown, type Project } from "../config/project.js";
import type { Dialect } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";
import { planUpgrade } from "../revision/plan.js";
import { OnlineExecutor } from "../runtime/executor.js";
import type { RunEvents } from "../runtime/run-events.js";
import { sessionSqlLog, withSession } from "../runtime/session.js";
import { VersionTable } from "../runtime/version-table.js";
import type { SchemaDiff } from "../schema/schema-diff.js";
import type { SchemaFilter } from "../schema/schema-filter.js";
import { replacedIds } from "../script/replaces.js";
import { compareDatabase } from "./compare-database.js";
import { migTables } from "./read-live-schema.js";

export interface ProjectComparison {
  readonly diff: SchemaDiff;
  readonly dialect: Dialect;
  /** The version table's rows the database was compared at. */
  readonly rows: readonly string[];
}

/** The config's filters; keys left out keep compareSchemas' defaults. */
export function schemaFilter(project: Project): SchemaFilter {
  const { includeName, includeObject } = project.config;
  return {
    ...(includeName ? { includeName } : {}),
    ...(includeObject ? { includeObject } : {}),
  };
}

/**
 * The project's schema module against its database, which must be at the head revisions
 * (as Alembic: pending migrations would show up as differences). mig's own tables (version,
 * lock, applied log) are never compared.
 */
export async function compareProject(
  project: Project,
  events?: RunEvents,
): Promise<ProjectComparison> {
  const { schema } = await loadSchemaModule(project);
  // It only reads: a database that is not there is compared as the empty one it would be.
  return withSession(project, { events, create: false }, async (session) => {
    const exec = new OnlineExecutor(
      session.dialect,
      session.connection,
      sessionSqlLog(project, session),
    );
    const rows = await new VersionTable(
      exec,
      project.versionTable,
      replacedIds(project.scripts),
    ).read();
    assertRowsKnown(project, rows);
    const pending = planUpgrade(project.map, rows, "heads");
    if (pending.length > 0) {
      const at = rows.length ? rows.join(", ") : "base";
      throw new MigError("not_up_to_date", "Target database is not up to date.", {
        hint: `It is at ${at}, with ${pending.length} migration(s) to apply: run \`mig up heads\` first, then compare.`,
      });
    }
    const diff = await compareDatabase({
      dialect: session.dialect,
      connection: session.connection,
      declared: schema,
      filter: schemaFilter(project),
      exclude: migTables(project, session.dialect),
    });
    return { diff, dialect: session.dialect, rows };
  });
}
