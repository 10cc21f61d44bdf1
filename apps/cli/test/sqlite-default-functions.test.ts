import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { autogenerateProject, migrationFiles, printed, TARGETS } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

/** A schema module whose events.at defaults to `expression`. */
const schema = (expression: string) => `import { sql, table } from "@mig/core";

export const events = table("events", {
  id: { type: "integer", primaryKey: true },
  at: { type: "timestamp", nullable: false, default: sql(${JSON.stringify(expression)}) },
});
`;

const NOW_FIX = `SQLite has no now(): write sql("CURRENT_TIMESTAMP") (UTC, 'YYYY-MM-DD HH:MM:SS') or sql("(strftime('%Y-%m-%dT%H:%M:%fZ','now'))") (ISO 8601 with milliseconds).`;

// SQLite's CREATE TABLE takes DEFAULT (now()); only the first INSERT that needs it fails.
describe("SQLite: a default expression SQLite cannot evaluate is refused before a migration", () => {
  test.each([["check"], ["revision", "--autogenerate", "-m", "events"]])(
    'sql("now()"): exit 2, naming table and column, SQLite\'s message and the fix (%s)',
    (...args) => {
      const dir = autogenerateProject("sqlite:./app.db");
      writeFileSync(join(dir, "schema.ts"), schema("now()"));
      const r = mig(dir, args);
      expect(r.code, printed(r)).toBe(2);
      expect(r.stderr.trimEnd().split("\n").slice(-2)).toEqual([
        `Error: The schema module's table events, column "at": SQLite cannot evaluate its default sql("now()") (no such function: now), so every INSERT that leaves the column out would fail.`,
        NOW_FIX,
      ]);
      expect(migrationFiles(dir)).toEqual([]);
    },
  );

  test("another failure gets SQLite's message and the general fix", () => {
    const dir = autogenerateProject("sqlite:./app.db");
    writeFileSync(join(dir, "schema.ts"), schema("abs()"));
    const r = mig(dir, ["check"]);
    expect(r.code, printed(r)).toBe(2);
    expect(r.stderr).toContain("(wrong number of arguments to function abs())");
    expect(r.stderr).toContain("https://sqlite.org/lang_corefunc.html");
  });

  test.each(["CURRENT_TIMESTAMP", "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"])(
    "sql(%j) still works end to end, and an INSERT gets the default",
    async (expression) => {
      const dir = autogenerateProject("sqlite:./app.db");
      writeFileSync(join(dir, "schema.ts"), schema(expression));
      const gen = mig(dir, ["revision", "--autogenerate", "-m", "events"]);
      expect(gen.code, printed(gen)).toBe(0);
      expect(migrationFiles(dir)).toHaveLength(1);
      const up = mig(dir, ["up"]);
      expect(up.code, printed(up)).toBe(0);
      const check = mig(dir, ["check"]);
      expect(check.code, printed(check)).toBe(0);
      const [sqlite] = TARGETS;
      await (await sqlite?.database(dir))?.exec(["INSERT INTO events (id) VALUES (1)"]);
    },
  );
});
