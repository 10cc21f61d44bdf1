import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = readFileSync(
  fileURLToPath(new URL("../../../scripts/test.sh", import.meta.url)),
  "utf8",
);

describe("scripts/test.sh", () => {
  it("runs every package's tasks even after one fails (turbo --continue)", () => {
    const turboRuns = script.split("\n").filter((line) => /^\s*pnpm exec turbo run /.test(line));
    expect(turboRuns.length).toBeGreaterThanOrEqual(2);
    for (const line of turboRuns) expect(line).toContain("--continue");
  });

  it("sums the reports at the end whatever happened before", () => {
    expect(script).toMatch(/\nnode scripts\/sum-tests\.mjs \|\| status=\$\?\n/);
  });
});
