#!/usr/bin/env node
// The floor of a graph command that sees every edit: a Node process that lstat's every
// script of a migrations directory and does nothing else (no header read, no graph). The
// names come from a list file, as a tool that caches the listing by the directory's mtime
// would have them; without one the directory is read. graph.mjs times it beside mig and
// Alembic: `node bench/stat-floor.mjs <dir> [<names file>]`.
import { lstatSync, readdirSync, readFileSync } from "node:fs";

const dir = process.argv[2] ?? "migrations";
const list = process.argv[3];
const names = list ? readFileSync(list, "utf8").split("\n").filter(Boolean) : readdirSync(dir);
let newest = 0;
for (const name of names) newest = Math.max(newest, lstatSync(`${dir}/${name}`).mtimeMs);
process.stdout.write(`${names.length} ${newest}\n`);
