import { relative } from "node:path";
import { autogenerate, check, pull, type SchemaChange } from "@mig/core";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";
import { type RevisionFlags, revisionOptions } from "./revision-flags.js";

const rel = (p: string) => relative(process.cwd(), p) || ".";

export const NO_CHANGES = "No changes: the database matches the schema.";

/** One change as `check` lists it: `!` marks one that can lose data or fail on existing rows. */
export function changeLine(change: SchemaChange): string {
  return change.destructive
    ? `! ${change.description} (${change.destructive})`
    : `  ${change.description}`;
}

/** A change as `--json` gives it: plain fields, no operation objects. */
export function changeJson(change: SchemaChange) {
  return {
    kind: change.kind,
    table: change.table ?? null,
    object: change.object ?? null,
    description: change.description,
    destructive: change.destructive ?? null,
    renameHint: change.renameHint ?? null,
  };
}

function listChanges(ctx: CommandContext, changes: readonly SchemaChange[]): void {
  for (const change of changes) {
    ctx.out.line(changeLine(change));
    if (change.renameHint) ctx.out.line(`    ${change.renameHint}`);
  }
}

function warn(ctx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) ctx.out.info(`warning: ${w}`);
}

/** `mig check`: 0 when the database matches the schema, 1 with the differences. */
export async function checkCommand(ctx: CommandContext): Promise<number> {
  const result = await check({ ...ctx.project, events: databaseNotes(ctx.out, false).events });
  if (ctx.out.options.json) {
    ctx.out.json({
      clean: result.clean,
      changes: result.changes.map(changeJson),
      warnings: result.warnings,
    });
    return result.clean ? 0 : 1;
  }
  if (result.clean) ctx.out.line(NO_CHANGES);
  else {
    const n = result.changes.length;
    ctx.out.line(`The database differs from the schema (${n} change${n === 1 ? "" : "s"}):`);
    listChanges(ctx, result.changes);
  }
  warn(ctx, result.warnings);
  return result.clean ? 0 : 1;
}

export type AutogenerateFlags = RevisionFlags;

/** `mig revision --autogenerate -m msg`: writes the migration, or says there is nothing to write. */
export async function autogenerateCommand(
  ctx: CommandContext,
  flags: RevisionFlags,
): Promise<number> {
  const result = await autogenerate({
    ...ctx.project,
    ...revisionOptions(flags),
    events: databaseNotes(ctx.out, false).events,
  });
  if (ctx.out.options.json) {
    ctx.out.json({
      path: result.path,
      ...(result.header ?? {}),
      skipped: result.skipped ?? null,
      changes: result.changes.map(changeJson),
      warnings: result.warnings,
    });
    return 0;
  }
  warn(ctx, result.warnings);
  if (result.skipped === "no-changes") ctx.out.line(NO_CHANGES);
  else if (result.skipped === "directives")
    ctx.out.line("No migration written: processRevisionDirectives returned null.");
  else {
    listChanges(ctx, result.changes);
    ctx.out.line(`Generating ${rel(result.path!)} ... done`);
  }
  return 0;
}

/** `mig pull [--out file] [--force]`: the schema module from the live database. */
export async function pullCommand(
  ctx: CommandContext,
  flags: { out?: string; force?: boolean; schema?: string[] },
): Promise<number> {
  const result = await pull({
    ...ctx.project,
    ...(flags.out === undefined ? {} : { out: flags.out }),
    ...(flags.schema === undefined ? {} : { schemas: flags.schema }),
    force: flags.force === true,
    events: databaseNotes(ctx.out, false).events,
  });
  if (ctx.out.options.json) {
    ctx.out.json({
      path: result.path,
      tables: result.tables,
      warnings: result.warnings,
      configLine: result.configLine ?? null,
    });
    return 0;
  }
  warn(ctx, result.warnings);
  const n = result.tables;
  ctx.out.line(`Wrote ${rel(result.path)} (${n} table${n === 1 ? "" : "s"}).`);
  if (result.configLine) {
    ctx.out.line(`Add this line to mig.config so check and revision --autogenerate use it:`);
    ctx.out.line(`  ${result.configLine},`);
  }
  return 0;
}
