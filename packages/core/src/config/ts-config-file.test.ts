import { describe, expect, test } from "vitest";
import { importsOnlyPackages } from "./ts-config-file.js";

describe("importsOnlyPackages: which TypeScript configs load without the hooks", () => {
  test("package and node: imports, or none", () => {
    expect(
      importsOnlyPackages('import { defineConfig } from "@mig/core";\nexport default {};'),
    ).toBe(true);
    expect(importsOnlyPackages("import { join } from 'node:path';\nexport default {};")).toBe(true);
    expect(importsOnlyPackages("export default { url: process.env.DATABASE_URL };")).toBe(true);
  });

  test("anything that would resolve from the cache instead of the config's directory", () => {
    for (const code of [
      'import { db } from "./db.js";',
      'export * from "../shared";',
      'import "/abs/setup.js";',
      'import x from "#config";',
      'import x from "file:///x.js";',
      'const m = await import("./later.js");',
      "const url = import.meta.url;",
      'const x = require("./x");',
    ]) {
      expect(importsOnlyPackages(code), code).toBe(false);
    }
  });
});
