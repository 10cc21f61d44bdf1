import type { QualifiedName } from "../connection/qualified-name.js";
import type { Operation } from "../operations/operation.js";

/** What one difference is about; `check --json` prints it. */
export type SchemaChangeKind =
  | "addSchema"
  | "addTable"
  | "dropTable"
  | "renameTable"
  | "addColumn"
  | "dropColumn"
  | "renameColumn"
  | "alterColumn"
  | "addIndex"
  | "dropIndex"
  | "addConstraint"
  | "dropConstraint"
  | "tableComment"
  | "tableCollation"
  | "tableOptions"
  | "addEnum"
  | "dropEnum"
  | "alterEnum";

/** One difference between the database and the declared schema. */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  readonly table?: QualifiedName | undefined;
  /** The column, index, constraint or enum the change is about. */
  readonly object?: string | undefined;
  /** One line for people: `add column users.email (varchar(255), not null)`. */
  readonly description: string;
  /** Why the change can lose data or fail on existing rows; absent when it cannot. */
  readonly destructive?: string | undefined;
  /** A drop + add that looks like a rename: how to declare it (`renamedFrom: "name"`). */
  readonly renameHint?: string | undefined;
  /** The operations that make it, and those that undo it (in the order they run). */
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
}

/**
 * The comparator's answer: the changes, and the operations that make them in dependency
 * order. `downgrade` undoes `upgrade` exactly, in reverse.
 */
export interface SchemaDiff {
  readonly changes: readonly SchemaChange[];
  readonly upgrade: readonly Operation[];
  readonly downgrade: readonly Operation[];
  /** Objects mig does not model that were left alone, one line each. */
  readonly warnings: readonly string[];
}
