import type { QualifiedName } from "../connection/qualified-name.js";
import type { Operation } from "./operation.js";
import type { TableDefinition } from "./table-definition.js";

/** A dialect's `foldIntoCreate`: the table with `operation` folded in, or undefined. */
export type FoldIntoCreate = (
  table: TableDefinition,
  operation: Operation,
) => TableDefinition | undefined;

/**
 * The tables a migration created whose CREATE TABLE has not run yet, on a dialect with
 * `foldIntoCreate`: the operations that follow on such a table fold into its definition
 * (SQLite then creates a table with its foreign keys at once instead of copying it to add
 * each one). Any other operation, a query or the migration's end runs them first.
 */
export class PendingCreates {
  readonly #fold: FoldIntoCreate | undefined;
  #held: TableDefinition[] = [];

  constructor(fold: FoldIntoCreate | undefined) {
    this.#fold = fold;
  }

  /** Some CREATE TABLE is held: `drain` has work to hand back. */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /** True when `op` is held or folded into a held table; false when it must run (after `drain`). */
  take(op: Operation): boolean {
    if (this.#fold === undefined) return false;
    if (op.kind === "createTable") {
      this.#held.push(op.definition);
      return true;
    }
    const table = "table" in op ? op.table : undefined;
    const at = table ? this.#held.findIndex((d) => sameTable(d.table, table)) : -1;
    if (at < 0) return false;
    let folded: TableDefinition | undefined;
    try {
      folded = this.#fold(this.#held[at]!, op);
    } catch {
      // The operation runs on its own after the CREATE, and reports its own error.
      return false;
    }
    if (folded === undefined) return false;
    this.#held[at] = folded;
    return true;
  }

  /** The held CREATE TABLE operations in the order they were made; none are held after. */
  drain(): Operation[] {
    const held = this.#held;
    this.#held = [];
    return held.map((definition) => ({ kind: "createTable", definition }));
  }
}

function sameTable(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && (a.schema ?? "") === (b.schema ?? "");
}
