import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "@mig/dialect-tests";
import { afterEach, expect, test } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const cli = fileURLToPath(new URL("../../../apps/cli/bin/mig.js", import.meta.url));
const dirs: string[] = [];

/** A user's project: `mig.config.json` with a `lite:` URL and no `dialects`, one migration. */
function makeProject(withPackage: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "mig-lite-project-"));
  dirs.push(dir);
  writeFileSync(join(dir, "mig.config.json"), JSON.stringify({ url: "lite:./app.db" }));
  mkdirSync(join(dir, "migrations"));
  writeFileSync(
    join(dir, "migrations", "0000_a1b2c3d4e5f6.ts"),
    `/** create notes */
export const revision = "a1b2c3d4e5f6";
export const downRevision = null;

export async function upgrade(op) {
  await op.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
}

export async function downgrade(op) {
  await op.execute("DROP TABLE notes");
}
`,
  );
  if (withPackage) {
    // What `npm install mig-dialect-lite` leaves behind, without a registry.
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(packageDir, join(dir, "node_modules", "mig-dialect-lite"), "dir");
  }
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("mig finds mig-dialect-lite in the project for a lite: URL, with no dialects configured", async () => {
  const dir = makeProject(true);
  const up = await runCli(cli, ["up"], dir);
  expect(up.code, up.stderr).toBe(0);
  const current = await runCli(cli, ["current"], dir);
  expect(current.code, current.stderr).toBe(0);
  expect(current.stdout).toContain("a1b2c3d4e5f6");
  expect(current.stdout).toContain("head");
});

test("a lite: URL without the package installed says what to install", async () => {
  const dir = makeProject(false);
  const up = await runCli(cli, ["up"], dir);
  expect(up.code).toBe(2);
  expect(up.stderr).toContain("mig-dialect-lite is not installed");
  expect(up.stderr).toContain("npm install mig-dialect-lite");
});

test("current and down on a lite: path with no file read it as empty and create nothing", async () => {
  const dir = makeProject(true);
  const current = await runCli(cli, ["current"], dir);
  expect(current.code, current.stderr).toBe(0);
  expect(current.stdout).toContain("base");
  const down = await runCli(cli, ["down", "base"], dir);
  expect(down.code, down.stderr).toBe(0);
  expect(readdirSync(dir).sort()).toEqual(["mig.config.json", "migrations", "node_modules"]);
});
