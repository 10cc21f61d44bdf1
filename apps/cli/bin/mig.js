#!/usr/bin/env node
// A committed stub so the bin link exists right after install, before dist/ is built.
// `--version` answers here, without loading the rest of mig.
const args = process.argv.slice(2);
// A reader that goes away (`mig history | head`, `mig up 2>&1 | head`, a log collector that
// stops) closes the pipe early: that is not an error, and it must not stop a run half way.
// What is written to that stream from then on is dropped; the command goes on, and its exit
// code is its own.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
    throw error;
  });
}
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const { readFileSync } = await import("node:fs");
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${pkg.version}\n`);
} else {
  // Node 22.1+ keeps V8's compiled code for mig's modules between runs (a no-op on Node 20).
  const { default: module } = await import("node:module");
  module.enableCompileCache?.();
  const { main } = await import("../dist/cli.js");
  process.exitCode = await main(args);
  // With nothing left to run, leave now: Node's own exit first tears the heap down, which
  // costs a no-op `mig up` ~5% of its time. Anything still pending (output on its way, a
  // hook's unawaited request or timer) gets the ordinary exit, which waits for it.
  const idle = process
    .getActiveResourcesInfo()
    .every((kind) => kind === "PipeWrap" || kind === "TTYWrap" || kind === "CloseReq");
  if (idle && process.stdout.writableLength === 0 && process.stderr.writableLength === 0)
    process.exit();
}
