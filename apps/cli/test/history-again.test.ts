import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { aheadEnv } from "./clock-ahead.js";
import { mig, tempDir } from "./run-cli.js";

const HOUR = 3_600_000;

/** Writes a file `age` ms old; mig runs with its clock ahead (aheadEnv), past the racy window. */
function write(path: string, text: string, age = HOUR): void {
  writeFileSync(path, text);
  const t = new Date(Date.now() - age);
  utimesSync(path, t, t);
}

const sql = (rev: string, down: string, message: string) =>
  `-- revision: ${rev}\n-- down_revision: ${down}\n-- message: ${message}\n-- migrate:up\nSELECT 1;\n`;

describe("history printed again", () => {
  test("a second run prints the same, and an edited script shows at once", () => {
    const root = tempDir();
    mkdirSync(join(root, "node_modules"));
    const dir = join(root, "migrations");
    mkdirSync(dir);
    write(join(dir, "1_aaaa.sql"), sql("aaaa", "none", "one"));
    write(join(dir, "2_bbbb.sql"), sql("bbbb", "aaaa", "two"));
    write(join(root, "mig.config.json"), JSON.stringify({ url: "sqlite:./app.db" }));
    const old = new Date(Date.now() - HOUR);
    utimesSync(dir, old, old);

    const plain = "aaaa -> bbbb (head), two\n<base> -> aaaa, one\n";
    for (let run = 0; run < 2; run++) {
      expect(mig(root, ["history"], aheadEnv()).stdout).toBe(plain);
      const verbose = mig(root, ["history", "-v"], aheadEnv()).stdout;
      expect(verbose).toContain(`Rev: bbbb (head)\nParent: aaaa\nPath: ${join(dir, "2_bbbb.sql")}`);
      expect(verbose).toContain("\n    two\n");
    }

    // The same size, a new mtime: what an editor's quick fix of a typo looks like.
    write(join(dir, "2_bbbb.sql"), sql("bbbb", "aaaa", "TWO"), HOUR / 2);
    expect(mig(root, ["history"], aheadEnv()).stdout).toBe(
      "aaaa -> bbbb (head), TWO\n<base> -> aaaa, one\n",
    );
    expect(mig(root, ["history", "-v"], aheadEnv()).stdout).toContain("\n    TWO\n");
    // A new script, and a range (never kept): both read the scripts.
    write(join(dir, "3_cccc.sql"), sql("cccc", "bbbb", "three"), HOUR / 2);
    expect(mig(root, ["history"], aheadEnv()).stdout).toBe(
      "bbbb -> cccc (head), three\naaaa -> bbbb, TWO\n<base> -> aaaa, one\n",
    );
    expect(mig(root, ["history", "-r", "bbbb:"], aheadEnv()).stdout).toBe(
      "bbbb -> cccc (head), three\naaaa -> bbbb, TWO\n",
    );
  });

  test("a node run with deprecation warnings on prints none, and still sees an edit", () => {
    const root = tempDir();
    mkdirSync(join(root, "node_modules"));
    const dir = join(root, "migrations");
    mkdirSync(dir);
    write(join(dir, "1_aaaa.sql"), sql("aaaa", "none", "one"));
    write(join(root, "mig.config.json"), JSON.stringify({ url: "sqlite:./app.db" }));
    const old = new Date(Date.now() - HOUR);
    utimesSync(dir, old, old);
    const env = aheadEnv("--pending-deprecation --throw-deprecation");
    for (let run = 0; run < 2; run++) {
      expect(mig(root, ["heads"], env)).toMatchObject({
        code: 0,
        stdout: "aaaa (head)\n",
        stderr: "",
      });
    }
    write(join(dir, "1_aaaa.sql"), sql("aaab", "none", "one"), HOUR / 2);
    expect(mig(root, ["heads"], env)).toMatchObject({
      code: 0,
      stdout: "aaab (head)\n",
      stderr: "",
    });
  });
});
