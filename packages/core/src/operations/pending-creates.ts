import type { QualifiedName } from "../connection/qualified-name.js";
import { markCallSite } from "./call-site.js";
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
  /** Where the script called each held createTable, by position in #held. */
  #heldSites: (Error | undefined)[] = [];
  readonly #sites = new WeakMap<Operation, Error>();

  constructor(fold: FoldIntoCreate | undefined) {
    this.#fold = fold;
  }

  /** Whether createTable calls are held at all (the dialect folds into them). */
  get folds(): boolean {
    return this.#fold !== undefined;
  }

  /** Some CREATE TABLE is held: `drain` has work to hand back. */
  get holding(): boolean {
    return this.#held.length > 0;
  }

  /**
   * True when `op` is held or folded into a held table; false when it must run (after
   * `drain`). `site`: where the script called createTable, for the failure of its CREATE,
   * which runs at a later call.
   */
  take(op: Operation, site?: Error): boolean {
    if (this.#fold === undefined) return false;
    if (op.kind === "createTable") {
      this.#held.push(op.definition);
      this.#heldSites.push(site);
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
    const sites = this.#heldSites;
    this.#held = [];
    this.#heldSites = [];
    return held.map((definition, i) => {
      const operation: Operation = { kind: "createTable", definition };
      const site = sites[i];
      if (site) this.#sites.set(operation, site);
      return operation;
    });
  }

  /** Runs the held CREATE TABLEs in order; a failure names the script's createTable call. */
  async runHeld(run: (create: Operation) => Promise<void>): Promise<void> {
    for (const create of this.drain()) {
      await run(create).catch((error: unknown) => {
        throw markCallSite(error, this.#sites.get(create));
      });
    }
  }
}

function sameTable(a: QualifiedName, b: QualifiedName): boolean {
  return a.name === b.name && (a.schema ?? "") === (b.schema ?? "");
}
