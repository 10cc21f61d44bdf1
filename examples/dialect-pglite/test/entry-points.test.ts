import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

/** The published entry points a third-party dialect may import, and nothing deeper. */
const ALLOWED = new Set([
  "@mig/core",
  "@mig/core/dialect",
  "@mig/postgres",
  "@electric-sql/pglite",
]);

/** Every module specifier in `import ... from "x"`, `export ... from "x"` and `import("x")`. */
function specifiers(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g);
  return [...found].map((m) => m[1]!);
}

// dependency-cruiser (`pnpm run lint:deps`) catches a relative path into another package's
// src/; this also catches package subpaths (`@mig/postgres/dist/...`) and relative paths out
// of this package, which resolve into excluded or unexported files it does not report.
test("src/ imports only published entry points, its own files and node: builtins", () => {
  const bad: string[] = [];
  for (const file of readdirSync(srcDir).filter((f) => f.endsWith(".ts"))) {
    for (const spec of specifiers(readFileSync(srcDir + file, "utf8"))) {
      const ok =
        spec.startsWith("node:") ||
        (spec.startsWith("./") && !spec.includes("..")) ||
        ALLOWED.has(spec);
      if (!ok) bad.push(`${file}: ${spec}`);
    }
  }
  expect(bad).toEqual([]);
});

test("the packages it imports are the ones package.json declares", () => {
  expect(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).sort()).toEqual([
    "@electric-sql/pglite",
    "@mig/core",
    "@mig/postgres",
  ]);
});

test("the specifier reader sees every import form", () => {
  const source = `import { a } from "@mig/postgres/dist/x.js";\nexport * from '../../x';\nawait import("y");\nimport "z";`;
  expect(specifiers(source)).toEqual(["@mig/postgres/dist/x.js", "../../x", "y", "z"]);
});
