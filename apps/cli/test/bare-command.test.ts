import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, type Run, sqliteProject, tableScript } from "./run-cli.js";

// A command given alone (`mig up`) runs without commander; with anything else on the line
// (`mig --no-color up`, the same request) commander parses it. Both must behave the same.

/** a1 <- b2, and with `side` a second head c3 <- a1. */
function project(side = true): string {
  const dir = sqliteProject();
  writeFileSync(join(dir, "migrations", "a1_first.mjs"), tableScript("a1", null, "first"));
  writeFileSync(join(dir, "migrations", "b2_second.mjs"), tableScript("b2", "a1", "second"));
  if (side) writeFileSync(join(dir, "migrations", "c3_side.mjs"), tableScript("c3", "a1", "side"));
  return dir;
}

/** A run with its project directory and timings blanked, to compare two projects' runs. */
const shown = (run: Run, dir: string) => {
  const plain = (text: string) => text.replaceAll(dir, "<dir>").replace(/\(\d+ ms\)/g, "(n ms)");
  return { code: run.code, stdout: plain(run.stdout), stderr: plain(run.stderr) };
};

describe("a command given alone runs as commander would run it", () => {
  test("the read commands, and up at two heads, print the same alone as parsed", () => {
    const dir = project();
    const up = mig(dir, ["up", "heads"]);
    expect(up.code, up.stderr).toBe(0);
    for (const name of ["current", "status", "heads", "branches", "history", "log", "up"]) {
      const alone = mig(dir, [name]);
      expect(shown(alone, dir), name).toEqual(shown(mig(dir, ["--no-color", name]), dir));
      // `up` alone stops at two heads, with its fix, as the parsed run does.
      expect(alone.code === 0 || name === "up", `${name}: ${alone.stderr}`).toBe(true);
    }
    expect(mig(dir, ["up"]).stderr).toMatch(/heads/i);
    expect(mig(dir, ["current"]).stdout).toMatch(/^b2 \(head\)$/m);
  });

  test("a fresh database: up and upgrade alone apply the migrations and stamp the head", () => {
    for (const name of ["up", "upgrade"]) {
      const bare = project(false);
      const parsed = project(false);
      const alone = mig(bare, [name]);
      expect(alone.code, alone.stderr).toBe(0);
      expect(shown(alone, bare)).toEqual(shown(mig(parsed, ["--no-color", name]), parsed));
      expect(mig(bare, ["current"]).stdout).toMatch(/^b2 \(head\)$/m);
    }
  });

  test("up [target] --sql alone prints the same SQL as parsed, and leaves the database alone", () => {
    const dir = project(false);
    for (const name of ["up", "upgrade"]) {
      const alone = mig(dir, [name, "--sql"]);
      expect(alone.code, alone.stderr).toBe(0);
      expect(alone.stdout).toContain('CREATE TABLE "mig_version"');
      expect(alone.stdout).toContain("-- Running upgrade b2");
      expect(shown(alone, dir)).toEqual(shown(mig(dir, ["--no-color", name, "--sql"]), dir));
    }
    // A target, before or after --sql; a start:end range; one that is not there.
    for (const args of [
      ["up", "a1", "--sql"],
      ["up", "--sql", "heads"],
      ["upgrade", "a1:b2", "--sql"],
      ["up", "zz", "--sql"],
    ]) {
      expect(shown(mig(dir, args), dir), args.join(" ")).toEqual(
        shown(mig(dir, ["--no-color", ...args]), dir),
      );
    }
    expect(mig(dir, ["up", "a1", "--sql"]).stdout).not.toContain("b2");
    expect(mig(dir, ["up", "zz", "--sql"]).code).not.toBe(0);
    // At two heads it stops with the same message as the parsed run.
    const two = project();
    expect(shown(mig(two, ["up", "--sql"]), two)).toEqual(
      shown(mig(two, ["--no-color", "up", "--sql"]), two),
    );
    expect(mig(two, ["up", "--sql"]).code).not.toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe("base (no migrations applied)\n");
  });

  test("a failure prints the same one or two lines and exit code, without a stack trace", () => {
    for (const name of ["up", "current", "check", "heads"]) {
      const dir = project();
      writeFileSync(join(dir, "mig.config.mjs"), "export default { url: 42 };\n");
      const alone = mig(dir, [name]);
      expect(alone.code, name).not.toBe(0);
      expect(alone.stderr, name).not.toMatch(/\n\s+at /);
      expect(shown(alone, dir), name).toEqual(shown(mig(dir, ["--no-color", name]), dir));
    }
  });

  test("show with revisions only prints the same as parsed; an option goes to the parser", () => {
    const dir = project();
    for (const args of [
      ["show", "b2"],
      ["show", "a1", "c3"],
      ["show", "head"],
      ["show"],
      ["show", "zz"],
    ]) {
      const alone = mig(dir, args);
      expect(shown(alone, dir), args.join(" ")).toEqual(
        shown(mig(dir, ["--no-color", ...args]), dir),
      );
    }
    expect(mig(dir, ["show", "b2"]).stdout).toContain("Rev: b2 (head)\nParent: a1\n");
    expect(mig(dir, ["show", "zz"]).code).toBe(2);
    expect(mig(dir, ["show", "--json", "b2"]).stdout).toContain('"revision": "b2"');
    expect(mig(dir, ["show", "--bogus"]).stderr).toMatch(/unknown option/);
  });

  test("a word that is not a command goes to the parser", () => {
    const dir = project();
    for (const word of ["constructor", "toString", "hed"]) {
      const run = mig(dir, [word]);
      expect(run.code, word).toBe(2);
      expect(run.stderr, word).toMatch(/unknown command/);
    }
  });
});
