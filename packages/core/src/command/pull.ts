import { randomBytes } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { SUGGESTED_SCHEMA } from "../config/load-schema-module.js";
import type { OptionKeys } from "../config/option-keys.js";
import { openProject, PROJECT_KEYS, type Project, type ProjectOptions } from "../config/project.js";
import { resolveSchemaPath, SCHEMA_EXTENSIONS } from "../config/schema-path.js";
import { MigError } from "../errors/mig-error.js";
import type { RunEvents } from "../runtime/run-events.js";
import { withSession } from "../runtime/session.js";
import { renderSchemaModule } from "../schema/render-schema-module.js";
import { DEFAULT_INCLUDE_OBJECT } from "../schema/schema-filter.js";
import type { SchemaSnapshot, TableSnapshot } from "../schema/schema-snapshot.js";
import { unsupportedLabel } from "../schema/unsupported-label.js";
import { assertKnownOptions } from "./call-arguments.js";
import { migTables, readLiveSchema } from "./read-live-schema.js";

export interface PullOptions extends ProjectOptions {
  /** Where to write; default the config's `schema`, else `schema.ts` next to the config. */
  readonly out?: string | undefined;
  /** Replace the file when it exists. */
  readonly force?: boolean | undefined;
  /** Schemas to read besides the default one (PostgreSQL's `sales`, say). */
  readonly schemas?: readonly string[] | undefined;
  readonly events?: RunEvents | undefined;
}

const PULL_KEYS: OptionKeys<PullOptions> = {
  ...PROJECT_KEYS,
  out: true,
  force: true,
  schemas: true,
  events: true,
};

export interface PullResult {
  /** The module written. */
  readonly path: string;
  /** How many tables it declares. */
  readonly tables: number;
  /** Objects mig does not model, left out of the module, one line each. */
  readonly warnings: readonly string[];
  /** When the config names no `schema`: the line to add to it (`schema: "./schema.ts"`). */
  readonly configLine?: string | undefined;
}

/**
 * Writes the schema module from the live database (its default schema, all tables but the
 * version table and those the config's filters leave out), as `mig pull` does. Refuses to
 * replace a file unless `force`; the file appears whole or not at all.
 */
export async function pull(options: PullOptions = {}): Promise<PullResult> {
  assertKnownOptions("pull", options, PULL_KEYS, 'pull({ out: "src/schema.ts" })');
  const { out, force, events, schemas, ...projectOptions } = options;
  if (schemas?.some((name) => name.trim() === "")) {
    throw new MigError("invalid_option", "--schema was given an empty name.", {
      usage: true,
      hint: "Name the schema to pull, e.g. mig pull --schema sales.",
    });
  }
  if (out !== undefined && out.trim() === "") {
    throw new MigError("invalid_option", "--out was given an empty name.", {
      usage: true,
      hint: "Name the file to write, e.g. --out schema.ts.",
    });
  }
  const project = await openProject(projectOptions);
  const path = target(project, out, projectOptions.cwd ?? process.cwd());
  if (isDirectory(path)) throw directoryOut(out ?? (relative(process.cwd(), path) || path));
  if (!(SCHEMA_EXTENSIONS as readonly string[]).includes(extname(path))) throw notModule(path, out);
  if (!force && existsSync(path)) throw exists(path);
  const { snapshot, readType, defaultAction } = await withSession(
    project,
    { events, create: false },
    async (session) => {
      const { dialect } = session;
      const live = await readLiveSchema(
        session,
        schemas ?? [],
        migTables(project, session.dialect),
      );
      return {
        snapshot: kept(project, live),
        readType: dialect.readType?.bind(dialect),
        defaultAction: dialect.capabilities.defaultReferentialAction,
      };
    },
  );
  if (snapshot.tables.length === 0) {
    const where = snapshot.defaultSchema ? ` in schema ${snapshot.defaultSchema}` : "";
    throw new MigError("pull_empty", `The database has no tables${where} to pull.`, {
      hint: "Create them first, or name the schemas they are in: mig pull --schema <name>.",
    });
  }
  // A schema named on purpose with nothing in it (not even a view) is most often misspelt.
  const inSchema = (name: string) => (o: { readonly schema?: string | undefined }) =>
    o.schema === name;
  const empty = (schemas ?? []).find(
    (name) =>
      name !== snapshot.defaultSchema &&
      !snapshot.tables.some(inSchema(name)) &&
      !snapshot.enums.some(inSchema(name)) &&
      !snapshot.unsupported.some(inSchema(name)),
  );
  if (empty !== undefined) {
    throw new MigError("pull_empty", `The database has nothing in schema ${empty} to pull.`, {
      usage: true,
      hint: `Check the name (it must match exactly), or leave out --schema ${empty}.`,
    });
  }
  const text = renderSchemaModule(snapshot, {
    readType,
    defaultAction,
  });
  publish(path, text, force === true);
  const configured = project.config.schema !== undefined && project.config.schema !== "";
  const fromConfig = relative(project.dir, path).split(sep).join("/");
  return {
    path,
    tables: snapshot.tables.length,
    warnings: snapshot.unsupported.map(
      (o) => `${unsupportedLabel(o)} is not declared: mig does not model it.`,
    ),
    ...(configured
      ? {}
      : {
          configLine: `schema: ${JSON.stringify(fromConfig.startsWith(".") ? fromConfig : `./${fromConfig}`)}`,
        }),
  };
}

