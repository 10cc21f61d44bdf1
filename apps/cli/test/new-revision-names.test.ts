import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

const scripts = (dir: string) => readdirSync(join(dir, "migrations")).sort();
const errorLines = (stderr: string) => stderr.slice(stderr.indexOf("Error:")).trimEnd().split("\n");

describe("a new revision's id and labels are ones targets can name", () => {
  test.each([
    ["head", "Error: Revision id 'head' is a name targets already have."],
    ["base", "Error: Revision id 'base' is a name targets already have."],
    ["Heads", "Error: Revision id 'Heads' is a name targets already have."],
    [
      "a".repeat(33),
      `Error: Revision id '${"a".repeat(33)}' is 33 characters long; the version table holds 32.`,
    ],
  ])("--rev-id %s: exit 2, nothing written", (id, message) => {
    const dir = sqliteProject();
    const r = mig(dir, ["revision", "-m", "x", "--rev-id", id]);
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr)[0]).toBe(message);
    expect(scripts(dir)).toEqual([]);
  });

  test("a 32-character id is fine", () => {
    const dir = sqliteProject();
    expect(mig(dir, ["revision", "-m", "x", "--rev-id", "b".repeat(32)]).code).toBe(0);
    expect(mig(dir, ["up"]).code).toBe(0);
    expect(mig(dir, ["current"]).stdout).toBe(`${"b".repeat(32)} (head)\n`);
  });

  test.each(["head", "a@b", "x-y", "+1", "a b", "12", ""])(
    "--branch-label %j: exit 2, nothing written",
    (label) => {
      const dir = sqliteProject();
      const r = mig(dir, ["revision", "-m", "x", "--branch-label", label]);
      expect(r.code, r.stderr).toBe(2);
      expect(errorLines(r.stderr)).toEqual([
        `Error: Branch label '${label}' cannot be used in a target.`,
        "Use letters, digits and underscores (not digits alone), and not base, head, heads or current.",
      ]);
      expect(scripts(dir)).toEqual([]);
    },
  );

  test("merge of a revision and its own ancestor: exit 2, nothing written", () => {
    const dir = sqliteProject();
    expect(mig(dir, ["revision", "-m", "a", "--rev-id", "aaaa1111"]).code).toBe(0);
    expect(
      mig(dir, ["revision", "-m", "b", "--rev-id", "bbbb2222", "--branch-label", "shop_cart"]).code,
    ).toBe(0);
    const before = scripts(dir);
    const r = mig(dir, ["merge", "aaaa1111", "bbbb2222"]);
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr)[0]).toMatch(
      /^Error: Requested revision \w+ overlaps with other requested revisions \w+\.$/,
    );
    expect(scripts(dir)).toEqual(before);
    expect(mig(dir, ["heads"]).stdout).toBe("bbbb2222 (shop_cart) (head)\n");
  });
});
