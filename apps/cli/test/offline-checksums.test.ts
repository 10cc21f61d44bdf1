import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { bundleProject as project, writeFiles as write } from "./bundle-project.js";
import { aheadEnv } from "./clock-ahead.js";
import { mig as migNow } from "./run-cli.js";

// mig with its clock ahead (clock-ahead.cjs): the files the test wrote count as settled, so
// the runs cache what they learn of them, as they would of a real project's scripts.
const mig = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  migNow(cwd, args, { ...aheadEnv(), ...env });

// `up --sql` takes each script's checksum (in the applied-log rows it writes) from the run's
// cached bundle, which was built from the same text: no checksum cache is read or written.

const script = (rev: string, down: string | null, sql: string) => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export async function upgrade(op: { execute(sql: string): unknown }): Promise<void> {
  op.execute("${sql}");   
}
export async function downgrade(op: unknown): Promise<void> {}

`;

// As docs/applied-log.md defines it: lines' trailing blanks and trailing blank lines ignored.
const checksum = (text: string) => {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trimEnd());
  while (lines.at(-1) === "") lines.pop();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
};

/** The checksum in each applied-log row the SQL writes, by revision. */
function loggedChecksums(dir: string): Record<string, string> {
  const r = mig(dir, ["up", "--sql"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const rows = r.stdout.matchAll(
    /INSERT INTO "mig_log" \([^)]*\) VALUES \('(\w+)', 'up', '(\w+)'/g,
  );
  return Object.fromEntries([...rows].map((m) => [m[1]!, m[2]!]));
}

describe("up --sql writes each script's checksum of the file as it is", () => {
  test("from the bundle, fresh after an edit, without a checksum cache", () => {
    const a = script("aaaa00000000", null, "SELECT 1");
    const b = script("bbbb00000000", "aaaa00000000", "SELECT 2");
    const p = project({ "migrations/0001_a.ts": a, "migrations/0002_b.ts": b });
    const expected = { aaaa00000000: checksum(a), bbbb00000000: checksum(b) };
    expect(loggedChecksums(p)).toEqual(expected);
    // Again from the cached bundle.
    expect(loggedChecksums(p)).toEqual(expected);

    // Same size, new text: the new checksum.
    const edited = b.replace("SELECT 2", "SELECT 3");
    write(p, { "migrations/0002_b.ts": edited });
    expect(loggedChecksums(p)).toEqual({ ...expected, bbbb00000000: checksum(edited) });

    const cache = join(p, "node_modules", ".cache", "mig");
    expect(existsSync(cache)).toBe(true);
    expect(readdirSync(cache).filter((f) => f.startsWith("checksums-"))).toEqual([]);
  });

  test("a SQL script's checksum too", () => {
    const a = script("aaaa00000000", null, "SELECT 1");
    const b =
      "-- revision: bbbb00000000\n-- down_revision: aaaa00000000\n\n-- migrate:up\nSELECT 2;\n\n-- migrate:down\n";
    const p = project({ "migrations/0001_a.ts": a, "migrations/0002_b.sql": b });
    expect(loggedChecksums(p)).toEqual({ aaaa00000000: checksum(a), bbbb00000000: checksum(b) });
  });
});
