import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { mig, sqliteProject } from "./run-cli.js";

// The exit code comes from the error itself (`usage: true` means 2), not from a list of codes.

const script = (rev: string, down: string | null, extra = "") => `/** ${rev} */
export const revision = "${rev}";
export const downRevision = ${down === null ? "null" : JSON.stringify(down)};
export const branchLabels = [${extra}];
export const dependsOn = [];
export async function upgrade(op) {}
export async function downgrade(op) {}
`;

function project(): string {
  const dir = sqliteProject();
  writeFileSync(join(dir, "migrations", "0001_a.ts"), script("aaaa00000000", null, '"main"'));
  writeFileSync(join(dir, "migrations", "0002_b.ts"), script("bbbb00000000", "aaaa00000000"));
  return dir;
}

describe("exit codes: 2 for what the command was given, 1 for what went wrong", () => {
  const usage: Array<[string, string[], RegExp]> = [
    [
      "a --rev-id with illegal characters",
      ["revision", "-m", "x", "--rev-id", "a-b:c"],
      /Revision id 'a-b:c' is not allowed/,
    ],
    [
      "a --rev-id that is taken",
      ["revision", "-m", "x", "--rev-id", "aaaa00000000"],
      /declared more than once/,
    ],
    [
      "a --branch-label that is taken",
      ["revision", "-m", "x", "--branch-label", "main"],
      /Branch label 'main' is already used/,
    ],
    [
      "a --depends-on that names nothing",
      ["revision", "-m", "x", "--depends-on", "zzzz9999"],
      /No such revision or branch 'zzzz9999'/,
    ],
    [
      "a --version-path that is not a location",
      ["revision", "-m", "x", "--version-path", "elsewhere"],
      /is not one of the version locations/,
    ],
  ];
  test.each(usage)("%s exits 2", (_, args, message) => {
    const r = mig(project(), args);
    expect(r.stderr).toMatch(message);
    expect(r.code, r.stderr).toBe(2);
  });

  test("a revision id in a script's header that is not allowed is a failure (1), naming it", () => {
    const dir = sqliteProject();
    writeFileSync(join(dir, "migrations", "0001_a.ts"), script("a-b:c", null));
    const r = mig(dir, ["heads"]);
    expect(r.stderr).toContain("Revision id 'a-b:c' is not allowed");
    expect(r.code).toBe(1);
  });

  test("a failing migration exits 1, and --json says the same with the same code", () => {
    const dir = sqliteProject();
    writeFileSync(
      join(dir, "migrations", "0001_a.ts"),
      script("aaaa00000000", null).replace(
        "upgrade(op) {}",
        "upgrade(op) { await op.execute('SELEC 1'); }",
      ),
    );
    expect(mig(dir, ["up"]).code).toBe(1);
    const json = mig(dir, ["up", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: "migration_failed" } });
  });

  test("a command's misspelt option points at that command's help; an unknown command at mig's", () => {
    const dir = project();
    const option = mig(dir, ["up", "--bogus"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe("error: unknown option '--bogus'\n(run mig up --help for usage)\n");
    expect(mig(dir, ["history", "-r"]).stderr).toContain("(run mig history --help for usage)");
    const command = mig(dir, ["frob"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("(run mig --help for usage)");
  });

  test("the CLI keeps no list of usage codes", async () => {
    const { readFileSync } = await import("node:fs");
    const cli = readFileSync(new URL("../src/cli.ts", import.meta.url), "utf8");
    expect(cli).not.toMatch(/USAGE_CODES|"invalid_url"|"unknown_revision"/);
  });
});
