#!/usr/bin/env node
// A committed stub so the bin link exists right after install, before dist/ is built.
import { main } from "../dist/cli.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
