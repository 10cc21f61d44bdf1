/**
 * The fix a dialect names (`Dialect.fixFor`) when a statement cannot run inside a
 * transaction (PostgreSQL's `CREATE INDEX CONCURRENTLY`, SQLite's `VACUUM`): how a script
 * asks to run outside one, in both script forms.
 */
export const OUTSIDE_TRANSACTION_FIX =
  "Run this script outside a transaction: `export const transactional = false` in a TypeScript script, `-- transactional: false` in an SQL script's header.";
