import { relative } from "node:path";
import { baseline, MigError } from "@mig/core";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";

const rel = (p: string) => relative(process.cwd(), p) || ".";

export interface BaselineFlags {
  message?: string;
  revId?: string;
  versionPath?: string;
  schema?: string[];
  stamp?: boolean;
  tag?: string;
  sql?: boolean;
}

/** `mig baseline -m msg`: one revision creating the database's schema, stamped. */
export async function baselineCommand(ctx: CommandContext, flags: BaselineFlags): Promise<number> {
  if (flags.sql) {
    throw new MigError("usage", "mig baseline reads the live database; it has no --sql mode.", {
      usage: true,
      hint: "Run it with --no-stamp to write the revision only, then `mig stamp <rev> --sql` for the stamp's SQL.",
    });
  }
  const db = databaseNotes(ctx.out, true);
  const result = await baseline({
    ...ctx.project,
    ...(flags.message === undefined ? {} : { message: flags.message }),
    ...(flags.revId === undefined ? {} : { revId: flags.revId }),
    ...(flags.versionPath === undefined ? {} : { versionPath: flags.versionPath }),
    ...(flags.schema === undefined ? {} : { schemas: flags.schema }),
    ...(flags.tag === undefined ? {} : { tag: flags.tag }),
    stamp: flags.stamp !== false,
    events: db.events,
  });
  const id = result.header.revision;
  if (ctx.out.options.json) {
    ctx.out.json({
      path: result.path,
      ...result.header,
      tables: result.tables,
      stamped: result.stamped,
      warnings: result.warnings,
    });
    return 0;
  }
  for (const w of result.warnings) ctx.out.info(`warning: ${w}`);
  const n = result.tables;
  ctx.out.line(`Generating ${rel(result.path)} ... done (${n} table${n === 1 ? "" : "s"})`);
  if (result.stamped) ctx.out.line(`Stamped the database at ${id}.`);
  else ctx.out.line(`Not stamped: run \`mig stamp ${id}\` on the database it came from.`);
  return 0;
}
