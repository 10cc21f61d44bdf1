import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SUM = fileURLToPath(new URL("../../../scripts/sum-tests.mjs", import.meta.url));

interface Pkg {
  readonly tests: boolean;
  readonly report?: { passed: number; failed: number; skipped?: number };
}

/** A tree laid out like the repository, with the given packages and their vitest reports. */
function tree(packages: Record<string, Pkg>): string {
  const root = mkdtempSync(join(tmpdir(), "mig-sum-"));
  for (const [path, pkg] of Object.entries(packages)) {
    const dir = join(root, path);
    mkdirSync(dir, { recursive: true });
    const scripts = pkg.tests ? { test: "vitest run" } : {};
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: path, scripts }));
    if (pkg.report) {
      const { passed, failed, skipped = 0 } = pkg.report;
      writeFileSync(
        join(dir, ".vitest-report.json"),
        JSON.stringify({
          numPassedTests: passed,
          numFailedTests: failed,
          numPendingTests: skipped,
          testResults: [],
        }),
      );
    }
  }
  return root;
}

function sum(root: string) {
  const r = spawnSync(process.execPath, [SUM, root], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the test command's closing line", () => {
  it("adds up every package's report", () => {
    const r = sum(
      tree({
        "packages/a": { tests: true, report: { passed: 3, failed: 0 } },
        "apps/b": { tests: true, report: { passed: 2, failed: 0 } },
        "tools/c": { tests: true, report: { passed: 1, failed: 0 } },
        "packages/lib": { tests: false },
      }),
    );
    expect(r.stdout).toBe("6 passed, 0 failed\n");
    expect(r.code).toBe(0);
  });

  it("a package whose tests never ran (no report) is a failure, named", () => {
    const r = sum(
      tree({
        "packages/a": { tests: true, report: { passed: 3, failed: 0 } },
        "packages/crashed": { tests: true },
      }),
    );
    expect(r.stdout).toBe("3 passed, 1 failed\n");
    expect(r.stderr).toContain("packages/crashed: no test report; its tests did not run");
    expect(r.code).toBe(1);
  });

  it("failures in one package still report the others' passes", () => {
    const r = sum(
      tree({
        "packages/a": { tests: true, report: { passed: 3, failed: 2 } },
        "packages/b": { tests: true, report: { passed: 4, failed: 0 } },
      }),
    );
    expect(r.stdout).toBe("7 passed, 2 failed\n");
    expect(r.code).toBe(1);
  });

  it("a skipped test fails the run", () => {
    const r = sum(
      tree({ "packages/a": { tests: true, report: { passed: 1, failed: 0, skipped: 1 } } }),
    );
    expect(r.stdout).toBe("1 passed, 0 failed, 1 skipped\n");
    expect(r.code).toBe(1);
  });
});
