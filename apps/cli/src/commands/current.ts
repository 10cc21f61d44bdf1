import type { StoppedStep } from "@mig/core";
import type { RevisionInfo } from "@mig/core/internal/cli";
import { current, describeRows, status } from "@mig/core/internal/graph";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";
import { formatRevision, revisionJson } from "../format.js";
import { mismatchLine } from "../mismatch-line.js";

// `mig current` and `mig status`: they read the version table, through the graph entry
// point, which loads the session only for them (not the runner of `up`).

export async function currentCommand(
  ctx: CommandContext,
  opts: { verbose?: boolean },
): Promise<number> {
  const db = databaseNotes(ctx.out, opts.verbose === true);
  const { rows: raw, project } = await current({ ...ctx.project, events: db.events });
  // Graph order, not whatever order the database returns rows in.
  const { rows, revisions } = describeRows(project, raw);
  if (ctx.out.options.json && opts.verbose) {
    const details = (info: RevisionInfo | undefined, i: number) =>
      info ? revisionJson(info, { path: info.path }) : { revision: rows[i], missing: true };
    ctx.out.json({ rows, revisions: revisions.map(details), database: db.info() });
    return 0;
  }
  if (ctx.out.options.json) {
    ctx.out.json({ rows, atBase: rows.length === 0 });
    return 0;
  }
  // Silence would look like a failure to read the database.
  if (rows.length === 0) ctx.out.line("base (no migrations applied)");
  for (let i = 0; i < rows.length; i++) {
    const info = revisions[i];
    ctx.out.line(
      info
        ? formatRevision(info, { verbose: opts.verbose, tree: false, path: info.path })
        : `${rows[i]} (not in the scripts)`,
    );
  }
  return 0;
}

export async function statusCommand(ctx: CommandContext): Promise<number> {
  const result = await status({ ...ctx.project, events: databaseNotes(ctx.out, false).events });
  if (ctx.out.options.json) {
    ctx.out.json({
      rows: result.rows,
      heads: result.heads,
      pending: result.pending.map((s) => s.revision),
      upToDate: result.upToDate,
      mismatches: result.mismatches,
      stopped: result.stopped,
    });
    return 0;
  }
  ctx.out.line(`Current: ${result.rows.join(", ") || "base (nothing applied)"}`);
  ctx.out.line(`Heads:   ${result.heads.join(", ") || "none"}`);
  if (result.mismatches.length > 0) {
    ctx.out.line(`Changed since applied (${result.mismatches.length}):`);
    for (const m of result.mismatches) ctx.out.line(`  ${mismatchLine(m)}`);
  }
  for (const step of result.stopped) ctx.out.line(stoppedLine(step));
  if (result.pending.length === 0 && result.stopped.length === 0) {
    ctx.out.line("Up to date.");
    return 0;
  }
  if (result.pending.length === 0) return 0;
  ctx.out.line(`Pending (${result.pending.length}):`);
  for (const rev of result.pending) ctx.out.line(`  ${rev.revision}  ${rev.message}`);
  return 0;
}

/** A migration left part way, and what to do about it (docs/resume.md). */
function stoppedLine(step: StoppedStep): string {
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const what =
    step.statementsDone === undefined
      ? `did not finish (started ${step.startedAt}; stopped, or still running)`
      : `failed part way: its first ${step.statementsDone} statement(s) stayed applied`;
  // Where the run never finished, how far it got is unknown: --resume cannot go on from it.
  const next =
    step.direction === "down"
      ? "undo them by hand or make the downgrade re-runnable, then run it again"
      : step.statementsDone === undefined
        ? "check what it applied, then `mig up --restart` runs it from its first statement (docs/resume.md)"
        : "`mig up --resume` or `--restart` goes on (docs/resume.md)";
  return `Half applied: the ${verb} of ${step.revision} ${what}; ${next}.`;
}
