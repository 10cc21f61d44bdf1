import { type Operation, t } from "@mig/core";
import { describe, expect, test } from "vitest";
import { useOperationsHarness } from "./operations-harness.js";

const h = useOperationsHarness("alter_enum");

const moodTable = (schema?: string): Operation => ({
  kind: "createTable",
  definition: {
    table: schema === undefined ? { name: "person" } : { name: "person", schema },
    columns: [
      { name: "id", type: "integer", nullable: false },
      { name: "mood", type: t.enum("mood", ["ok", "sad"]), nullable: false, default: "ok" },
      {
        name: "moods",
        type: t.raw(schema === undefined ? "mood[]" : `${schema}.mood[]`),
        nullable: true,
      },
    ],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  },
});

const enums = async (schema?: string) =>
  (await h.snapshot(schema === undefined ? {} : { schema })).enums;

describe("alterEnum", () => {
  test("added values go in their declared places; the reverse puts the type back", async () => {
    await h.op().invoke(moodTable());
    await h.connection().execute("INSERT INTO person VALUES (1, 'sad', '{ok,sad}')");
    await h.roundTrip(
      {
        kind: "alterEnum",
        name: "mood",
        values: ["meh", "ok", "fine", "sad", "glad"],
        existing: ["ok", "sad"],
      },
      (after) => {
        expect(after.enums).toEqual([
          { name: "mood", values: ["meh", "ok", "fine", "sad", "glad"] },
        ]);
      },
    );
    expect(await h.connection().query("SELECT mood::text, moods::text FROM person")).toEqual([
      { mood: "sad", moods: "{ok,sad}" },
    ]);
  });

  test("a removed or reordered value recreates the type and converts its columns, defaults kept", async () => {
    await h.connection().execute("CREATE SCHEMA other");
    await h.op().invoke(moodTable("other"));
    await h.connection().execute("INSERT INTO other.person (id, moods) VALUES (1, '{sad}')");
    const before = await h.snapshot({ schema: "other" });
    await h
      .op()
      .invoke({ kind: "alterEnum", name: "mood", schema: "other", values: ["sad", "ok"] });
    const after = await h.snapshot({ schema: "other" });
    expect(after.enums).toEqual([{ name: "mood", schema: "other", values: ["sad", "ok"] }]);
    expect(after.tables).toEqual(before.tables);
    await h.connection().execute("UPDATE other.person SET moods = '{ok}'");
    await h.op().invoke({ kind: "alterEnum", name: "mood", schema: "other", values: ["ok"] });
    expect(
      await h.connection().query("SELECT 1 FROM pg_type WHERE typname LIKE '%mig_old%'"),
    ).toEqual([]);
    await expect(h.connection().query("SELECT mood::text FROM other.person")).resolves.toEqual([
      { mood: "ok" },
    ]);
    expect((await h.snapshot({ schema: "other" })).tables).toEqual(before.tables);
  });

  test("a value still in use cannot be removed: the server says so, nothing changes", async () => {
    await h.op().invoke(moodTable());
    await h.connection().execute("INSERT INTO person (id, mood) VALUES (1, 'sad')");
    await h.connection().execute("BEGIN");
    await expect(
      h.op().invoke({ kind: "alterEnum", name: "mood", values: ["ok"] }),
    ).rejects.toThrow(/invalid input value for enum/);
    await h.connection().execute("ROLLBACK");
    expect(await enums()).toEqual([{ name: "mood", values: ["ok", "sad"] }]);
  });

  test("offline: added values are written out; a removal asks for it to be done by hand", async () => {
    const added = await h.offlineSql([
      { kind: "alterEnum", name: "mood", values: ["new", "ok", "sad"], existing: ["ok", "sad"] },
    ]);
    expect(added).toContain(`ALTER TYPE "mood" ADD VALUE 'new' BEFORE 'ok'`);
    await expect(
      h.offlineSql([{ kind: "alterEnum", name: "mood", values: ["ok"], existing: ["ok", "sad"] }]),
    ).rejects.toThrow(/removes or reorders values/);
    await expect(
      h.offlineSql([{ kind: "alterEnum", name: "mood", values: ["ok"] }]),
    ).rejects.toThrow(/needs the type's current values/);
  });

  test("an enum type that does not exist is named in the error", async () => {
    await expect(h.op().invoke({ kind: "alterEnum", name: "nope", values: ["a"] })).rejects.toThrow(
      /there is no enum type "nope"/,
    );
  });
});
