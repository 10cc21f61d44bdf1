import { expect } from "vitest";
import { compareSchemas } from "../src/schema/compare-schemas.js";
import type { SchemaChange } from "../src/schema/schema-diff.js";
import type { TableSnapshot } from "../src/schema/schema-snapshot.js";
import { declaredFrom, snap } from "./schema-fixtures.js";

/**
 * The one change comparing a table's `live` and `target` forms gives, checked to be a change
 * made by hand (no operation either way, a destructive note); for table-level options.
 */
export function byHandChange(live: TableSnapshot, target: TableSnapshot): SchemaChange {
  const result = compareSchemas({
    live: snap([live]),
    target: snap([target]),
    declared: declaredFrom(snap([target])),
  });
  expect(result.changes).toHaveLength(1);
  expect(result.upgrade).toEqual([]);
  const change = result.changes[0]!;
  expect(change).toMatchObject({ upgrade: [], downgrade: [], destructive: expect.any(String) });
  expect(change.description).toMatch(/: change it by hand$/);
  return change;
}
