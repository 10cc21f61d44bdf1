import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { init } from "./init.js";

describe("init where a directory cannot be made", () => {
  const root = () => mkdtempSync(join(tmpdir(), "mig-init-"));

  test("a new directory several levels down is made, as mkdir -p does", () => {
    const dir = join(root(), "a", "b");
    const made = init(dir);
    expect(made.files.every((f) => existsSync(f))).toBe(true);
  });

  test("a path through a file: one plain line naming the directory, nothing written", () => {
    const base = root();
    writeFileSync(join(base, "afile"), "x");
    expect(() => init(join(base, "afile"))).toThrow(
      expect.objectContaining({
        code: "init_failed",
        message: `Cannot create ${join(base, "afile", "migrations")}: a part of that path is a file, not a directory.`,
      }),
    );
  });

  test.runIf(process.platform === "linux")(
    "a place that cannot hold directories (/proc) returns at once",
    () => {
      expect(() => init("/proc/mig-nope")).toThrow(
        "Cannot create /proc/mig-nope: that place cannot hold a directory.",
      );
    },
  );
});
