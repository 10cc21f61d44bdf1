import { describe, expect, test } from "vitest";
import { offlineOp } from "../../test/offline-op.js";
import { renderOperations } from "../schema/render-operations.js";

// NULLS NOT DISTINCT and DEFERRABLE through the op methods, and autogenerate writing them so.
const offline = () => offlineOp();

describe("op methods take nullsNotDistinct and deferrable", () => {
  test("they reach the SQL", async () => {
    const { op, text } = offline();
    await op.createIndex("t_b", "t", ["b"], { unique: true, nullsNotDistinct: true });
    await op.createUniqueConstraint("t_c", "t", ["c"], { nullsNotDistinct: true });
    await op.createForeignKey("t_p", "t", "p", ["p_id"], ["id"], { deferrable: "deferred" });
    await op.batchAlterTable("t", (batch) => {
      batch.createUniqueConstraint("t_d", ["d"], { nullsNotDistinct: true });
      batch.createForeignKey("t_q", "q", ["q_id"], ["id"], { deferrable: "immediate" });
    });
    await op.flush();
    const sql = text();
    expect(sql).toContain('CREATE UNIQUE INDEX "t_b" ON "t" ("b") NULLS NOT DISTINCT');
    expect(sql).toContain('CONSTRAINT "t_c" UNIQUE NULLS NOT DISTINCT ("c")');
    expect(sql).toContain('REFERENCES "p" ("id") DEFERRABLE INITIALLY DEFERRED');
    expect(sql).toContain('CONSTRAINT "t_d" UNIQUE NULLS NOT DISTINCT ("d")');
    expect(sql).toContain('REFERENCES "q" ("id") DEFERRABLE INITIALLY IMMEDIATE');
  });

  test("autogenerate writes the op methods, not op.invoke", async () => {
    const { dialect, op } = offline();
    await op.createIndex("t_b", "t", ["b"], { unique: true, nullsNotDistinct: true });
    await op.createUniqueConstraint("t_c", "t", ["c"], { nullsNotDistinct: true });
    await op.createForeignKey("t_p", "t", "p", ["p_id"], ["id"], { deferrable: "deferred" });
    await op.flush();
    const lines = renderOperations(dialect.seen).join("\n");
    expect(lines).not.toContain("op.invoke");
    expect(lines).toContain(
      'op.createIndex("t_b", "t", ["b"], { unique: true, nullsNotDistinct: true })',
    );
    expect(lines).toContain(
      'op.createUniqueConstraint("t_c", "t", ["c"], { nullsNotDistinct: true })',
    );
    expect(lines).toContain('{ deferrable: "deferred" }');
  });
});
