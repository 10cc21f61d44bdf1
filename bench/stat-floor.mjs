#!/usr/bin/env node
// The floor of a graph command that sees every edit: a Node process that lists a migrations
// directory and lstat's every file in it, and does nothing else (no header read, no graph).
// graph.mjs times it beside mig and Alembic: `node bench/stat-floor.mjs <dir>`.
import { lstatSync, readdirSync } from "node:fs";

const dir = process.argv[2] ?? "migrations";
let newest = 0;
for (const name of readdirSync(dir)) newest = Math.max(newest, lstatSync(`${dir}/${name}`).mtimeMs);
process.stdout.write(`${newest}\n`);
