import type { Row } from "../connection/connection.js";
import type { Dialect } from "../dialect/dialect.js";
import type { RunExecutor, StatementRecord } from "./executor.js";
import { inlineParams } from "./inline-params.js";

/** Writes statements as SQL text, values rendered as literals. */
export class OfflineExecutor implements RunExecutor {
  readonly offline = true;
  readonly dialect: Dialect;
  readonly #write: (text: string) => void;
  readonly #begin: string;
  readonly #framedBegin: string;
  readonly #after: string | undefined;
  /** The frame's `after` is owed: a COMMIT was written, and no BEGIN came at once. */
  #owed = false;
  /** A BEGIN not written yet: written before what follows it, dropped with a COMMIT at once. */
  #opening = false;
  #inTransaction = false;

  constructor(dialect: Dialect, write: (text: string) => void) {
    this.dialect = dialect;
    this.#write = write;
    const frame = dialect.offlineTransactionFrame;
    this.#begin = `${dialect.beginSql};\n\n`;
    this.#framedBegin = frame ? `${frame.before};\n\n${this.#begin}` : this.#begin;
    this.#after = frame ? `${frame.after};\n\n` : undefined;
  }

  // Not `async`: a run writes tens of thousands of statements, each resolved already.
  execute(sql: string, params?: readonly unknown[]): Promise<number> {
    try {
      this.executeNow(sql, params);
    } catch (error) {
      return Promise.reject(error);
    }
    return WROTE;
  }

  executeNow(sql: string, params?: readonly unknown[]): void {
    const text =
      params && params.length > 0
        ? (this.dialect.inlineParams?.(sql, params) ?? inlineParams(this.dialect, sql, params))
        : sql;
    const trimmed = text.trim();
    if (this.#opening || this.#owed) this.#settle();
    // Trimmed, it ends in `;` exactly when it ended in `;` and blanks.
    this.#write(trimmed.endsWith(";") ? `${trimmed}\n\n` : `${trimmed};\n\n`);
  }

  executeOwnNow(sql: string): void {
    if (this.#opening || this.#owed) this.#settle();
    this.#write(`${sql};\n\n`);
  }

  async query<R extends Row = Row>(): Promise<R[]> {
    throw new Error("internal: offline query must be refused by the caller");
  }

  begin(): Promise<void> {
    return settled(() => this.beginNow());
  }

  commit(): Promise<void> {
    return settled(() => this.commitNow());
  }

  // Written with what follows it: a transaction with nothing in it (a run of one transaction
  // split around `transactional = false` scripts) is left out whole.
  beginNow(): void {
    this.#opening = true;
    this.#inTransaction = true;
  }

  commitNow(): void {
    this.#inTransaction = false;
    if (this.#opening) {
      this.#opening = false;
      return;
    }
    if (this.#owed) this.#payFrame();
    this.#write(`${this.dialect.commitSql};\n\n`);
    this.#owed = this.#after !== undefined;
  }

  /**
   * Before anything else is written: the BEGIN held back, or the frame's `after` owed.
   * Straight after a COMMIT the frame's `before` would undo the `after` owed: both are left out.
   */
  #settle(): void {
    if (this.#opening) {
      this.#opening = false;
      const owed = this.#owed;
      this.#owed = false;
      this.#write(owed ? this.#begin : this.#framedBegin);
    } else if (this.#owed) {
      this.#payFrame();
    }
  }

  /** Between a `begin` and its `commit`: what is written now runs inside that transaction. */
  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  /** The end of the output: the frame's `after` is written if it is still owed. */
  end(): void {
    if (this.#owed) this.#payFrame();
  }

  #payFrame(): void {
    this.#owed = false;
    this.#write(this.#after!);
  }

  async rollback(): Promise<void> {}

  // The text written is the record; a failure report keeps no statements offline.
  startRecord(): StatementRecord {
    return NO_RECORD;
  }

  async stop(): Promise<void> {}

  comment(text: string): void {
    if (this.#opening || this.#owed) this.#settle();
    this.#write(`-- ${text}\n\n`);
  }
}

const WROTE = Promise.resolve(0);
const DONE = Promise.resolve();

/** `write` now, as a settled promise: its throw a rejection, as `async` would give. */
function settled(write: () => void): Promise<void> {
  try {
    write();
  } catch (error) {
    return Promise.reject(error);
  }
  return DONE;
}
const NO_RECORD: StatementRecord = Object.freeze({
  statements: Object.freeze([]),
  params: Object.freeze([]),
  failed: undefined,
});
