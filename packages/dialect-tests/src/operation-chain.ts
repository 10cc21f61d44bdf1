import { type Dialect, type Operation, reverseOperation } from "@mig/core";
import { withConnection } from "./inspect.js";
import { applyAll, type Tables, withCopyFrom } from "./offline-copy-from.js";
import { type CaseContext, fixture, type OperationCase } from "./operation-case.js";
import type { ScriptSpec, TestProject } from "./project.js";

/** The undo of `ops`: each one's reverse, last first. Throws when one has none. */
export function undo(ops: readonly Operation[]): Operation[] {
  return [...ops].reverse().map((op) => {
    const back = reverseOperation(op);
    if (!back) throw new Error(`suite error: a ${op.kind} operation has no reverse; give down`);
    return back;
  });
}

/** A case as two migrations: the fixture (and its setup), then the case's operations. */
export function caseMigrations(
  c: OperationCase,
  cx: CaseContext,
): { up: Operation[]; down: Operation[]; transactional?: boolean }[] {
  const setup = [...fixture(cx), ...(c.setup?.(cx) ?? [])];
  // Rows go with their tables; everything else in the setup is undone.
  const schema = setup.filter((op) => op.kind !== "bulkInsert" && op.kind !== "execute");
  const up = [...c.up(cx)];
  return [
    { up: setup, down: undo(schema) },
    { up, down: [...(c.down?.(cx) ?? undo(up))], transactional: c.transactional },
  ];
}

/**
 * Linear scripts whose functions invoke the given operations through `op.invoke`. Where the
 * dialect alters tables by copying them, an offline downgrade passes each table's definition.
 */
export function chainScripts(
  dialect: Dialect,
  migrations: readonly { up: Operation[]; down: Operation[]; transactional?: boolean }[],
): ScriptSpec[] {
  const rev = (i: number) => `r${String(i + 1).padStart(11, "0")}`;
  const copies = dialect.capabilities.alterColumn === "batch";
  let tables: Tables = new Map();
  return migrations.map((m, i) => {
    tables = applyAll(tables, m.up);
    const offlineDown = copies ? withCopyFrom(m.down, tables) : m.down;
    return {
      revision: rev(i),
      ...(i > 0 ? { down: rev(i - 1) } : {}),
      ...(m.transactional === false ? { transactional: false } : {}),
      hook: {
        upgrade: async (op) => {
          for (const operation of m.up) await op.invoke(operation);
        },
        downgrade: async (op) => {
          for (const operation of op.isOffline ? offlineDown : m.down) await op.invoke(operation);
        },
      },
    } satisfies ScriptSpec;
  });
}

/**
 * Runs `--sql` output the way `psql -f` or `mysql <` would: statement by statement (the
 * offline writer ends each with `;` and a blank line), so statements that refuse to run
 * inside a multi-statement string (CREATE INDEX CONCURRENTLY) behave as they would for a user.
 */
export function replay(dialect: Dialect, project: TestProject, sql: string): Promise<void> {
  return withConnection(dialect, project, async (c) => {
    for (const chunk of sql.split(/;\n\n/)) {
      const code = chunk
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("--"))
        .join("\n")
        .trim();
      if (code !== "") await c.execute(chunk.trim());
    }
  });
}
