import type { ColumnType } from "../operations/column-type.js";
import type { ReferentialAction } from "../operations/table-definition.js";
import { compareSchemas } from "./compare-schemas.js";
import { declaredTable } from "./declare-schema.js";
import { filterSnapshots, includer } from "./filter-snapshots.js";
import type { SchemaDiff } from "./schema-diff.js";
import type { SchemaFilter } from "./schema-filter.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";
import { snapshotDefinitions, spellsEnum } from "./snapshot-definitions.js";
import { unsupportedLabel } from "./unsupported-label.js";

export interface BaselineDiffInput {
  /** The database as it is, without the version table. */
  readonly snapshot: SchemaSnapshot;
  /** The config's filters: objects they leave out are not part of the baseline. */
  readonly filter?: SchemaFilter | undefined;
  readonly readType?: ((type: string) => ColumnType | undefined) | undefined;
  readonly defaultAction?: ReferentialAction | undefined;
}

export interface BaselineDiff extends SchemaDiff {
  /** How many tables the upgrade creates. */
  readonly tables: number;
}

/**
 * The operations that create `snapshot` in an empty database: the comparator run from
 * nothing to the database, declared as `mig pull` would declare it. The filters see each
 * object as `mig pull` does (in the database, not declared), before the comparison.
 */
export function baselineDiff(input: BaselineDiffInput): BaselineDiff {
  const empty: SchemaSnapshot = {
    defaultSchema: input.snapshot.defaultSchema,
    tables: [],
    enums: [],
    unsupported: [],
  };
  const kept = filterSnapshots(input.snapshot, empty, includer(input.filter)).live;
  const definitions = snapshotDefinitions(kept, input);
  const diff = compareSchemas({
    live: empty,
    target: kept,
    declared: { tables: definitions.map(declaredTable) },
    // Already filtered, with the flags that fit: the comparison would see them as declared.
    filter: { includeObject: () => true },
    defaultAction: input.defaultAction,
  });
  const used = kept.tables.flatMap((t) => t.columns.map((c) => c.type));
  const unused = kept.enums.filter((e) => !used.some((type) => spellsEnum(type, e)));
  const warnings = [
    ...input.snapshot.unsupported.map(
      (o) =>
        `${unsupportedLabel(o)} is not in the baseline: mig does not model it; add it with op.execute if the app needs it`,
    ),
    ...unused.map(
      (e) => `enum ${qualified(e.schema, e.name)} is not in the baseline: no column uses it`,
    ),
    ...diff.warnings,
  ];
  return {
    ...diff,
    // An enum no column uses has no operation, so it is not reported as a change either.
    changes: diff.changes.filter(
      (c) => c.kind !== "addEnum" || !unused.some((e) => e.name === c.object),
    ),
    warnings,
    tables: kept.tables.length,
  };
}

function qualified(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}.${name}`;
}
