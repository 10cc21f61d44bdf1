import {
  BASE,
  current,
  getRevisions,
  MigError,
  openProject,
  type Revision,
  walkRevisions,
} from "@mig/core";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";
import { formatRevision, revisionJson } from "../format.js";

export async function headsCommand(
  ctx: CommandContext,
  opts: { verbose?: boolean; resolveDependencies?: boolean },
): Promise<number> {
  const project = await openProject(ctx.project);
  // As `alembic heads --resolve-dependencies`: only heads nothing depends on.
  const ids = opts.resolveDependencies ? project.map.realHeads : project.map.heads;
  const heads = ids.map((id) => project.map.rev(id));
  if (ctx.out.options.json) {
    ctx.out.json(heads.map((r) => revisionJson(project.map, r)));
    return 0;
  }
  for (const rev of heads) {
    ctx.out.line(
      formatRevision(rev, {
        verbose: opts.verbose,
        tree: false,
        path: project.scriptsById.get(rev.revision)?.path,
      }),
    );
  }
  return 0;
}

export async function branchesCommand(
  ctx: CommandContext,
  opts: { verbose?: boolean },
): Promise<number> {
  const project = await openProject(ctx.project);
  const points = walkRevisions(project.map).filter((r) => r.isBranchPoint);
  if (ctx.out.options.json) {
    ctx.out.json(points.map((r) => revisionJson(project.map, r)));
    return 0;
  }
  for (const rev of points) {
    ctx.out.line(
      formatRevision(rev, {
        verbose: opts.verbose,
        path: project.scriptsById.get(rev.revision)?.path,
      }),
    );
    for (const child of rev.nextRevisions) {
      const c = project.map.rev(child);
      ctx.out.line(
        `${" ".repeat(rev.revision.length)} -> ${formatRevision(c, { doc: opts.verbose })}`,
      );
    }
    ctx.out.line();
  }
  return 0;
}

export interface HistoryOptions {
  readonly rev?: string;
  readonly verbose?: boolean;
  readonly indicateCurrent?: boolean;
}

export async function historyCommand(ctx: CommandContext, opts: HistoryOptions): Promise<number> {
  const project = await openProject(ctx.project);
  let base = "base";
  let head = "heads";
  if (opts.rev !== undefined) {
    if (!opts.rev.includes(":")) {
      throw new MigError("usage", "History range needs start:end, start: or :end.", {
        usage: true,
        hint: "For example: mig history -r ae10:head",
      });
    }
    const at = opts.rev.indexOf(":");
    base = opts.rev.slice(0, at).trim() || "base";
    head = opts.rev.slice(at + 1).trim() || "heads";
  }
  let rows: readonly string[] = [];
  if (opts.indicateCurrent || base === "current" || head === "current") {
    rows = (await current({ ...ctx.project, events: databaseNotes(ctx.out, false).events })).rows;
  }
  const currentSet = new Set(rows);
  const ranges = (side: string, fallback: string) =>
    side === "current" ? (rows.length ? [...rows] : [fallback]) : [side];
  const seen = new Set<Revision>();
  const revs: Revision[] = [];
  for (const b of ranges(base, "base")) {
    for (const h of ranges(head, "heads")) {
      for (const r of walkRevisions(project.map, b, h)) {
        if (seen.has(r)) continue;
        seen.add(r);
        revs.push(r);
      }
    }
  }
  if (ctx.out.options.json) {
    ctx.out.json(
      revs.map((r) => revisionJson(project.map, r, { current: currentSet.has(r.revision) })),
    );
    return 0;
  }
  for (const rev of revs) {
    ctx.out.line(
      formatRevision(rev, {
        verbose: opts.verbose,
        parents: true,
        doc: true,
        current: currentSet,
        path: project.scriptsById.get(rev.revision)?.path,
      }),
    );
  }
  return 0;
}

export async function showCommand(ctx: CommandContext, revs: readonly string[]): Promise<number> {
  const project = await openProject(ctx.project);
  const found = getRevisions(project.map, revs.length ? [...revs] : ["head"]).filter(
    (r): r is Revision => r !== null && r !== BASE,
  );
  if (ctx.out.options.json) {
    ctx.out.json(
      found.map((r) =>
        revisionJson(project.map, r, { path: project.scriptsById.get(r.revision)?.path }),
      ),
    );
    return 0;
  }
  for (const rev of found) {
    ctx.out.line(
      formatRevision(rev, { verbose: true, path: project.scriptsById.get(rev.revision)?.path }),
    );
  }
  return 0;
}
