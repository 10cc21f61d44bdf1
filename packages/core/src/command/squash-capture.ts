import { readFileSync } from "node:fs";
import { firstLine } from "../errors/first-line.js";
import type { Operation } from "../operations/operation.js";
import type { OperationExecutor } from "../operations/operation-context.js";
import { Operations } from "../operations/operations.js";
import { loadScriptModule, type MigrationFn } from "../runtime/script-module.js";
import type { Script } from "../script/script-info.js";
import { refuse } from "./squash-range.js";

/** What one script's upgrade and downgrade do, as operations. */
export interface CapturedScript {
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
}

// What a script can ask `op` about the database; its answer would be frozen into the squash.
const READS_DATABASE: ReadonlyMap<PropertyKey, string> = new Map([
  ["query", "reads the database (op.query)"],
  ["isOffline", "branches on op.isOffline"],
  ["dialectName", "branches on the database (op.dialectName)"],
]);

/**
 * Runs a script's upgrade and downgrade against a recording `op`: each call becomes an
 * operation, nothing touches a database. A script squash cannot reproduce from those
 * operations alone is refused, naming the script and the reason.
 */
export async function captureScript(script: Script): Promise<CapturedScript> {
  const name = script.fileName;
  if (!script.transactional)
    throw refuse(
      `${name} sets transactional = false; squash cannot merge it into one transactional script.`,
      "Squash the runs before and after it separately.",
    );
  // Kept scripts move to squashed/, where a relative import would no longer resolve.
  const relative = /\b(?:from|import)\s*\(?\s*["'](\.\.?\/[^"']*)["']/.exec(
    script.format === "sql" ? "" : readFileSync(script.path, "utf8"),
  );
  if (relative)
    throw refuse(
      `${name} imports ${relative[1]}, which it would not find once kept in squashed/.`,
      "Squash a run without that script, or import the module by package name.",
    );
  const mod = await loadScriptModule(script);
  return {
    upgrade: await record(mod.upgrade, name, "upgrade"),
    downgrade: await record(mod.downgrade, name, "downgrade"),
  };
}

async function record(fn: MigrationFn, name: string, which: string): Promise<Operation[]> {
  const operations: Operation[] = [];
  let reason: string | undefined;
  const executor: OperationExecutor = {
    offline: false,
    dialect: {
      name: "squash",
      runOperation: async (operation) => {
        operations.push(operation);
      },
    },
    execute: async () => {
      reason ??= "runs SQL outside op's operations";
      return 0;
    },
    query: async () => {
      reason ??= READS_DATABASE.get("query");
      return [];
    },
    begin: async () => {},
    commit: async () => {},
    rollback: async () => {},
    comment: () => {},
  };
  const op = new Operations(executor);
  const watched = new Proxy(op, {
    get(target, key) {
      const why = READS_DATABASE.get(key);
      if (why !== undefined) reason ??= why;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  try {
    await fn(watched);
    await op.flush();
  } catch (error) {
    if (reason === undefined) {
      reason = `failed while being recorded: ${firstLine(error)}`;
    }
  }
  if (reason !== undefined)
    throw refuse(
      `${name}'s ${which}() ${reason}; squash cannot capture it as operations.`,
      "Squash a run without that script, or rewrite it with op calls only.",
    );
  return operations;
}
