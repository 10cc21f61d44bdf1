import type { RevisionInfo } from "@mig/core/internal/cli";
import { branches, heads, history, historyText, show } from "@mig/core/internal/graph";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";
import { formatRevision, revisionJson } from "../format.js";

export async function headsCommand(
  ctx: CommandContext,
  opts: { verbose?: boolean; resolveDependencies?: boolean },
): Promise<number> {
  const result = await heads({
    ...ctx.project,
    resolveDependencies: opts.resolveDependencies === true,
  });
  if (ctx.out.options.json) {
    ctx.out.json(result.heads.map((r) => revisionJson(r)));
    return 0;
  }
  lines(
    ctx,
    result.heads.map((rev) =>
      formatRevision(rev, { verbose: opts.verbose, tree: false, path: rev.path }),
    ),
  );
  return 0;
}

export async function branchesCommand(
  ctx: CommandContext,
  opts: { verbose?: boolean },
): Promise<number> {
  const { branchPoints } = await branches(ctx.project);
  if (ctx.out.options.json) {
    ctx.out.json(branchPoints.map((r) => revisionJson(r)));
    return 0;
  }
  const out: string[] = [];
  for (const rev of branchPoints) {
    out.push(formatRevision(rev, { verbose: opts.verbose, path: rev.path }));
    for (const child of rev.branches) {
      out.push(
        `${" ".repeat(rev.revision.length)} -> ${formatRevision(child, { doc: opts.verbose })}`,
      );
    }
    out.push("");
  }
  lines(ctx, out);
  return 0;
}

export interface HistoryFlags {
  readonly rev?: string;
  readonly verbose?: boolean;
  readonly indicateCurrent?: boolean;
}

export async function historyCommand(ctx: CommandContext, opts: HistoryFlags): Promise<number> {
  if (opts.rev === undefined && opts.indicateCurrent !== true && !ctx.out.options.json) {
    // Everything, no database: the text an earlier run printed while no script changed.
    // The CLI's version names the format: loaded here, not on `heads`' path.
    const { VERSION } = await import("../version.js");
    const variant = `history ${VERSION}${opts.verbose ? " verbose" : ""}`;
    const text = await historyText(ctx.project, variant, (revisions) =>
      historyLines(revisions, opts.verbose, new Set()).join("\n"),
    );
    if (text.length > 0) ctx.out.line(text);
    return 0;
  }
  const result = await history({
    ...ctx.project,
    range: opts.rev,
    indicateCurrent: opts.indicateCurrent === true,
    events: databaseNotes(ctx.out, false).events,
  });
  const currentSet = new Set(result.current);
  if (ctx.out.options.json) {
    ctx.out.json(
      result.revisions.map((r) => revisionJson(r, { current: currentSet.has(r.revision) })),
    );
    return 0;
  }
  lines(ctx, historyLines(result.revisions, opts.verbose, currentSet));
  return 0;
}

function historyLines(
  revisions: readonly RevisionInfo[],
  verbose: boolean | undefined,
  current: ReadonlySet<string>,
): string[] {
  // One options object for 10,000 lines; only a verbose entry prints its path.
  const options = { verbose, parents: true, doc: true, current };
  return revisions.map((rev) =>
    formatRevision(rev, verbose ? { ...options, path: rev.path } : options),
  );
}

export async function showCommand(ctx: CommandContext, revs: readonly string[]): Promise<number> {
  const result = await show({ ...ctx.project, revisions: revs });
  if (ctx.out.options.json) {
    ctx.out.json(result.revisions.map((r) => revisionJson(r, { path: r.path })));
    return 0;
  }
  lines(
    ctx,
    result.revisions.map((rev) => formatRevision(rev, { verbose: true, path: rev.path })),
  );
  return 0;
}

/** Prints lines in one write: 10,000 writes of one line each cost more than building them. */
function lines(ctx: CommandContext, text: readonly string[]): void {
  if (text.length > 0) ctx.out.line(text.join("\n"));
}
