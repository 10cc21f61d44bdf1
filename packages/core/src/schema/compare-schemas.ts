import type { DeclaredSchema } from "./declare-schema.js";
import type { SchemaDiff } from "./schema-diff.js";
import type { SchemaFilter } from "./schema-filter.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";

export interface CompareInput {
  /** The database as it is. */
  readonly live: SchemaSnapshot;
  /** The declared schema as the same server reads it back (`Dialect.snapshotDeclared`). */
  readonly target: SchemaSnapshot;
  /** The declaration itself: operations are built from it, so they read as written. */
  readonly declared: DeclaredSchema;
  readonly filter?: SchemaFilter | undefined;
}

/** Turns (live, declared) into the changes and the operations that make them. */
export function compareSchemas(_input: CompareInput): SchemaDiff {
  throw new Error("compareSchemas: not written yet");
}
