import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../node_modules/.bin/mig", import.meta.url));

function mig(cwd: string, ...args: string[]) {
  const r = spawnSync(bin, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("the quick start migrates to its merge head and back", () => {
  const db = join(mkdtempSync(join(tmpdir(), "mig-quickstart-")), "qs.db");
  const url = `sqlite:///${db}`;
  try {
    const up = mig(here, "up", "--url", url);
    expect(up.code, up.stderr).toBe(0);
    expect(mig(here, "current", "--url", url).stdout).toBe("4d5e6f708192 (audit) (head)\n");
    expect(mig(here, "status", "--url", url).stdout).toContain("Up to date.");
    expect(mig(here, "down", "base", "--url", url).code).toBe(0);
    expect(mig(here, "current", "--url", url).stdout).toBe("");
    const sql = mig(here, "up", "--sql", "--url", url);
    expect(sql.stdout).toContain("CREATE TABLE audit_log");
    expect(sql.stdout).toContain("INSERT INTO account (email) VALUES ('admin@example.com')");
  } finally {
    rmSync(join(db, ".."), { recursive: true, force: true });
  }
});

test("start.mjs migrates at application start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "mig-quickstart-app-"));
  try {
    const r = spawnSync(process.execPath, [join(here, "start.mjs")], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `sqlite:///${join(dir, "app.db")}` },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("migrated: 4 step(s); database at 4d5e6f708192");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
