import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { mapBundleStack, registerBundleLines } from "./bundle-lines.js";
import { scriptLocation } from "./script-location.js";

const script = join(process.cwd(), "migrations", "0002_add.ts");
const withStack = (stack: string) => Object.assign(new Error("boom"), { stack });

test.each([
  [
    "a TypeScript frame",
    `Error: boom\n    at upgrade (${script}:14:11)\n    at async x (/a.js:1:1)`,
  ],
  [
    "a file URL with a cache-busting query",
    `Error: boom\n    at upgrade (${pathToFileURL(script).href}?v=1712.5:14:3)`,
  ],
  ["an anonymous frame", `Error: boom\n    at ${script}:14:3`],
])("names the script's line from %s", (_, stack) => {
  expect(scriptLocation(withStack(stack), script)).toBe(join("migrations", "0002_add.ts:14"));
});

test("only the file when no frame points into the script", () => {
  const error = withStack(
    "Error: relation does not exist\n    at Parser.parse (/x/pg/parser.js:10:2)",
  );
  expect(scriptLocation(error, script)).toBe(join("migrations", "0002_add.ts"));
  expect(scriptLocation("not an error", script)).toBe(join("migrations", "0002_add.ts"));
});

test("an absolute path outside the working directory", () => {
  expect(
    scriptLocation(withStack("Error\n    at upgrade (/elsewhere/m.ts:3:1)"), "/elsewhere/m.ts"),
  ).toBe("/elsewhere/m.ts:3");
});

test("a frame in a run bundle names the script's own line", () => {
  const bundle = join(process.cwd(), "node_modules", ".cache", "mig", "bundle-test.js");
  const other = join(process.cwd(), "migrations", "0001_a.ts");
  registerBundleLines(bundle, { starts: [4, 20], counts: [14, 10], paths: [other, script] });
  const error = withStack(`Error: boom\n    at upgrade (${bundle}:23:5)\n    at x (${bundle}:9:1)`);
  expect(scriptLocation(error, script)).toBe(join("migrations", "0002_add.ts:4"));
  expect(scriptLocation(error, other)).toBe(join("migrations", "0001_a.ts:6"));
  expect(mapBundleStack(error.stack!)).toBe(
    `Error: boom\n    at upgrade (${script}:4:5)\n    at x (${other}:6:1)`,
  );
});

test("a bundle's line map given as a function is made once, when a stack is mapped", () => {
  const bundle = join(process.cwd(), "node_modules", ".cache", "mig", "bundle-lazy.js");
  let made = 0;
  registerBundleLines(bundle, () => {
    made++;
    return { starts: [4], counts: [14], paths: [script] };
  });
  expect(made).toBe(0);
  const error = withStack(`Error: boom\n    at upgrade (${bundle}:7:5)`);
  expect(scriptLocation(error, script)).toBe(join("migrations", "0002_add.ts:4"));
  expect(mapBundleStack(error.stack!)).toBe(`Error: boom\n    at upgrade (${script}:4:5)`);
  expect(made).toBe(1);
});
