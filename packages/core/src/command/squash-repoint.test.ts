import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScriptInfo } from "../script/script-directory.js";
import type { Script, ScriptFormat } from "../script/script-info.js";
import { repointChild } from "./squash-repoint.js";

function child(text: string, format: ScriptFormat = "ts"): Script {
  const path = join(mkdtempSync(join(tmpdir(), "mig-repoint-")), `c1.${format}`);
  writeFileSync(path, text);
  const { header } = readScriptInfo(text, format, path);
  return {
    header,
    path,
    fileName: `c1.${format}`,
    format,
    transactional: true,
    size: 0,
    changedMs: 0,
  };
}

const ts = (down: string) =>
  `export const revision = "c1";\n// after a4\nexport const downRevision${down}\nexport async function upgrade() {}\nexport async function downgrade() {}\n`;

describe("repointChild", () => {
  it.each([
    [' = "a4";', ' = "s1";'],
    [" = 'a4'", " = 's1'"],
    [': string | readonly string[] | null = "a4";', ': string | readonly string[] | null = "s1";'],
    [' = ["x1", "a4"] as const;', ' = ["x1", "s1"] as const;'],
    [" = `a4`;", " = `s1`;"],
  ])("changes only the id in downRevision%s", (before, after) => {
    expect(repointChild(child(ts(before)), "a4", "s1")).toBe(ts(after));
  });

  it("changes only the id on a SQL script's down_revision line", () => {
    const sql = (down: string) =>
      `-- revision: c1\n-- down_revision: ${down}\n-- message: after a4\n-- migrate:up\nSELECT 'a4';\n-- migrate:down\n`;
    expect(repointChild(child(sql("x1, a4"), "sql"), "a4", "s1")).toBe(sql("x1, s1"));
  });

  it("refuses a downRevision it cannot rewrite in place", () => {
    const text = `const parent = "a4";\nexport const revision = "c1";\nexport const downRevision = "a4";\nexport async function upgrade() {}\nexport async function downgrade() {}\n`;
    const script = child(text);
    // A header whose re-read does not come out as expected is refused, not guessed.
    expect(() =>
      repointChild({ ...script, header: { ...script.header, downRevisions: ["zz"] } }, "zz", "s1"),
    ).toThrow(/Cannot re-point c1\.ts's downRevision from zz to s1/);
  });
});
