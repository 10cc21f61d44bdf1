import { BatchOperations, type Operation, t } from "@mig/core";
import { beforeEach, describe, expect, it } from "vitest";
import { table, useHarness } from "./operations-harness.js";

const h = useHarness("data");

beforeEach(async () => {
  await h().op.execute(
    "CREATE TABLE notes (id INT PRIMARY KEY, note TEXT NULL, s TEXT NULL, d DATETIME NULL, j JSON NULL, b LONGBLOB NULL, ok BOOL NULL)",
  );
  await h().op.flush();
});

const notes = table("notes");

describe("data", () => {
  it("executes SQL with parameters, quotes and backslashes kept", async () => {
    const text = "it's a \\ and a ? in 'quotes'";
    await h().run({
      kind: "execute",
      sql: "INSERT INTO notes (id, s) VALUES (?, ?)",
      params: [1, text],
    });
    expect(await h().connection.query("SELECT s FROM notes")).toEqual([{ s: text }]);
  });

  it("bulk-inserts rows that read back as written", async () => {
    const rows = [
      {
        id: 1,
        note: null,
        s: `it's "q" \\ \\' \n end`,
        d: new Date("2024-02-29T23:59:58Z"),
        j: { a: [1, "x'\\"] },
        b: Buffer.from([0, 1, 255]),
        ok: true,
      },
      { id: 2, note: "naïve 表", s: "", d: null, j: null, b: null, ok: false },
    ];
    await h().run({ kind: "bulkInsert", table: notes, rows });
    const back = await h().connection.query<Record<string, unknown>>(
      "SELECT * FROM notes ORDER BY id",
    );
    expect(back.map((r) => ({ ...r, j: typeof r.j === "string" ? JSON.parse(r.j) : r.j }))).toEqual(
      rows.map((r) => ({ ...r, ok: r.ok ? 1 : 0 })),
    );
  });
});

describe("setTableComment", () => {
  it("sets a comment and, as the reverse, drops it", async () => {
    const op: Operation = {
      kind: "setTableComment",
      table: notes,
      comment: "it's \\ noted",
      existing: null,
    };
    await h().roundTrip(op, (after) => expect(after.tables[0]!.comment).toBe("it's \\ noted"));
  });

  it("drops a comment and, as the reverse, sets it again", async () => {
    await h().run({ kind: "setTableComment", table: notes, comment: "old" });
    const op: Operation = { kind: "setTableComment", table: notes, comment: null, existing: "old" };
    await h().roundTrip(op, (after) => expect(after.tables[0]!.comment).toBeNull());
  });
});

describe("batch", () => {
  it("runs each change natively, in order, and reverses them all", async () => {
    const batch = new BatchOperations(notes);
    batch.addColumn("title", { type: t.varchar(30), nullable: false, default: "untitled" });
    batch.alterColumn("title", {
      type: t.varchar(60),
      existing: { type: t.varchar(30), nullable: false, default: "untitled", comment: null },
    });
    batch.alterColumn("s", { newName: "body" });
    batch.createIndex("notes_title", ["title", "id"]);
    batch.createUniqueConstraint("notes_d", ["d"]);
    batch.createCheckConstraint("notes_id", "id > 0");
    const op: Operation = {
      kind: "batch",
      table: notes,
      operations: batch.operations,
      recreate: "auto",
    };
    await h().roundTrip(op, (after) => {
      const made = after.tables[0]!;
      expect(made.columns.map((c) => c.name)).toEqual([
        "id",
        "note",
        "body",
        "d",
        "j",
        "b",
        "ok",
        "title",
      ]);
      expect(made.columns.at(-1)).toMatchObject({ type: "varchar(60)", default: "'untitled'" });
      expect(made.indexes.map((i) => i.name)).toEqual(["notes_title"]);
      expect(made.uniques.map((i) => i.name)).toEqual(["notes_d"]);
      expect(made.checks.map((i) => i.name)).toEqual(["notes_id"]);
    });
  });

  it("looks columns up between a batch's changes", async () => {
    await h().op.batchAlterTable("notes", (b) => {
      b.alterColumn("note", { newName: "remark" });
      b.alterColumn("remark", { nullable: false, comment: "must" });
    });
    await h().op.flush();
    const remark = (await h().table("notes")).columns[1];
    expect(remark).toMatchObject({
      name: "remark",
      type: "text",
      nullable: false,
      comment: "must",
    });
  });
});
