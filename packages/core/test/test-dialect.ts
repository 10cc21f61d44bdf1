import type { Connection, ConnectionSource } from "../src/connection/connection.js";
import type { OperationContext } from "../src/dialect/dialect.js";
import { DialectBase } from "../src/dialect/dialect-base.js";
import type { Operation, Statement } from "../src/operations/operation.js";

/** A dialect with the standard compiler and no database, for offline unit tests. */
export class RecordingDialect extends DialectBase {
  readonly name = "recording";
  readonly schemes = ["recording"];
  readonly seen: Operation[] = [];
  /** What `knownTable` answered for each batch, by table name. */
  readonly known = new Map<string, unknown>();

  async connect(): Promise<ConnectionSource> {
    throw new Error("offline only");
  }

  async hasTable(_c: Connection): Promise<boolean> {
    return false;
  }

  override async runOperation(operation: Operation, context: OperationContext): Promise<void> {
    this.seen.push(operation);
    if (operation.kind === "batch") {
      this.known.set(operation.table.name, context.knownTable(operation.table));
    }
    if (operation.kind === "execute" && operation.sql === "FAIL") throw new Error("boom");
    if ("table" in operation && operation.table?.name === "missing") throw new Error("no table");
    await super.runOperation(operation, context);
  }
}

/**
 * The same, rendering offline without awaiting (`offlineStatements`) as SQLite does: all
 * but a batch, which goes through `runOperation`.
 */
export class RenderingDialect extends RecordingDialect {
  offlineStatements(operation: Operation, context: OperationContext): Statement[] | undefined {
    if (operation.kind === "batch") return undefined;
    this.seen.push(operation);
    if (operation.kind === "execute" && operation.sql === "FAIL") throw new Error("boom");
    if ("table" in operation && operation.table?.name === "missing") throw new Error("no table");
    void context;
    return this.ddl.compile(operation);
  }
}
