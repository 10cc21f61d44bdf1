import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SETUP = join(ROOT, "vitest.tmpdir.ts");

describe("tests' temporary files", () => {
  it("every package's vitest config gives its run one temporary directory", () => {
    const configs = spawnSync("git", ["ls-files", "*vitest.config.ts"], { cwd: ROOT })
      .stdout.toString()
      .split("\n")
      .filter(Boolean);
    expect(configs.length).toBeGreaterThanOrEqual(9);
    const without = configs.filter(
      (file) => !readFileSync(join(ROOT, file), "utf8").includes('"../../vitest.tmpdir.ts"'),
    );
    expect(without).toEqual([]);
    expect(tmpdir()).toMatch(/mig-test-run-[^/]+$/);
  });

  it("removes the run's directory, and what the tests left in it, when the run ends", () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-tmpdir-check-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
    writeFileSync(
      join(dir, "vitest.config.ts"),
      `export default { test: { globalSetup: [${JSON.stringify(SETUP)}], include: ["a.test.ts"] } };\n`,
    );
    writeFileSync(
      join(dir, "a.test.ts"),
      [
        'import { mkdtempSync, writeFileSync } from "node:fs";',
        'import { tmpdir } from "node:os";',
        'import { join } from "node:path";',
        'import { test } from "vitest";',
        'test("leaves a scratch project", () => {',
        '  const left = mkdtempSync(join(tmpdir(), "left-"));',
        '  writeFileSync(join(left, "x.db"), "x");',
        `  writeFileSync(${JSON.stringify(join(dir, "left.txt"))}, left);`,
        "});",
        "",
      ].join("\n"),
    );
    const run = spawnSync(join(ROOT, "node_modules", ".bin", "vitest"), ["run"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const left = readFileSync(join(dir, "left.txt"), "utf8");
    expect(left).toContain("mig-test-run-");
    expect(existsSync(left)).toBe(false);
    expect(existsSync(join(left, ".."))).toBe(false);
  });
});
