import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

// A user who wrote mig.config first (to `pull` an existing database, say) has no migrations
// directory yet. The message must name a fix that works: `mig init` refuses a directory
// that already has a config, so it is not the advice.

/** A project with its config but without the migrations directory it names. */
function configOnly(): string {
  const dir = sqliteProject();
  rmSync(join(dir, "migrations"), { recursive: true });
  return dir;
}

describe("a config without its migrations directory", () => {
  test.each([["pull"], ["heads"], ["up"], ["check"]])("mig %s says to create it", (command) => {
    const dir = configOnly();
    const r = mig(dir, [command]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(
      "Error: The migrations directory migrations does not exist.\n" +
        "Create it (mkdir -p migrations), or fix `scriptLocation` / `versionLocations` in mig.config.\n",
    );
  });

  test("the advice works: after creating the directory the command runs", () => {
    const dir = configOnly();
    expect(mig(dir, ["heads"]).code).toBe(2);
    mkdirSync(join(dir, "migrations"));
    const r = mig(dir, ["heads"]);
    expect(r.code, r.stderr).toBe(0);
  });

  test("mig init there refuses, naming the one file it would overwrite", () => {
    const r = mig(configOnly(), ["init"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "this directory already has mig.config.mjs; mig init does not overwrite it.",
    );
  });
});