function target(project: Project, out: string | undefined, cwd: string): string {
  if (out !== undefined) return resolve(cwd, out);
  const configured = project.config.schema;
  if (!configured) return resolve(project.dir, SUGGESTED_SCHEMA);
  // `schema: "./schema"` names schema.ts (or the .mts/.js/.mjs there is), as loading it does.
  const path = resolveSchemaPath(project.dir, configured);
  return extname(path) === "" ? `${path}.ts` : path;
}

/** The snapshot without the tables the config's filters leave out. */
function kept(project: Project, snapshot: SchemaSnapshot): SchemaSnapshot {
  const { includeName, includeObject = DEFAULT_INCLUDE_OBJECT } = project.config;
  const keep = (t: TableSnapshot) =>
    (includeName?.(t.name, { type: "table", schema: t.schema }) ?? true) &&
    includeObject({
      type: "table",
      name: t.name,
      schema: t.schema,
      reflected: true,
      declared: false,
      extension: t.extension,
    });
  return { ...snapshot, tables: snapshot.tables.filter(keep) };
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** `--out migrations`: a directory, which neither --force nor anything else can replace. */
function directoryOut(shown: string): MigError {
  return new MigError(
    "invalid_option",
    `--out ${shown} is a directory; mig pull writes one file.`,
    {
      usage: true,
      // Not a file inside it: the directory named may well be migrations/.
      hint: "Name the file to write, e.g. --out schema.ts.",
    },
  );
}

/** `--out schema.sql`: pull writes a TypeScript module, which a .sql name would misdescribe. */
function notModule(path: string, out: string | undefined): MigError {
  const ext = extname(path);
  const what =
    out === undefined
      ? `The schema module ${relative(process.cwd(), path) || path}`
      : `--out ${out}`;
  const name = `${basename(path, ext)}.ts`;
  return new MigError(
    "invalid_option",
    `${what} ${ext === "" ? "has no extension" : `ends in ${ext}`}; mig pull writes a TypeScript schema module (.ts, .mts, .js or .mjs).`,
    { usage: true, hint: `Name it ${name}, e.g. --out ${name}.` },
  );
}

function exists(path: string): MigError {
  const shown = relative(process.cwd(), path) || basename(path);
  return new MigError("schema_exists", `${shown} already exists; mig pull does not overwrite it.`, {
    usage: true,
    hint: "Pass --force to replace it, or --out <file> to write somewhere else.",
  });
}

/** Temp file, then a link (refuses an existing file) or, with force, a rename over it. */
function publish(path: string, text: string, force: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    writeFileSync(temp, text, { flag: "wx" });
    if (force) {
      renameSync(temp, path);
      return;
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw exists(path);
      if (existsSync(path)) throw exists(path);
      renameSync(temp, path);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
