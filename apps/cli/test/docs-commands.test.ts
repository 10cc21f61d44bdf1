import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { mig, tempDir } from "./run-cli.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The user-facing Markdown: the README, docs/, and each package's and example's README. */
function docs(): string[] {
  const files = ["README.md", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)];
  for (const group of ["packages", "apps", "examples"]) {
    for (const name of readdirSync(join(ROOT, group))) {
      if (existsSync(join(ROOT, group, name, "README.md")))
        files.push(`${group}/${name}/README.md`);
    }
  }
  return files.filter((f) => f.endsWith(".md"));
}

/** `mig <word>` inside code spans and code blocks: what a reader would type. */
function mentionedCommands(text: string): string[] {
  const code = [
    ...[...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]!),
    ...[...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!),
  ];
  return code.flatMap((c) =>
    [...c.matchAll(/(?:^|[\s;&|(])mig ([a-z][a-z-]*)/gm)].map((m) => m[1]!),
  );
}

describe("the docs name only commands that exist", () => {
  test("every `mig <command>` in the Markdown is a command of `mig --help`", () => {
    const help = mig(tempDir(), ["--help"]).stdout;
    const commands = new Set(
      help
        .slice(help.indexOf("Commands:"))
        .split("\n")
        .slice(1)
        .map((l) => /^ {2}([a-z-]+)/.exec(l)?.[1])
        .filter((c): c is string => c !== undefined && c !== "help"),
    );
    expect(commands).toContain("history");
    const unknown = docs().flatMap((file) =>
      mentionedCommands(readFileSync(join(ROOT, file), "utf8"))
        .filter((c) => !commands.has(c))
        .map((c) => `${file}: mig ${c}`),
    );
    expect(unknown).toEqual([]);
  });

  test("init's next step runs the local mig through npx, as the Install section does", () => {
    const root = tempDir();
    const r = mig(root, ["init", "db"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Next: cd db && npx --no-install mig revision -m "first migration"');
    expect(mig(join(root, "db"), ["revision", "--help"]).stdout).toContain("--autogenerate");
  });
});
