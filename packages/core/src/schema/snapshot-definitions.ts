import type { ColumnType } from "../operations/column-type.js";
import { t } from "../operations/column-type.js";
import type { ReferentialAction, TableDefinition } from "../operations/table-definition.js";
import type { EnumSnapshot, SchemaSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

export interface SnapshotDefinitionsOptions {
  /** The dialect's reading of a catalog type in the portable vocabulary, when exact. */
  readonly readType?: ((type: string) => ColumnType | undefined) | undefined;
  /** The dialect's foreign key action when none is written (`capabilities`). */
  readonly defaultAction?: ReferentialAction | undefined;
}

/**
 * The snapshot's tables as definitions a person would write: types the dialect can say
 * exactly in the portable vocabulary (`t.varchar(255)`), enums as `t.enum`, the rest as
 * `t.raw` in the catalog's spelling. What `mig pull` declares and `mig baseline` creates.
 */
export function snapshotDefinitions(
  snapshot: SchemaSnapshot,
  options: SnapshotDefinitionsOptions = {},
): TableDefinition[] {
  return snapshot.tables.map((table) => {
    const def = snapshotToDefinition(table, { defaultAction: options.defaultAction });
    const columns = def.columns.map((column, i) => ({
      ...column,
      type: columnType(table.columns[i]!.type, table.schema, snapshot.enums, options.readType),
    }));
    return { ...def, columns } satisfies TableDefinition;
  });
}

function columnType(
  type: string,
  schema: string | undefined,
  enums: readonly EnumSnapshot[],
  readType: SnapshotDefinitionsOptions["readType"],
): ColumnType {
  const named = enums.find(
    (e) => (e.schema === undefined || e.schema === schema) && spellsEnum(type, e),
  );
  if (named !== undefined) return t.enum(named.name, named.values);
  return readType?.(type) ?? t.raw(type);
}

/** Whether a catalog type names the enum (`mood`, `"Mood"`, `sales.mood`). */
export function spellsEnum(type: string, e: EnumSnapshot): boolean {
  const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const names = [e.name, quoted(e.name)];
  if (e.schema === undefined) return names.includes(type);
  const schemas = [e.schema, quoted(e.schema)];
  return names.includes(type) || schemas.some((s) => names.some((n) => type === `${s}.${n}`));
}
