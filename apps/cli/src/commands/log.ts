import type { LogEntry } from "@mig/core";
import { MigError } from "@mig/core/internal/cli";
import { readLog, verifyChecksums } from "@mig/core/internal/run";
import type { CommandContext } from "../context.js";
import { databaseNotes } from "../database-notes.js";
import { mismatchLine } from "../mismatch-line.js";

export interface LogFlags {
  readonly limit?: string;
  readonly verify?: boolean;
}

/** `mig log`: the applied log, newest first; `--verify`: every edited or missing script. */
export async function logCommand(ctx: CommandContext, flags: LogFlags): Promise<number> {
  const events = databaseNotes(ctx.out, false).events;
  if (flags.verify) {
    const { mismatches } = await verifyChecksums({ ...ctx.project, events });
    if (ctx.out.options.json) {
      ctx.out.json({ mismatches, ok: mismatches.length === 0 });
    } else if (mismatches.length === 0) {
      ctx.out.line("Every applied script matches the checksum it was applied with.");
    } else {
      for (const m of mismatches) ctx.out.line(mismatchLine(m));
      ctx.out.info(
        "Restore these scripts as they were applied; to accept an edit, `mig down` past it and `mig up` again.",
      );
    }
    return mismatches.length === 0 ? 0 : 1;
  }
  const limit = flags.limit === undefined ? undefined : Number(flags.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    // -n 0 would print "The applied log is empty." for a log that is not.
    throw new MigError(
      "usage",
      `-n takes a whole number of rows, at least 1, not '${flags.limit}'.`,
      {
        usage: true,
        hint: "For example: mig log -n 20",
      },
    );
  }
  const entries = await readLog({ ...ctx.project, events, limit });
  if (ctx.out.options.json) {
    ctx.out.json({ entries });
    return 0;
  }
  if (entries.length === 0) ctx.out.line("The applied log is empty.");
  for (const line of alignedLines(entries.map(entryColumns))) ctx.out.line(line);
  return 0;
}

/** Pads every column but the last two (tag, user@host) to its widest value, so rows line up. */
function alignedLines(rows: readonly string[][]): string[] {
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...rows.map((r) => r[i]?.length ?? 0)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell))
      .filter(Boolean)
      .join("  "),
  );
}

function entryColumns(e: LogEntry): string[] {
  const result = e.success
    ? "ok"
    : e.finishedAt === null
      ? "unfinished"
      : `failed${e.errorCode ? ` ${e.errorCode}` : ""}`;
  const duration = e.durationMs === null ? "-" : `${e.durationMs} ms`;
  // MySQL's CURRENT_USER() is `user@grant-host` (`mig@%`): the line shows the user part only.
  const who = `${e.dbUser ? `${e.dbUser.replace(/@[^@]*$/, "")}@` : ""}${e.host}`;
  return [
    e.revision,
    e.direction,
    e.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"),
    duration,
    result,
    // A half-applied step (docs/resume.md): what stayed, and a resumed run's starting point.
    !e.success && e.statementsChecksum ? `${e.statementsDone} statement(s) stayed applied` : "",
    e.resumedFrom === null ? "" : `resumed after statement ${e.resumedFrom}`,
    e.tag ? `tag ${e.tag}` : "",
    who,
  ];
}
