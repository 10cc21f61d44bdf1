import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

/** Core's sources and the rules, copied to a scratch tree that a test may break. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-layers-"));
  for (const file of [
    ".dependency-cruiser.cjs",
    ".dependency-cruiser-known-violations.json",
    "tsconfig.base.json",
  ]) {
    cpSync(join(ROOT, file), join(dir, file));
  }
  cpSync(join(ROOT, "packages", "core", "src"), join(dir, "packages", "core", "src"), {
    recursive: true,
  });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

function cruise(dir: string) {
  const r = spawnSync(
    DEPCRUISE,
    ["packages", "--config", ".dependency-cruiser.cjs", "--ignore-known", "--output-type", "err"],
    { cwd: dir, encoding: "utf8" },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("the layer rules (pnpm run lint:deps)", () => {
  it("pass on the code as it is", () => {
    const r = cruise(scratch());
    expect(r.out).toContain("no dependency violations found");
    expect(r.code).toBe(0);
  });

  it("fail on an upward import: the pure graph layer reaching into the runner", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "packages/core/src/revision/uses-runtime.ts"),
      'export { runSteps } from "../runtime/run-steps.js";\n',
    );
    const r = cruise(dir);
    expect(r.out).toContain("core-revision-not-upward");
    expect(r.code).not.toBe(0);
  });

  it("fail on a new import cycle", () => {
    const dir = scratch();
    writeFileSync(
      join(dir, "packages/core/src/errors/a.ts"),
      'import { b } from "./b.js";\nexport const a = () => b;\n',
    );
    writeFileSync(
      join(dir, "packages/core/src/errors/b.ts"),
      'import { a } from "./a.js";\nexport const b = () => a;\n',
    );
    const r = cruise(dir);
    expect(r.out).toContain("no-circular");
    expect(r.code).not.toBe(0);
  });

  it("fail when a package reaches past core's two entry points", () => {
    const dir = scratch();
    mkdirSync(join(dir, "packages/lite/src"), { recursive: true });
    writeFileSync(
      join(dir, "packages/lite/src/ok.ts"),
      'export { MigError } from "@mig/core";\nexport { DialectBase } from "@mig/core/dialect";\n',
    );
    expect(cruise(dir).out).toContain("no dependency violations found");
    writeFileSync(
      join(dir, "packages/lite/src/deep.ts"),
      'export { DialectBase } from "@mig/core/src/dialect/dialect-base.js";\n',
    );
    const r = cruise(dir);
    expect(r.out).toContain("core-entry-points-only");
    expect(r.code).not.toBe(0);
  });
});
