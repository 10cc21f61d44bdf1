import { type Operation, t, tableDefinition } from "@mig/core";
import { describe, expect, test } from "vitest";
import { parent } from "./operations-fixtures.js";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("ops_columns");

describe("columns", () => {
  const table = { name: "parent" };

  test("addColumn with an enum type, default and comment; its reverse drops the type", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const column = {
      name: "mood",
      type: t.enum("mood", ["ok", "meh"]),
      nullable: false,
      default: "ok",
      comment: "how it feels",
    };
    await h.roundTrip({ kind: "addColumn", table, column }, (after) => {
      expect(after.tables[0]!.columns[2]).toMatchObject({
        name: "mood",
        type: "mood",
        nullable: false,
        default: "'ok'::mood",
        autoincrement: false,
        comment: "how it feels",
      });
      expect(after.enums).toEqual([{ name: "mood", values: ["ok", "meh"] }]);
    });
  });

  test("addColumn of an identity column", async () => {
    await h.op().invoke({
      kind: "createTable",
      definition: tableDefinition("plain", { name: { type: "text" } }),
    });
    const column = { name: "id", type: "bigint" as const, nullable: false, autoincrement: true };
    await h.roundTrip({ kind: "addColumn", table: { name: "plain" }, column }, (after) => {
      expect(after.tables[0]!.columns[1]).toMatchObject({ name: "id", autoincrement: true });
    });
  });

  test("dropColumn with the column's definition reverses, enum type included", async () => {
    const def = tableDefinition("item", {
      id: { type: "integer", primaryKey: true },
      state: { type: t.enum("state", ["a", "b"]), default: "a", comment: "c" },
    });
    await h.op().invoke({ kind: "createTable", definition: def });
    const drop: Operation = {
      kind: "dropColumn",
      table: { name: "item" },
      column: "state",
      existing: def.columns[1],
    };
    await h.roundTrip(drop, (after) => {
      expect(after.tables[0]!.columns.map((c) => c.name)).toEqual(["id"]);
      expect(after.enums).toEqual([]);
    });
  });

  test("op.dropColumn with existing drops the enum type after its last column only", async () => {
    const state = t.enum("state", ["a", "b"]);
    const def = tableDefinition("item", {
      id: { type: "integer", primaryKey: true },
      now: { type: state },
      was: { type: state },
    });
    await h.op().invoke({ kind: "createTable", definition: def });
    // Another column still uses the type: it stays.
    await h.op().dropColumn("item", "was", { existing: def.columns[2] });
    await h.op().flush();
    expect((await h.snapshot()).enums).toEqual([{ name: "state", values: ["a", "b"] }]);
    await h.op().dropColumn("item", "now", { existing: def.columns[1] });
    await h.op().flush();
    expect((await h.snapshot()).enums).toEqual([]);
  });

  test("alterColumn changes the type with USING", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    await h.connection().execute("INSERT INTO parent (name) VALUES ('12')");
    const op: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { type: "integer", using: "name::integer" },
      existing: { type: t.varchar(40) },
    };
    await h.roundTrip(op, async (after) => {
      expect(after.tables[0]!.columns[1]!.type).toBe("integer");
      expect(await h.connection().query("SELECT name FROM parent")).toEqual([{ name: 12 }]);
    });
  });

  test("alterColumn to an enum creates the type; its reverse drops it", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const mood = t.enum("mood", ["x", "y"]);
    const op: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { type: mood, using: "name::mood" },
      existing: { type: t.varchar(40) },
    };
    await h.roundTrip(op, (after) => {
      expect(after.tables[0]!.columns[1]!.type).toBe("mood");
      expect(after.enums).toEqual([{ name: "mood", values: ["x", "y"] }]);
    });
  });

  test("alterColumn nullable both ways", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const change = (nullable: boolean): Operation => ({
      kind: "alterColumn",
      table,
      column: "name",
      changes: { nullable },
      existing: { nullable: !nullable },
    });
    await h.roundTrip(change(true), (a) => expect(a.tables[0]!.columns[1]!.nullable).toBe(true));
    await h.op().invoke(change(true));
    await h.roundTrip(change(false), (a) => expect(a.tables[0]!.columns[1]!.nullable).toBe(false));
  });

  test("alterColumn sets and drops a default", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const set: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { default: "anon" },
      existing: { default: null },
    };
    await h.roundTrip(set, (a) => {
      expect(a.tables[0]!.columns[1]!.default).toBe("'anon'::character varying");
    });
    await h.op().invoke(set);
    const drop: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { default: null },
      existing: { default: "anon" },
    };
    await h.roundTrip(drop, (a) => expect(a.tables[0]!.columns[1]!.default).toBeNull());
  });

  test("alterColumn sets and drops a comment", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const set: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { comment: "who" },
      existing: { comment: null },
    };
    await h.roundTrip(set, (a) => expect(a.tables[0]!.columns[1]!.comment).toBe("who"));
    await h.op().invoke(set);
    const drop: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { comment: null },
      existing: { comment: "who" },
    };
    await h.roundTrip(drop, (a) => expect(a.tables[0]!.columns[1]!.comment).toBeNull());
  });

  test("alterColumn renames last, after the other changes to the old name", async () => {
    await h.op().invoke({ kind: "createTable", definition: parent });
    const op: Operation = {
      kind: "alterColumn",
      table,
      column: "name",
      changes: { newName: "title", nullable: true, type: "text", comment: "t" },
      existing: { nullable: false, type: t.varchar(40), comment: null },
    };
    await h.roundTrip(op, (a) => {
      expect(a.tables[0]!.columns[1]).toMatchObject({
        name: "title",
        type: "text",
        nullable: true,
        comment: "t",
      });
    });
  });
});
