import { describe, expect, test } from "vitest";
import { toScratchSql } from "../src/postgres-scratch-sql.js";

const declared = new Set(["sales.status", "sales.orders", "Big Co.kind"]);
const scratchOf = (schema: string, name: string) =>
  declared.has(`${schema}.${name}`) ? `mig_scratch_${schema.length}` : undefined;

describe("toScratchSql", () => {
  test.each([
    ["status = 'open'::sales.status", "status = 'open'::mig_scratch_5.status"],
    ["x = 'sales.status'", "x = 'sales.status'"],
    ["SALES.Status IS NULL", "mig_scratch_5.Status IS NULL"],
    [`'a'::"Big Co".kind`, "'a'::mig_scratch_6.kind"],
    [`'a'::"Big Co"."kind"`, `'a'::mig_scratch_6."kind"`],
    ["sales.next_id() + sales.orders.id", "sales.next_id() + mig_scratch_5.orders.id"],
    ["public.status", "public.status"],
    ["a -- sales.status\n + 1", "a -- sales.status\n + 1"],
    ["$$sales.status$$ || 'it''s sales.status'", "$$sales.status$$ || 'it''s sales.status'"],
    ["x::sales.status[]", "x::mig_scratch_5.status[]"],
  ])("%s", (input, output) => {
    expect(toScratchSql(input, scratchOf)).toBe(output);
  });
});
