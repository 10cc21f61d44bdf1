import { type DefaultValue, type Operations, sql, table } from "@mig/core";
import { describe, expect, it } from "vitest";
import { caught } from "./helpers.js";
import { freshDb, migrate, offlineSql } from "./operations-helpers.js";

/** events.at defaulting to `value`, as one declared table. */
const events = (value: DefaultValue) =>
  table("events", {
    id: { type: "integer", primaryKey: true },
    at: { type: "text", default: value },
  }).definition;

// SQLite's CREATE TABLE takes any constant default; a bad function fails only at INSERT.
describe("snapshotDeclared evaluates declared default expressions", () => {
  it.each([
    sql("CURRENT_TIMESTAMP"),
    sql("CURRENT_DATE"),
    sql("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"),
    sql("datetime('now', '+1 day')"),
    sql("1 + 2 * 3"),
    sql("random()"),
    sql("lower(hex(randomblob(16)))"),
    sql("'x' || 'y'"),
    sql("now"), // a bare word is a string to SQLite, not a function call
    "now()", // a string literal, not an expression
  ])("takes %j", async (value) => {
    const db = await freshDb();
    const snapshot = await db.dialect.snapshotDeclared(db.connection, [events(value)]);
    expect(snapshot.tables.map((t) => t.name)).toEqual(["events"]);
  });

  it.each([
    ["now()", "no such function: now", 'sql("CURRENT_TIMESTAMP")'],
    ["NOW()", "no such function: NOW", 'sql("CURRENT_TIMESTAMP")'],
    ["gen_random_uuid()", "no such function: gen_random_uuid", "randomblob(16)"],
    ["abs()", "wrong number of arguments to function abs()", "lang_corefunc.html"],
    ["abs(-9223372036854775808)", "integer overflow", "lang_corefunc.html"],
  ])("refuses sql(%j): SQLite's message, table, column and fix", async (text, reason, fix) => {
    const db = await freshDb();
    const error = await caught(() =>
      db.dialect.snapshotDeclared(db.connection, [events(sql(text))]),
    );
    expect(error).toMatchObject({ code: "schema_invalid", usage: true });
    expect((error as Error).message).toBe(
      `The schema module's table events, column "at": SQLite cannot evaluate its default sql(${JSON.stringify(text)}) (${reason}), so every INSERT that leaves the column out would fail.`,
    );
    expect((error as { hint?: string }).hint).toContain(fix);
  });

  it("leaves a default SQLite refuses at CREATE (not constant) to SQLite's own message", async () => {
    const db = await freshDb();
    const bad = table("t", {
      a: { type: "integer" },
      b: { type: "integer", default: sql("a + 1") },
    });
    const error = await caught(() => db.dialect.snapshotDeclared(db.connection, [bad.definition]));
    expect((error as Error).message).toMatch(/^SQLite refuses the declared table "t": .*constant/);
  });
});

describe("a migration's default SQLite cannot evaluate", () => {
  const withDefault = (text: string) => (op: Operations) =>
    op.createTable("events", {
      id: { type: "integer", primaryKey: true },
      at: { type: "text", default: sql(text) },
    });

  it("fails the migration before its DDL, online and in --sql; CURRENT_TIMESTAMP passes", async () => {
    const db = await freshDb();
    const online = await migrate(db, withDefault("now()")).catch((e: unknown) => e);
    expect(online).toMatchObject({
      code: "sqlite_default_invalid",
      message:
        'Column events.at: SQLite cannot evaluate its default sql("now()") (no such function: now), so every INSERT that leaves the column out would fail.',
    });
    expect((online as { hint: string }).hint).toContain('sql("CURRENT_TIMESTAMP")');
    // Rolled back: no table.
    expect(
      await db.connection.query("SELECT name FROM sqlite_master WHERE name = 'events'"),
    ).toEqual([]);
    await expect(offlineSql(withDefault("now()"))).rejects.toMatchObject({
      code: "sqlite_default_invalid",
    });
    // An added column and a changed default are checked too.
    await migrate(db, withDefault("CURRENT_TIMESTAMP"));
    await expect(
      migrate(db, (op) => op.addColumn("events", "b", { type: "text", default: sql("now()") })),
    ).rejects.toMatchObject({ code: "sqlite_default_invalid" });
    await expect(
      migrate(db, (op) => op.alterColumn("events", "at", { default: sql("gen_random_uuid()") })),
    ).rejects.toMatchObject({ code: "sqlite_default_invalid" });
    expect(await offlineSql(withDefault("(strftime('%Y','now'))"))).toContain("strftime");
  });
});
