import type { Row } from "../dialect/connection.js";
import { MigError } from "../errors/mig-error.js";
import type { Executor } from "../runtime/executor.js";

/**
 * The `op` object a migration's `upgrade(op)` and `downgrade(op)` receive. Statements go
 * through the run's executor, so the same script runs online or renders as `--sql`.
 */
export class Operations {
  readonly #exec: Executor;

  constructor(executor: Executor) {
    this.#exec = executor;
  }

  /** True in `--sql` mode, where statements are written out instead of run. */
  get isOffline(): boolean {
    return this.#exec.offline;
  }

  /** The dialect's name (`sqlite`, `postgres`, `mysql`), for the rare script that must branch. */
  get dialectName(): string {
    return this.#exec.dialect.name;
  }

  /** Runs raw SQL. Parameters use the driver's placeholder style (`?`, or `$1` on PostgreSQL). */
  async execute(sql: string, params?: readonly unknown[]): Promise<void> {
    await this.#exec.execute(sql, params);
  }

  /** Runs a query and returns its rows, for data migrations. Not available with `--sql`. */
  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    if (this.#exec.offline) {
      throw new MigError(
        "offline_query",
        "op.query() needs a live database; it cannot run with --sql.",
        {
          hint: "Check op.isOffline in the script, or run this migration without --sql.",
        },
      );
    }
    return this.#exec.query<R>(sql, params);
  }
}
