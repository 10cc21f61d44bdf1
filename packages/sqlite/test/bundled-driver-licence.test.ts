import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// dist/index.js carries a copy of better-sqlite3's JavaScript (tsup.config.ts), so it must
// carry that package's licence too.
describe("the built package", () => {
  it("carries better-sqlite3's licence beside its bundled copy", () => {
    const built = readFileSync(new URL("../dist/index.js", import.meta.url), "utf8");
    const licence = readFileSync(
      createRequire(import.meta.url).resolve("better-sqlite3/LICENSE"),
      "utf8",
    );
    expect(built).toContain("better-sqlite3 (bundled above), its licence:");
    expect(built).toContain(licence.split("\n").slice(0, 3).join("\n"));
  });
});
