import { relative } from "node:path";
import { type GraphFormat, graphPicture } from "@mig/core/internal/graph";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";

export interface GraphFlags {
  readonly format?: GraphFormat;
  readonly out?: string;
  readonly collapse?: boolean;
  readonly db?: boolean;
}

export async function graphCommand(ctx: CommandContext, flags: GraphFlags): Promise<number> {
  const result = await graphPicture({
    ...ctx.project,
    format: flags.format,
    out: flags.out,
    noCollapse: flags.collapse === false,
    database: flags.db !== false,
    events: databaseNotes(ctx.out, false).events,
  });
  if (ctx.out.options.json) {
    ctx.out.json({
      format: result.format,
      revisions: result.revisions,
      nodes: result.nodes,
      applied: result.applied,
      note: result.note ?? null,
      ...(result.out === undefined ? { text: result.text } : { out: result.out }),
    });
    return 0;
  }
  if (result.note) ctx.out.info(result.note);
  if (result.out === undefined) ctx.out.raw(result.text);
  else {
    const shown = relative(process.cwd(), result.out) || result.out;
    ctx.out.line(`Wrote ${shown} (${result.revisions} revisions in ${result.nodes} boxes).`);
  }
  return 0;
}
