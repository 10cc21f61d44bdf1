#!/usr/bin/env node
// Type-checks every ```ts block of the READMEs and docs/*.md against the built packages,
// with the settings TypeScript 5.9's `tsc --init` writes (strict, exactOptionalPropertyTypes,
// noUncheckedIndexedAccess, verbatimModuleSyntax). A block that is deliberately partial is
// skipped when the line before it is `<!-- no-typecheck -->`. Needs `pnpm run build` first.
// Prints `doc examples: N type-checked, N failed (N skipped)` and exits 1 on any error.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SKIP = "<!-- no-typecheck -->";

/** README.md, docs/*.md and each package's README. */
function markdownFiles() {
  const files = ["README.md"];
  const list = (dir, test) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter(test)
          .map((name) => join(dir, name))
      : [];
  files.push(...list("docs", (n) => n.endsWith(".md")));
  for (const parent of ["packages", "apps", "examples"]) {
    for (const dir of list(parent, () => true)) {
      if (existsSync(join(root, dir, "README.md"))) files.push(join(dir, "README.md"));
    }
  }
  return files;
}

/** The ```ts blocks of a file, with the line each starts on. */
function blocks(file) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i])) continue;
    let prev = i - 1;
    while (prev >= 0 && lines[prev].trim() === "") prev--;
    const skip = prev >= 0 && lines[prev].trim() === SKIP;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    found.push({ file, line: start + 1, code: lines.slice(start, end).join("\n"), skip });
    i = end;
  }
  return found;
}

const all = markdownFiles().flatMap(blocks);
const checked = all.filter((b) => !b.skip);
// Inside the repository, so `@types/node` and the packages' own dependencies resolve.
mkdirSync(join(root, "node_modules", ".cache"), { recursive: true });
const dir = mkdtempSync(join(root, "node_modules", ".cache", "mig-doc-examples-"));
const names = checked.map((b, i) => {
  const name = `${String(i).padStart(3, "0")}-${b.file.replace(/[^a-z0-9]+/gi, "-")}.ts`;
  writeFileSync(join(dir, name), `${b.code}\n`);
  return name;
});
const packages = {
  "@mig/core": "packages/core",
  "@mig/cli": "apps/cli",
  "@mig/sqlite": "packages/sqlite",
  "@mig/postgres": "packages/postgres",
  "@mig/mysql": "packages/mysql",
  "@mig/dialect-tests": "packages/dialect-tests",
};
const paths = Object.fromEntries(
  Object.entries(packages).map(([name, pkg]) => [name, [join(root, pkg, "dist", "index.d.ts")]]),
);
writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
writeFileSync(
  join(dir, "tsconfig.json"),
  JSON.stringify(
    {
      compilerOptions: {
        module: "nodenext",
        target: "esnext",
        lib: ["esnext"],
        types: ["node"],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        noUncheckedSideEffectImports: true,
        moduleDetection: "force",
        skipLibCheck: true,
        noEmit: true,
        paths,
      },
      files: names,
    },
    null,
    2,
  ),
);

const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const run = spawnSync(process.execPath, [tsc, "-p", ".", "--pretty", "false"], {
  cwd: dir,
  encoding: "utf8",
});
const output = `${run.stdout}${run.stderr}`;
rmSync(dir, { recursive: true, force: true });
const failedBlocks = new Set();
for (const line of output.split("\n")) {
  const m = /^([^(]+)\((\d+),(\d+)\): (.*)$/.exec(line);
  const index = m ? names.indexOf(m[1]) : -1;
  if (!m || index < 0) {
    if (line.trim()) console.error(line);
    continue;
  }
  const block = checked[index];
  failedBlocks.add(index);
  console.error(`${block.file}:${block.line + Number(m[2]) - 1}:${m[3]}: ${m[4]}`);
}
if (run.status !== 0 && failedBlocks.size === 0) failedBlocks.add(-1);
const skipped = all.length - checked.length;
console.log(
  `doc examples: ${checked.length - failedBlocks.size} type-checked, ${failedBlocks.size} failed` +
    (skipped ? ` (${skipped} marked ${SKIP})` : ""),
);
process.exit(failedBlocks.size > 0 ? 1 : 0);
