import { describe, expect, it } from "vitest";
import { freshDb, migrate, rows } from "./operations-helpers.js";

// A batch is one copy, but its rows must end as if each change had run in turn.
describe("a column added and given another default in the same batch", () => {
  it("keeps, for existing rows, the value the column was added with", async () => {
    const db = await freshDb();
    await migrate(db, async (op) => {
      op.createTable("t", { id: { type: "integer", primaryKey: true } });
      op.bulkInsert("t", [{ id: 1 }, { id: 2 }]);
    });
    await migrate(db, (op) =>
      op.batchAlterTable("t", (batch) => {
        batch.addColumn("a", { type: "text" });
        batch.alterColumn("a", { default: "later" });
        batch.addColumn("b", { type: "text", default: "first" });
        batch.alterColumn("b", { default: "second", newName: "c" });
        batch.addColumn("d", { type: "text", default: "same" });
        batch.createCheckConstraint("ck", "id > 0");
      }),
    );
    await migrate(db, (op) => op.execute("INSERT INTO t (id) VALUES (3)"));
    expect(await rows(db, "SELECT id, a, c, d FROM t ORDER BY id")).toEqual([
      { id: 1, a: null, c: "first", d: "same" },
      { id: 2, a: null, c: "first", d: "same" },
      { id: 3, a: "later", c: "second", d: "same" },
    ]);
  });
});
