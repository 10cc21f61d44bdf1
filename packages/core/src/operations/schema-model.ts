import type { QualifiedName } from "../connection/qualified-name.js";
import { applyToTable } from "./apply-to-table.js";
import type { Operation } from "./operation.js";
import type { TableDefinition } from "./table-definition.js";

/**
 * The tables an offline run has defined so far, kept up to date by each operation, so a
 * dialect that must read a table (SQLite's batch copy) can work without a database.
 * A table changed in ways it cannot follow (raw SQL) is simply not known.
 */
export class SchemaModel {
  readonly #tables = new Map<string, TableDefinition>();

  get(table: QualifiedName): TableDefinition | undefined {
    return this.#tables.get(key(table));
  }

  apply(op: Operation): void {
    switch (op.kind) {
      case "createTable":
        this.#tables.set(key(op.definition.table), op.definition);
        return;
      case "dropTable":
        this.#tables.delete(key(op.table));
        return;
      case "alterEnum":
      case "createSchema":
      case "dropSchema":
      case "execute":
      case "bulkInsert":
        return;
      case "dropIndex":
        if (op.table) this.#update(op.table, op);
        return;
      default:
        this.#update(op.table, op);
    }
  }

  #update(table: QualifiedName, op: Operation): void {
    const def = this.#tables.get(key(table));
    if (!def) return;
    this.#tables.delete(key(table));
    try {
      const next = applyToTable(def, op);
      this.#tables.set(key(next.table), next);
    } catch {
      // An operation the model cannot follow leaves the table unknown rather than wrong.
    }
  }
}

function key(table: QualifiedName): string {
  return JSON.stringify([table.schema ?? null, table.name]);
}
