const SQL = Symbol.for("mig.sql");

/** SQL text used as written: a server default such as `now()`, or an index expression. */
export interface SqlExpression {
  readonly [SQL]: true;
  readonly text: string;
}

/**
 * Marks text as SQL rather than a value: `default: sql("CURRENT_TIMESTAMP")` renders the
 * expression, while `default: "active"` renders the string literal `'active'`.
 */
export function sql(text: string): SqlExpression {
  return { [SQL]: true, text };
}

export function isSqlExpression(value: unknown): value is SqlExpression {
  return typeof value === "object" && value !== null && (value as SqlExpression)[SQL] === true;
}
