import type { ChecksumMismatch, HalfApplied, RunOptions, RunResult } from "@mig/core";
import { downgrade, stamp, TextCollector, upgrade } from "@mig/core/internal/run";
import type { CommandContext } from "../context.js";
import { type DatabaseNotes, databaseNotes } from "../database-notes.js";
import { interruptible, interruptibleOffline } from "../interrupt.js";
import { progressEvents } from "../progress.js";
import { runJson } from "../run-json.js";

export interface RunFlags {
  readonly sql?: boolean;
  /** `up --strict`: an edited or missing applied script stops the run. */
  readonly strict?: boolean;
  /** `up --resume`: run the rest of a half-applied migration. */
  readonly resume?: boolean;
  /** `up --restart`: run a half-applied migration from its first statement. */
  readonly restart?: boolean;
  readonly lockTimeout?: string | number;
  readonly tag?: string;
}

function runOptions(ctx: CommandContext, flags: RunFlags) {
  const lockTimeout = flags.lockTimeout === undefined ? undefined : Number(flags.lockTimeout);
  if (lockTimeout !== undefined && !(lockTimeout >= 0)) {
    throw Object.assign(new Error("--lock-timeout takes a number of seconds."), { usage: true });
  }
  return {
    ...ctx.project,
    ...(lockTimeout === undefined ? {} : { lockTimeout }),
    sql: flags.sql === true,
    ...(flags.tag === undefined ? {} : { tag: flags.tag }),
  };
}

/** Runs online with progress and Ctrl-C handling; offline SQL is printed only once rendered. */
async function running(
  ctx: CommandContext,
  flags: RunFlags,
  db: DatabaseNotes,
  run: (options: ReturnType<typeof runOptions> & Partial<RunOptions>) => Promise<RunResult>,
): Promise<RunResult & { readonly sqlChunks?: readonly Buffer[] }> {
  const options = runOptions(ctx, flags);
  if (flags.sql) {
    // Kept as UTF-8 and written as it is: megabytes of SQL not decoded to encode them again.
    const collected = new TextCollector();
    const stopHandling = interruptibleOffline(ctx.out);
    try {
      const result = await run({ ...options, output: collected.write });
      return { ...result, sqlChunks: collected.chunks() };
    } finally {
      stopHandling();
    }
  }
  const interrupt = interruptible(ctx.out, { ...progressEvents(ctx.out), ...db.events });
  try {
    const result = await run({ ...options, events: interrupt.events, signal: interrupt.signal });
    interrupt.dispose();
    return result;
  } catch (error) {
    interrupt.dispose(error);
    throw error;
  }
}

function report(
  ctx: CommandContext,
  result: RunResult & { readonly sqlChunks?: readonly Buffer[] },
  flags: RunFlags,
  what: string,
  db: DatabaseNotes,
  purge = false,
): number {
  if (flags.sql && ctx.out.options.json) {
    ctx.out.json({
      sql: result.sql ?? (result.sqlChunks ? Buffer.concat(result.sqlChunks).toString("utf8") : ""),
      ...runJson(result),
    });
    return 0;
  }
  if (flags.sql) {
    // Written piece by piece: megabytes of SQL are not joined into one buffer first.
    for (const chunk of result.sqlChunks ?? [result.sql ?? ""]) ctx.out.raw(chunk);
    // An empty stdout alone reads as a failure (a range given the wrong way round, say).
    if (result.steps.length === 0)
      ctx.out.info(`Nothing to ${what} from ${result.rows.join(", ") || "base"}: no SQL written.`);
    return 0;
  }
  if (ctx.out.options.json) {
    ctx.out.json({ ...runJson(result), database: db.info() });
    return 0;
  }
  const at = result.rows.join(", ") || "base";
  // What `stamp --purge` emptied is said even where no step follows (`--purge base`).
  const purged =
    purge && result.from.length > 0
      ? `purged ${result.from.join(", ")} from the version table; `
      : "";
  if (result.steps.length > 0)
    ctx.out.info(`Done: ${purged}${result.steps.length} step(s); the database is at ${at}.`);
  else if (purged) ctx.out.info(`Done: ${purged}the database is at ${at}.`);
  else ctx.out.info(`Nothing to ${what}; the database is at ${at}.`);
  return 0;
}

export async function upCommand(
  ctx: CommandContext,
  target: string | undefined,
  flags: RunFlags,
): Promise<number> {
  const db = databaseNotes(ctx.out, true);
  let resumed = false;
  const events = {
    ...db.events,
    onResume(point: HalfApplied) {
      resumed = true;
      ctx.out.info(
        `Resuming ${point.revision}: statements 1-${point.done} were applied by the failed run; running the rest.`,
      );
    },
    onChecksumMismatch(found: readonly ChecksumMismatch[]) {
      ctx.out.info(
        `Warning: applied scripts changed since they ran: ${found.map((m) => `${m.revision} (${m.kind === "changed" ? "edited" : "script missing"})`).join(", ")}. See \`mig log --verify\`; \`mig up --strict\` stops on this.`,
      );
    },
  };
  const result = await running(ctx, flags, { ...db, events }, (o) =>
    upgrade({
      ...o,
      ...(target !== undefined ? { target } : {}),
      strict: flags.strict === true,
      resume: flags.resume === true,
      restart: flags.restart === true,
    }),
  );
  if (flags.resume && !resumed && !flags.sql) {
    ctx.out.info("Nothing was half applied: ran as a plain `mig up`.");
  }
  return report(ctx, result, flags, "upgrade", db);
}

export async function downCommand(
  ctx: CommandContext,
  target: string,
  flags: RunFlags,
): Promise<number> {
  const db = databaseNotes(ctx.out, true);
  const result = await running(ctx, flags, db, (o) => downgrade({ ...o, target }));
  return report(ctx, result, flags, "downgrade", db);
}

export async function stampCommand(
  ctx: CommandContext,
  revisions: readonly string[],
  flags: RunFlags & { purge?: boolean },
): Promise<number> {
  const db = databaseNotes(ctx.out, true);
  const result = await running(ctx, flags, db, (o) =>
    stamp({ ...o, revisions, purge: flags.purge === true }),
  );
  return report(ctx, result, flags, "stamp", db, flags.purge === true);
}

// Their own module, which loads no runner: cli.ts may import it directly.
