const brand = Symbol.for("mig.error");

export interface MigErrorOptions {
  /** The fix, in one plain line. */
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * Base of every error mig raises on purpose. Recognise one with `isMigError()` or by
 * `code`, never with `instanceof` across packages: two copies of core can be installed.
 */
export class MigError extends Error {
  readonly [brand] = true;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: MigErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MigError";
    this.code = code;
    this.hint = options.hint;
  }
}

export function isMigError(value: unknown): value is MigError {
  return (
    typeof value === "object" && value !== null && (value as { [brand]?: boolean })[brand] === true
  );
}
