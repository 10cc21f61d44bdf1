import { type Location, syntaxLocation } from "../config/config-load-error.js";
import { importModule } from "../config/import-module.js";
import { firstLine, thrownMessage } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import type { Operations } from "../operations/operations.js";
import type { RevisionHeader } from "../revision/revision-header.js";
import { nodeBuiltin } from "../script/node-builtin.js";
import { splitSqlScript } from "../script/split-sql-script.js";
import { displayPath } from "./script-location.js";
import { tsSyntaxLocation } from "./ts-syntax-location.js";

/** What the runner needs to know of a script file before loading it. */
export interface ScriptRef {
  readonly header: RevisionHeader;
  readonly path: string;
  readonly format: "ts" | "sql";
  readonly transactional: boolean;
  /**
   * Size and change time (change-stamp.ts) as seen when the header was read: a cached
   * compiled form is valid while they hold.
   */
  readonly size?: number;
  readonly changedMs?: number;
  /** The file's name in its directory, when known (saves taking it from `path`). */
  readonly fileName?: string;
}

export type MigrationFn = (op: Operations) => unknown;

export interface ScriptModule {
  readonly upgrade: MigrationFn;
  readonly downgrade: MigrationFn;
}

/** Loads a script's code on its own (a run loads through its ScriptLoader); called only for scripts about to run. */
export async function loadScriptModule(script: ScriptRef): Promise<ScriptModule> {
  if (script.format === "sql") return sqlModule(script);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(script.path, true);
  } catch (cause) {
    // A TypeScript script the transpiler took and Node refused: Node names no line.
    const at =
      syntaxLocation(script.path, cause, thrownMessage(cause)) ??
      (await tsSyntaxLocation(script.path, cause));
    throw scriptLoadFailed(script.path, cause, at);
  }
  return scriptModuleOf(script.path, mod);
}

export function scriptLoadFailed(
  path: string,
  cause: unknown,
  at: Location | undefined = syntaxLocation(path, cause, thrownMessage(cause)),
): MigError {
  const shown = displayPath(path);
  const detail = firstLine(cause)
    .replace(/^ParseError:\s*/, "")
    .replace(/^Error transforming .*?: /, "");
  if (at) {
    const reason = detail.replace(/\s*\(\d+:\d+\)$/, "").replace(/\.$/, "");
    return new MigError(
      "script_load_failed",
      `Syntax error in migration ${shown}:${at.line}:${at.column}: ${reason}.`,
      { hint: "Fix the script at that line.", cause },
    );
  }
  return new MigError("script_load_failed", `Cannot load migration ${shown}: ${detail}`, {
    hint: "Fix the error in that file (run with --verbose for the full trace).",
    cause,
  });
}

/** The module's upgrade and downgrade, or an error naming the one it lacks. */
export function scriptModuleOf(path: string, mod: Record<string, unknown>): ScriptModule {
  const { upgrade, downgrade } = mod;
  if (typeof upgrade === "function" && typeof downgrade === "function")
    return { upgrade: upgrade as MigrationFn, downgrade: downgrade as MigrationFn };
  const missing = ["upgrade", "downgrade"].filter((name) => typeof mod[name] !== "function");
  if (missing.length > 0) {
    throw new MigError(
      "script_invalid",
      `Migration ${path} does not export ${missing.join(" and ")}().`,
      {
        hint: "Export async functions upgrade(op) and downgrade(op).",
      },
    );
  }
  return { upgrade: mod.upgrade as MigrationFn, downgrade: mod.downgrade as MigrationFn };
}

async function sqlModule(script: ScriptRef): Promise<ScriptModule> {
  const fs = nodeBuiltin<typeof import("node:fs/promises")>("node:fs/promises");
  const text = await fs.readFile(script.path, "utf8");
  const { up, down, hasDown } = splitSqlScript(text, script.path);
  const run = (sql: string) => async (op: Operations) => {
    if (sql.trim().length > 0) await op.execute(sql);
  };
  return { upgrade: run(up), downgrade: hasDown ? run(down) : noDown() };
}

/**
 * A `.sql` script with no `-- migrate:down` line, downgraded: refused, as a TypeScript one
 * without `downgrade()` is. It used to do nothing and move the version table back, leaving
 * what the script made. An empty `-- migrate:down` section is the way to say "nothing".
 */
function noDown(): MigrationFn {
  return async () => {
    throw new MigError(
      "no_downgrade",
      // The failure report names the file: "Downgrade <rev> failed in <file>: ...".
      "the script has no `-- migrate:down` section, so it cannot be downgraded.",
      {
        hint: "Add `-- migrate:down` and the SQL that undoes the upgrade; left empty, the downgrade does nothing.",
      },
    );
  };
}
