#!/usr/bin/env node
// Adds up the vitest JSON reports of every package and prints one closing line,
// `N passed, N failed`, exiting non-zero on any failure, any skip, or no test at all.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The repository root, or another tree laid out like it (the script's own tests use one).
const root = process.argv[2] ?? new URL("..", import.meta.url).pathname;
// Every package with a test script must leave a report: a missing one means its tests
// never ran (a crash, or a build failure turbo went on past), which is a failure.
const reports = [];
for (const group of ["packages", "apps", "examples", "tools"]) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const manifest = join(dir, name, "package.json");
    if (!existsSync(manifest)) continue;
    const hasTests = Boolean(JSON.parse(readFileSync(manifest, "utf8")).scripts?.test);
    const file = join(dir, name, ".vitest-report.json");
    if (hasTests || existsSync(file)) reports.push({ name: `${group}/${name}`, file });
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const { name, file } of reports) {
  if (!existsSync(file)) {
    console.error(`${name}: no test report; its tests did not run (see the output above)`);
    failed += 1;
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    console.error(`${name}: unreadable test report ${file}`);
    failed += 1;
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed to load counts as a failure even when it reported no tests.
  const brokenFiles = (report.testResults ?? []).filter(
    (r) => r.status === "failed" && (r.assertionResults ?? []).length === 0,
  ).length;
  console.error(`${name}: ${p} passed, ${f + brokenFiles} failed${s ? `, ${s} skipped` : ""}`);
  passed += p;
  failed += f + brokenFiles;
  skipped += s;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0) process.exit(1);
if (skipped > 0) {
  console.error("Skipped tests count as failures: every database test must run.");
  process.exit(1);
}
if (passed === 0) {
  console.error("No test ran.");
  process.exit(1);
}
