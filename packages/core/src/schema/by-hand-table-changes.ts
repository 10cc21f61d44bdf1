import type { QualifiedName } from "../connection/qualified-name.js";
import { change, label, type PendingChange } from "./schema-changes.js";
import type { TableSnapshot } from "./schema-snapshot.js";

// Table-level differences reported with no operation: making them rewrites the whole table,
// a decision for a person (`check` reports them, autogenerate writes them as comments).

interface TablePair {
  readonly name: QualifiedName;
  readonly live: TableSnapshot;
  readonly target: TableSnapshot;
}

/** Each by-hand difference between a table's live and declared forms. */
export function byHandTableChanges(pair: TablePair): PendingChange[] {
  const out: PendingChange[] = [];
  if (pair.live.collation !== pair.target.collation) out.push(collationChange(pair));
  const options = storageOptions(pair);
  if (options) out.push(options);
  return out;
}

/**
 * A table collation (MySQL) is reported with no operation: converting a table rewrites
 * every row and every text column's collation, which is a decision for a person.
 */
function collationChange(pair: TablePair): PendingChange {
  const said = (c: string | null) => c ?? "the database default";
  return change(
    "tableCollation",
    pair.name,
    undefined,
    `table ${label(pair.name)}'s collation differs (live ${said(pair.live.collation)}, declared ${said(pair.target.collation)}): change it by hand`,
    [],
    "converting a table's character set rewrites every row and can lose characters",
  );
}

/**
 * SQLite's `WITHOUT ROWID` and `STRICT` are fixed when the table is created: changing one
 * means a new table and a copy of every row (STRICT refuses rows of another type).
 */
function storageOptions(pair: TablePair): PendingChange | undefined {
  const words = (t: TableSnapshot) =>
    [t.withoutRowid ? "WITHOUT ROWID" : "", t.strict ? "STRICT" : ""].filter(Boolean).join(", ") ||
    "none";
  const live = words(pair.live);
  const declared = words(pair.target);
  if (live === declared) return undefined;
  return change(
    "tableOptions",
    pair.name,
    undefined,
    `table ${label(pair.name)}'s options differ (live ${live}, declared ${declared}): change it by hand`,
    [],
    "changing WITHOUT ROWID or STRICT means creating the table anew and copying every row",
  );
}
