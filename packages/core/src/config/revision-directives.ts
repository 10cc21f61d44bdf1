import type { Dialect } from "../dialect/dialect.js";
import type { Operation } from "../operations/operation.js";
import type { SchemaChange } from "../schema/schema-diff.js";

/** The migration autogenerate is about to write: what `processRevisionDirectives` may rewrite. */
export interface GeneratedRevision {
  /** The `-m` message; it names the file and heads the script. */
  readonly message: string;
  /** What `upgrade()` runs, in order. */
  readonly upgrade: readonly Operation[];
  /** What `downgrade()` runs, in order (the reverse of `upgrade`). */
  readonly downgrade: readonly Operation[];
  /** The differences found, for reading (rewriting them changes nothing written). */
  readonly changes: readonly SchemaChange[];
}

/** What `processRevisionDirectives` receives besides the revision. */
export interface RevisionDirectivesContext {
  readonly dialect: Dialect;
  /** `-x key=value` arguments from the command line. */
  readonly x: Readonly<Record<string, string>>;
  /** Objects mig does not model that the comparison left alone. */
  readonly warnings: readonly string[];
}

/**
 * Rewrites the generated revision before it is rendered (Alembic's
 * `process_revision_directives`): return a new revision, `null` to write no file, or
 * nothing to keep it as it is.
 */
export type ProcessRevisionDirectives = (
  revision: GeneratedRevision,
  ctx: RevisionDirectivesContext,
) => GeneratedRevision | null | undefined | Promise<GeneratedRevision | null | undefined>;
