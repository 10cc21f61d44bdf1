import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../../scripts/check-doc-examples.mjs", import.meta.url));

// The README's and docs' TypeScript examples compile under `tsc --init`'s strict defaults
// (exactOptionalPropertyTypes, noUncheckedIndexedAccess) against the built packages.
test("every ```ts example in the READMEs and docs type-checks", () => {
  const r = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
  expect(r.stdout).toMatch(/doc examples: \d+ type-checked, 0 failed/);
}, 300_000);
