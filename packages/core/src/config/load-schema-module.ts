import { existsSync, readFileSync } from "node:fs";
import { basename, extname, relative } from "node:path";
import { firstLine, thrownMessage } from "../errors/first-line.js";
import { isMigError, MigError } from "../errors/mig-error.js";
import { lineIn } from "../errors/stack-frames.js";
import { builderTypoHint } from "../operations/column-type.js";
import { type DeclaredSchema, schemaFromModule } from "../schema/declare-schema.js";
import { notUtf8At, SAVE_AS_UTF8 } from "../script/utf8-script.js";
import { syntaxLocation } from "./config-load-error.js";
import { importModule } from "./import-module.js";
import type { Project } from "./project.js";
import { resolveSchemaPath, SCHEMA_EXTENSIONS } from "./schema-path.js";

export interface LoadedSchema {
  readonly schema: DeclaredSchema;
  /** The module's absolute path. */
  readonly file: string;
}

/** The `schema` path for messages: as the config names it, relative to the config. */
export const SUGGESTED_SCHEMA = "./schema.ts";

/**
 * Imports the project's schema module (TypeScript loads as migrations do) and returns its
 * tables. Not configured or missing: a usage error; a module that throws, has a syntax
 * error or declares nothing: an error naming the file.
 */
export async function loadSchemaModule(project: Project): Promise<LoadedSchema> {
  const configured = project.config.schema;
  if (configured === undefined || configured === "") {
    throw new MigError("schema_not_configured", "No `schema` module is configured.", {
      usage: true,
      hint: `Set schema: "${SUGGESTED_SCHEMA}" in mig.config (\`mig pull\` writes one from the database).`,
    });
  }
  const file = resolveSchemaPath(project.dir, configured);
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    // Named without its extension: say which files were looked for.
    const tried =
      extname(file) === ""
        ? ` (nor ${SCHEMA_EXTENSIONS.map((e) => `${shown}${e}`).join(", ")})`
        : "";
    throw new MigError("schema_not_found", `The schema module ${shown} does not exist${tried}.`, {
      usage: true,
      hint: "Fix `schema` in mig.config, or run `mig pull` to write the module from the database.",
    });
  }
  if (!(SCHEMA_EXTENSIONS as readonly string[]).includes(extname(file))) {
    throw new MigError(
      "schema_not_module",
      `The schema module ${shown} ends in ${extname(file)}; it must be TypeScript or an ES module (.ts, .mts, .js or .mjs).`,
      {
        usage: true,
        hint: `Name it ${basename(file, extname(file))}.ts in mig.config's \`schema\`.`,
      },
    );
  }
  // Read as UTF-8 whatever it is: a Latin-1 'café' would declare a table named 'caf�'.
  const bad = notUtf8At(readFileSync(file));
  if (bad) {
    throw new MigError(
      "schema_load_failed",
      `Cannot load the schema module ${shown}:${bad.line}: not UTF-8 (byte 0x${bad.byte}); mig reads it as UTF-8.`,
      { hint: SAVE_AS_UTF8 },
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file, true);
  } catch (cause) {
    throw loadFailed(file, shown, cause);
  }
  let schema: DeclaredSchema;
  try {
    schema = schemaFromModule(mod);
  } catch (cause) {
    if (isMigError(cause)) {
      throw new MigError(cause.code, `${shown}: ${cause.message}`, { hint: cause.hint, cause });
    }
    throw cause;
  }
  if (schema.tables.length === 0) {
    throw new MigError("schema_empty", `The schema module ${shown} declares no tables.`, {
      hint: "Export the tables it declares (export const users = table(...)), or export default defineSchema([...]).",
    });
  }
  return { schema, file };
}

function loadFailed(file: string, shown: string, cause: unknown): MigError {
  const text = thrownMessage(cause);
  const at = syntaxLocation(file, cause, text);
  const detail = firstLine(cause)
    .replace(/^ParseError:\s*/, "")
    .replace(/^Error transforming .*?: /, "")
    .replace(/\s*\(\d+:\d+\)$/, "")
    .trim();
  if (at) {
    return new MigError(
      "schema_load_failed",
      `Syntax error in ${shown}:${at.line}:${at.column}: ${detail.replace(/\.$/, "")}.`,
      { hint: "Fix the schema module at that line.", cause },
    );
  }
  // A runtime error (a typo'd `t.varchr(...)`): the module's line where it was thrown.
  const line = lineIn(cause, file);
  const where = line === undefined ? shown : `${shown}:${line}`;
  const message = `Cannot load the schema module ${where}: ${detail}${builderTypoHint(detail)}`;
  return new MigError("schema_load_failed", message, {
    hint: `Fix the error ${line === undefined ? "in that file" : "at that line"} (run with --verbose for the full trace).`,
    cause,
  });
}
