import type { QualifiedName } from "../connection/qualified-name.js";
import type { Executor, VersionTableSql } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";
import type { VersionChange } from "../revision/version-rows.js";
import { readReplaced } from "./replaced-ids.js";
import { tableCreateError } from "./table-create-error.js";

/** Reads and moves the rows of the version table through an executor. */
export class VersionTable {
  readonly table: QualifiedName;
  readonly #exec: Executor;

  readonly #replaced: ReadonlyMap<string, { header: { revision: string } }> | undefined;

  /** `replaced`: ids a squash replaced, read as the revision that replaced them (script/replaces.ts). */
  constructor(
    exec: Executor,
    table: QualifiedName,
    replaced?: ReadonlyMap<string, { header: { revision: string } }>,
  ) {
    this.#exec = exec;
    this.table = table;
    this.#replaced = replaced;
  }

  #statements: VersionTableSql | undefined;

  // Built once: a dialect's `versionTable` getter makes its functions afresh on every read.
  get #sql(): VersionTableSql {
    this.#statements ??= this.#exec.dialect.versionTable;
    return this.#statements;
  }

  /** The rows, or an empty list when the table does not exist yet. */
  async read({ known = false }: { known?: boolean } = {}): Promise<string[]> {
    if (this.#exec.offline) return [];
    if (!known && !(await this.exists())) return [];
    let rows: { version_num: string }[];
    try {
      rows = await this.#exec.query<{ version_num: string }>(this.#sql.select(this.table));
    } catch (error) {
      throw await this.#notOurs(error);
    }
    return readReplaced(
      rows.map((r) => String(r.version_num)),
      this.#replaced,
    );
  }

  /**
   * Why the rows could not be read: a table of this name that reads fine without naming
   * `version_num` is another tool's (or an older layout), said plainly; else `error` itself.
   */
  async #notOurs(error: unknown): Promise<unknown> {
    // Only a failure that names the column: a lock or statement timeout is not the shape.
    if (!(error instanceof Error) || !error.message.includes("version_num")) return error;
    const table = this.#exec.dialect.qualify(this.table);
    try {
      await this.#exec.query(`SELECT * FROM ${table} WHERE 1 = 0`);
    } catch {
      return error;
    }
    return new MigError(
      "version_table_invalid",
      `The table ${table} has no version_num column: it is not mig's version table.`,
      {
        hint: "Set versionTable in mig.config to another name (mig creates it), or rename this table.",
        cause: error,
      },
    );
  }

  async exists(): Promise<boolean> {
    if (this.#exec.offline) return false;
    const online = this.#exec as Executor & {
      connection: import("../connection/connection.js").Connection;
    };
    return this.#exec.dialect.hasTable(online.connection, this.table);
  }

  async create(): Promise<void> {
    try {
      await this.#exec.execute(this.#sql.create(this.table));
    } catch (error) {
      throw tableCreateError(error, "the version table", this.#exec.dialect.qualify(this.table));
    }
  }

  async clear(): Promise<void> {
    const stmt = `DELETE FROM ${this.#exec.dialect.qualify(this.table)}`;
    await this.#exec.execute(stmt);
  }

  // Indexed loops here: a run calls these once per step, mostly before its code is optimized,
  // and an unoptimized for-of allocates an iterator each time.
  async apply(changes: readonly VersionChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const bound = change.kind === "update" ? this.#updateBound : undefined;
      const changed =
        bound !== undefined && change.kind === "update"
          ? await this.#exec.execute(bound, [change.to, change.from])
          : await this.#exec.execute(this.#sqlOf(change));
      if (!this.#exec.offline && change.kind !== "insert" && changed !== 1) {
        throw mismatchError(`${this.#failure(this.#statement(change).what)}${changed}.`);
      }
    }
  }

  /** `apply` in the caller's turn where the executor writes so (offline); false where it must be awaited. */
  applyNow(changes: readonly VersionChange[]): boolean {
    const exec = this.#exec;
    const now = exec.executeOwnNow ?? exec.executeNow;
    if (!now) return false;
    for (let i = 0; i < changes.length; i++) now.call(exec, this.#sqlOf(changes[i]!));
    return true;
  }

  #bound: string | null | undefined;

  /** The UPDATE with placeholders, where the connection reuses prepared statements. */
  get #updateBound(): string | undefined {
    if (this.#bound === undefined) {
      const { dialect, offline } = this.#exec;
      const reuse = !offline && dialect.capabilities.reusesPreparedStatements === true;
      this.#bound = (reuse && this.#sql.updateBound?.(this.table)) || null;
    }
    return this.#bound ?? undefined;
  }

  /**
   * The changes as SQL the run can send with the step's COMMIT, where the dialect makes
   * the database refuse an update or delete that moves other than one row (`expectOneRow`);
   * undefined where it cannot (then `apply` checks each count before the commit).
   */
  checkedSql(changes: readonly VersionChange[]): string | undefined {
    const sql = this.#sql;
    if (this.#exec.offline || !sql.expectOneRow) return undefined;
    let text = "";
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i]!;
      const statement = this.#statement(change);
      const one =
        change.kind === "insert"
          ? statement.sql
          : sql.expectOneRow(statement.sql, this.#failure(statement.what));
      text = text ? `${text}; ${one}` : one;
    }
    return text || undefined;
  }

  /** The error `apply` throws, for a mismatch the database reported for `checkedSql`. */
  mismatch(error: unknown): MigError | undefined {
    const message = error instanceof Error ? error.message : undefined;
    const prefix = "Expected one version row when ";
    if (!message?.startsWith(prefix)) return undefined;
    if (!/; found \d+\.$/.test(message) || !message.includes(` in ${this.table.name}; `)) {
      return undefined;
    }
    return mismatchError(message, error);
  }

  /** The change's statement alone: what a step runs, with no failure text made for it. */
  #sqlOf(change: VersionChange): string {
    if (change.kind === "insert") return this.#sql.insert(this.table, change.revision);
    if (change.kind === "delete") return this.#sql.delete(this.table, change.revision);
    return this.#sql.update(this.table, change.from, change.to);
  }

  #statement(change: VersionChange): { sql: string; what: string } {
    if (change.kind === "insert") {
      return {
        sql: this.#sql.insert(this.table, change.revision),
        what: `inserting '${change.revision}'`,
      };
    }
    if (change.kind === "delete") {
      return {
        sql: this.#sql.delete(this.table, change.revision),
        what: `deleting '${change.revision}'`,
      };
    }
    return {
      sql: this.#sql.update(this.table, change.from, change.to),
      what: `updating '${change.from}' to '${change.to}'`,
    };
  }

  /** The mismatch message up to the count found. */
  #failure(what: string): string {
    return `Expected one version row when ${what} in ${this.table.name}; found `;
  }
}

function mismatchError(message: string, cause?: unknown): MigError {
  return new MigError("version_table_mismatch", message, {
    hint: "Something else changed the version table; check it with `mig current`.",
    ...(cause === undefined ? {} : { cause }),
  });
}
