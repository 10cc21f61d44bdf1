const brand = Symbol.for("mig.error");

export interface MigErrorOptions {
  /** The fix, in one plain line. */
  readonly hint?: string | undefined;
  readonly cause?: unknown;
  /**
   * The command was given something it cannot use (a bad argument, URL, revision or
   * config), as opposed to a failure while doing the work. The CLI exits 2 for these, 1
   * for the rest.
   */
  readonly usage?: boolean | undefined;
}

/**
 * Base of every error mig raises on purpose. Recognise one with `isMigError()` or by
 * `code`, never with `instanceof` across packages: two copies of core can be installed.
 */
export class MigError extends Error {
  readonly [brand] = true;
  readonly code: string;
  readonly hint: string | undefined;
  /** True for a usage error (see MigErrorOptions.usage): exit code 2 on the command line. */
  readonly usage: boolean;

  constructor(code: string, message: string, options: MigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MigError";
    this.code = code;
    this.hint = options.hint;
    this.usage = options.usage === true;
  }
}

export function isMigError(value: unknown): value is MigError {
  return (
    typeof value === "object" && value !== null && (value as { [brand]?: boolean })[brand] === true
  );
}
