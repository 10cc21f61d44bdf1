import { rmSync } from "node:fs";
import { relative } from "node:path";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type Project, type ProjectOptions } from "../config/project.js";
import { thrownMessage } from "../errors/first-line.js";
import { isMigError, MigError } from "../errors/mig-error.js";
import { verifyRevisionId } from "../revision/build-graph.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { OnlineExecutor } from "../runtime/executor.js";
import type { RunEvents } from "../runtime/run-events.js";
import { type Session, sessionSqlLog, withSession } from "../runtime/session.js";
import { VersionTable } from "../runtime/version-table.js";
import { type BaselineDiff, baselineDiff } from "../schema/baseline-diff.js";
import { renderedImports, renderOperations } from "../schema/render-operations.js";
import type { SchemaChange } from "../schema/schema-diff.js";
import { assertKnownOptions } from "./call-arguments.js";
import { schemaFilter } from "./compare-project.js";
import { migTables, readLiveSchema } from "./read-live-schema.js";
import { requireBodyPlaceholders, writeRevision } from "./revision.js";
import { stamp } from "./upgrade.js";

export interface BaselineOptions extends ProjectOptions {
  /** The revision's message; default `baseline`. */
  readonly message?: string | undefined;
  readonly revId?: string | undefined;
  /** Which version location to write into. */
  readonly versionPath?: string | undefined;
  readonly date?: Date | undefined;
  /** Schemas to read besides the default one (PostgreSQL's `sales`, say). */
  readonly schemas?: readonly string[] | undefined;
  /** `false` writes the revision without stamping the database (`--no-stamp`). */
  readonly stamp?: boolean | undefined;
  /** An arbitrary tag for the stamp's hooks (`--tag`). */
  readonly tag?: string | undefined;
  readonly events?: RunEvents | undefined;
}

const BASELINE_KEYS: OptionKeys<BaselineOptions> = {
  ...PROJECT_KEYS,
  message: true,
  revId: true,
  versionPath: true,
  date: true,
  schemas: true,
  stamp: true,
  tag: true,
  events: true,
};

export interface BaselineResult {
  /** The script written. */
  readonly path: string;
  readonly header: RevisionHeader;
  /** How many tables its upgrade creates. */
  readonly tables: number;
  readonly changes: readonly SchemaChange[];
  /** Objects left out (views, triggers...), one line each. */
  readonly warnings: readonly string[];
  /** Whether the database now names the revision in its version table. */
  readonly stamped: boolean;
}

/**
 * Adopts an existing database, as `mig baseline` does: writes one revision whose upgrade
 * creates the database's current schema (autogenerate from an empty schema, with the
 * config's filters; never the version table), then stamps the database at it. Refuses a
 * project that has revisions and a database whose version table has rows. When the stamp
 * fails the script is removed again, so either both happen or neither.
 */
export async function baseline(options: BaselineOptions = {}): Promise<BaselineResult> {
  assertKnownOptions("baseline", options, BASELINE_KEYS, 'baseline({ message: "baseline" })');
  const {
    message,
    revId,
    versionPath,
    date,
    schemas,
    events,
    tag,
    stamp: stamping,
    ...projectOptions
  } = options;
  const project = await openProject(projectOptions);
  refuseExistingRevisions(project);
  if (revId !== undefined) verifyRevisionId(revId, { usage: true });
  requireBodyPlaceholders(project);
  // It reads the schema to write a script; only the stamp after it writes to the database.
  const diff = await withSession(project, { events, create: false }, (session) =>
    readBaseline(project, session, schemas ?? []),
  );
  const header = {
    downRevisions: [],
    branchLabels: [],
    dependsOn: [],
    message: message ?? "baseline",
  };
  const written = writeRevision(
    project,
    { revId, versionPath, date, format: "ts", bodies: bodies(diff) },
    header,
  );
  const result = {
    ...written,
    tables: diff.tables,
    changes: diff.changes,
    warnings: diff.warnings,
  };
  if (stamping === false) return { ...result, stamped: false };
  try {
    await stamp({ ...projectOptions, revisions: [written.header.revision], tag });
  } catch (error) {
    rmSync(written.path, { force: true });
    throw notStamped(written.path, error);
  }
  return { ...result, stamped: true };
}

function refuseExistingRevisions(project: Project): void {
  const count = project.map.revisions.size;
  if (count === 0) return;
  throw new MigError(
    "baseline_has_revisions",
    `The project already has ${count} revision${count === 1 ? "" : "s"}; mig baseline starts a project's history.`,
    {
      usage: true,
      hint: "Bring the database to head with `mig stamp` or `mig up`, and write new changes with `mig revision --autogenerate`.",
    },
  );
}

/** Checks the version table is empty, then reads and diffs the schema in one session. */
async function readBaseline(
  project: Project,
  session: Session,
  schemas: readonly string[],
): Promise<BaselineDiff> {
  const { dialect } = session;
  const exec = new OnlineExecutor(dialect, session.connection, sessionSqlLog(project, session));
  const rows = await new VersionTable(exec, project.versionTable).read();
  if (rows.length > 0) {
    throw new MigError(
      "baseline_versioned",
      `The database is already managed by mig: ${project.versionTable.name} names ${rows.join(", ")}.`,
      {
        hint: "mig baseline is for a database mig has never run on; point --url at that one, or fetch the project's migrations.",
      },
    );
  }
  const snapshot = await readLiveSchema(session, schemas, migTables(project, session.dialect));
  const diff = baselineDiff({
    snapshot,
    filter: schemaFilter(project),
    readType: dialect.readType?.bind(dialect),
    defaultAction: dialect.capabilities.defaultReferentialAction,
  });
  if (diff.tables === 0) {
    const where = snapshot.defaultSchema ? ` in schema ${snapshot.defaultSchema}` : "";
    throw new MigError("baseline_empty", `The database has no tables${where} to baseline.`, {
      hint: "Name the schemas they are in (--schema <name>), check the config's includeName/includeObject, or start with `mig revision -m` on a new database.",
    });
  }
  return diff;
}

/** The script's bodies: objects left out as comments first, then the operations. */
function bodies(diff: BaselineDiff) {
  const upgrades = [...diff.warnings.map((w) => `// ${w}`), ...renderOperations(diff.upgrade)];
  const names = renderedImports([...diff.upgrade, ...diff.downgrade]);
  return {
    imports:
      names.length === 0
        ? 'import type { Operations } from "@mig/core";'
        : `import { type Operations, ${names.join(", ")} } from "@mig/core";`,
    upgrades,
    downgrades: renderOperations(diff.downgrade),
  };
}

function notStamped(path: string, error: unknown): MigError {
  const shown = relative(process.cwd(), path) || path;
  const reason = thrownMessage(error);
  const hint = isMigError(error) && error.hint ? `${error.hint} ` : "";
  return new MigError("baseline_not_stamped", `Stamping the database failed: ${reason}`, {
    hint: `${hint}Nothing was changed: ${shown} was removed again. Run mig baseline once the cause is fixed.`,
    cause: error,
  });
}
