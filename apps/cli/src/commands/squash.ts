import { relative } from "node:path";
import { squash } from "@mig/core";
import type { CommandContext } from "../context.js";

const rel = (p: string) => relative(process.cwd(), p) || ".";

export async function squashCommand(
  ctx: CommandContext,
  range: string,
  opts: { message: string; revId?: string },
): Promise<number> {
  const result = await squash({
    ...ctx.project,
    range,
    message: opts.message,
    ...(opts.revId ? { revId: opts.revId } : {}),
  });
  if (ctx.out.options.json) {
    ctx.out.json({ path: result.path, ...result.header, keptIn: result.keptIn });
    return 0;
  }
  const replaced = result.header.replaces ?? [];
  ctx.out.line(`Generating ${rel(result.path)} ... done`);
  ctx.out.line(
    `Replaced ${replaced.length} revision${replaced.length === 1 ? "" : "s"} (${replaced.join(", ")}); their scripts are kept in ${rel(result.keptIn)}/.`,
  );
  for (const path of result.repointed) ctx.out.line(`Re-pointed ${rel(path)}`);
  return 0;
}
