import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { BIN, sqliteProject } from "./run-cli.js";

const script = (i: number) => {
  const rev = `r${String(i).padStart(11, "0")}`;
  const down = i > 1 ? JSON.stringify(`r${String(i - 1).padStart(11, "0")}`) : "null";
  return `/** step ${i} */
export const revision = "${rev}";
export const downRevision = ${down};
export async function upgrade(op) { op.execute("CREATE TABLE t${i} (id INTEGER)"); }
export async function downgrade(op) { op.execute("DROP TABLE t${i}"); }
`;
};

/** Runs mig with its stderr on a terminal, through util-linux `script`, which makes a pty. */
function onTerminal(cwd: string, args: string): { code: number; output: string } {
  const r = spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" ${args}`, "/dev/null"], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
    encoding: "utf8",
  });
  return { code: r.status ?? -1, output: r.stdout };
}

test("on a terminal a run of 20 or more steps shows one progress bar, not a line per step", () => {
  const dir = sqliteProject();
  for (let i = 1; i <= 25; i++) writeFileSync(join(dir, "migrations", `${i}.mjs`), script(i));
  const r = onTerminal(dir, "up");
  expect(r.code).toBe(0);
  expect(r.output).toContain("\r[------------------------] 0/25 upgrade r00000000001");
  expect(r.output).toContain("\r[########################] 25/25 done");
  expect(r.output).not.toContain("✓ upgrade");
  expect(r.output).toContain("Done: 25 step(s); the database is at r00000000025.");
  // A short run on the same terminal prints each step.
  const down = onTerminal(dir, "down -2");
  expect(down.output).toContain("✓ downgrade r00000000025");
  expect(down.output).not.toContain("[#");
});

test("--quiet shows no progress at all, on a terminal or not", () => {
  const dir = sqliteProject();
  for (let i = 1; i <= 25; i++) writeFileSync(join(dir, "migrations", `${i}.mjs`), script(i));
  const r = onTerminal(dir, "up -q");
  expect(r.code).toBe(0);
  expect(r.output).toBe("");
  const down = onTerminal(dir, "down -2 --quiet");
  expect(down.code).toBe(0);
  expect(down.output).toBe("");
});
