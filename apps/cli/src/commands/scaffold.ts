import { relative } from "node:path";
import { init, MigError, merge, revision } from "@mig/core";
import type { CommandContext } from "../context.js";
import { type RevisionFlags, revisionOptions } from "./revision-flags.js";
import { autogenerateCommand } from "./schema.js";

const rel = (p: string) => relative(process.cwd(), p) || ".";

export async function initCommand(
  ctx: CommandContext,
  dir: string,
  opts: { template: "ts" | "sql" },
): Promise<number> {
  const result = init(dir, {
    template: opts.template,
    ...(ctx.project.url ? { url: ctx.project.url } : {}),
  });
  if (ctx.out.options.json) {
    ctx.out.json({ dir: result.dir, files: result.files });
    return 0;
  }
  for (const file of result.files) ctx.out.line(`Created ${rel(file)}`);
  // `mig` alone is not on PATH in a project: npx runs the local one (not the registry's `mig`).
  const next = `npx --no-install mig revision -m "first migration"`;
  ctx.out.line(`Next: ${dir === "." ? "" : `cd ${dir} && `}${next}`);
  return 0;
}

export async function revisionCommand(
  ctx: CommandContext,
  opts: Record<string, unknown>,
): Promise<number> {
  const flags = opts as unknown as RevisionFlags;
  if (flags.autogenerate && flags.sql) {
    throw new MigError("usage", "--autogenerate writes a TypeScript migration, not --sql.", {
      usage: true,
      hint: "Drop --sql: the generated script holds op calls (a project may mix .ts and .sql).",
    });
  }
  if (flags.autogenerate) return autogenerateCommand(ctx, flags);
  const result = await revision({
    ...ctx.project,
    ...revisionOptions(flags),
    ...(flags.sql ? { format: "sql" as const } : {}),
  });
  if (ctx.out.options.json) ctx.out.json({ path: result.path, ...result.header });
  else ctx.out.line(`Generating ${rel(result.path)} ... done`);
  return 0;
}

export async function mergeCommand(
  ctx: CommandContext,
  revs: string[],
  opts: Record<string, unknown>,
): Promise<number> {
  const flags = opts as { message?: string; branchLabel?: string; revId?: string };
  const result = await merge({
    ...ctx.project,
    revisions: revs.length ? revs : ["heads"],
    ...(flags.message ? { message: flags.message } : {}),
    ...(flags.branchLabel !== undefined ? { branchLabel: flags.branchLabel } : {}),
    ...(flags.revId !== undefined ? { revId: flags.revId } : {}),
  });
  if (ctx.out.options.json) ctx.out.json({ path: result.path, ...result.header });
  else ctx.out.line(`Generating ${rel(result.path)} ... done`);
  return 0;
}
