import { current, isMigError, type MigError, upgrade } from "@mig/core";
import { describe, expect, it } from "vitest";
import { sqliteProject } from "./test-project.js";

// SQLite refuses a few statements inside a transaction (VACUUM, a journal-mode change); a
// migration that runs one is told how to run outside one, not just to "fix the script".
describe("a statement SQLite runs only outside a transaction", () => {
  const scripts = (transactional: boolean) => [
    { revision: "aaaa00000001", up: ["CREATE TABLE item (id INTEGER PRIMARY KEY)"] },
    { revision: "aaaa00000002", down: "aaaa00000001", transactional, up: ["VACUUM"] },
  ];

  it("fails inside one, naming the script's transactional = false", async () => {
    const { p } = await sqliteProject(scripts(true));
    const error = await upgrade(p.options).catch((e: unknown) => e);
    expect(isMigError(error) && error.code).toBe("migration_failed");
    expect((error as Error).message).toContain("cannot VACUUM from within a transaction");
    expect((error as MigError).hint).toBe(
      "The database is at aaaa00000001. Run this script outside a transaction: `export const transactional = false` in a TypeScript script, `-- transactional: false` in an SQL script's header.",
    );
    expect((await current(p.options)).rows).toEqual(["aaaa00000001"]);
  });

  it("runs with it", async () => {
    const { p } = await sqliteProject(scripts(false));
    expect((await upgrade(p.options)).rows).toEqual(["aaaa00000002"]);
  });

  it("another statement's failure keeps the general advice", async () => {
    const { p } = await sqliteProject([
      { revision: "bbbb00000001", up: ["INSERT INTO nowhere VALUES (1)"] },
    ]);
    const error = await upgrade(p.options).catch((e: unknown) => e);
    expect((error as MigError).hint).toBe(
      "The database is at base (no revision). Fix the script and run again.",
    );
  });
});
