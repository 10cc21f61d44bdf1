import type { HookContext } from "../config/mig-config.js";
import type { Project } from "../config/project.js";
import type { Executor } from "../dialect/dialect.js";
import { firstLine } from "../errors/first-line.js";
import { isMigError, MigError } from "../errors/mig-error.js";
import { OnlineExecutor } from "./executor.js";

type Hook = "beforeMigrate" | "afterMigrate";

/** The context a run's hooks get: its connection online, an `execute` that writes out offline. */
export function hookContext(
  project: Project,
  executor: Executor,
  command: string,
  tag: string | undefined,
): HookContext {
  const base = {
    dialect: executor.dialect,
    x: project.x,
    command,
    tag,
    execute: async (sql: string, params?: readonly unknown[]) => {
      // `--` comment lines alone: comments in the script offline, nothing to run online.
      const lines = sql.split("\n").map((line) => line.trim());
      if (!lines.every((line) => line === "" || line.startsWith("--"))) {
        await executor.execute(sql, params);
        return;
      }
      for (const line of lines) {
        const text = line.replace(/^--\s?/, "");
        if (text !== "") executor.comment(text);
      }
    },
  };
  return executor instanceof OnlineExecutor
    ? { ...base, isOffline: false, connection: executor.connection }
    : { ...base, isOffline: true };
}

/** Runs a hook; offline, a failure says that `--sql` runs hooks without a connection. */
export async function runHook(project: Project, hook: Hook, ctx: HookContext): Promise<void> {
  const fn = project.config[hook];
  if (!fn) return;
  try {
    await fn.call(project.config, ctx);
  } catch (error) {
    if (isMigError(error)) throw error;
    const message = firstLine(error);
    if (ctx.isOffline) {
      throw new MigError("hook_failed", `${hook} failed in a --sql run: ${message}`, {
        hint: "With --sql hooks run without a connection: use ctx.execute(sql), which is written into the script, or return early when ctx.isOffline.",
        cause: error,
      });
    }
    // Named, and said whether the migrations ran: after them, they stay applied.
    throw new MigError("hook_failed", `The ${hook} hook in mig.config failed: ${message}`, {
      hint:
        hook === "afterMigrate"
          ? "The migrations before it were applied and recorded. Fix the hook; `mig current` shows where the database is."
          : "Nothing was migrated. Fix the hook and run again.",
      cause: error,
    });
  }
}
