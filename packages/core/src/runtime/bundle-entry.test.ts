import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { bundleEntryCode } from "./bundle-entry.js";

const root = mkdtempSync(join(tmpdir(), "mig-bundle-entry-"));
mkdirSync(join(root, "node_modules"));
const file = join(root, "0001_a.ts");
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("a script becomes a function body: imports as require calls, lines kept", async () => {
  const entry = await bundleEntryCode(
    file,
    'import def, { a } from "./helper.js";\nimport * as core from "@mig/core";\nimport type { X } from "y";\n\nexport async function upgrade(op: X) {\n  throw new Error(a + core.x);\n}\n',
  );
  expect(entry?.requires).toEqual(["./helper.js", "@mig/core"]);
  expect(entry?.code.split("\n")[5]).toMatch(/throw new Error\(_\w+\.a \+ core\.x\)/);
});

test.each([
  ["import.meta", "export const here = import.meta.url;"],
  ["a dynamic import", 'export const m = await import("./x.js");'],
  ["export * from", 'export * from "./x.js";'],
  ["export =", "export = { upgrade() {} };"],
  ["require of its own", 'const fs = require("node:fs");'],
  ["a declared require", "function require() {}"],
  ["exports of its own", "exports.upgrade = () => {};"],
  ["new.target", "export const t = new.target;"],
  ["a sourceURL comment", "//# sourceURL=elsewhere.js"],
  ["a transpiler syntax error", "export const a = ;"],
])("%s: loads on its own", async (_, source) => {
  expect(await bundleEntryCode(file, source)).toBeUndefined();
});
