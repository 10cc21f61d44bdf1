import type { ColumnType } from "../operations/column-type.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";

export interface RenderSchemaOptions {
  /** The dialect's reading of a catalog type in the portable vocabulary, when exact. */
  readonly readType?: ((type: string) => ColumnType | undefined) | undefined;
  /** Where `table`, `t` and `sql` are imported from. Default `@mig/core`. */
  readonly importFrom?: string | undefined;
}

/** A schema module (TypeScript) declaring `snapshot`'s tables: what `mig pull` writes. */
export function renderSchemaModule(
  _snapshot: SchemaSnapshot,
  _options: RenderSchemaOptions = {},
): string {
  throw new Error("renderSchemaModule: not written yet");
}
