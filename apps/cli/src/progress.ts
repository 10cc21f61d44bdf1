import type { RunEvents, StepInfo, StepResult } from "@mig/core";
import type { Output } from "./output.js";
import { markProgressLine } from "./progress-line.js";

const BAR_WIDTH = 24;
/** Runs shorter than this print a line per step; longer ones on a terminal get a bar. */
const BAR_THRESHOLD = 20;

const arrow = (s: StepInfo) =>
  s.kind === "stamp" ? "stamp" : s.direction === "up" ? "upgrade" : "downgrade";
/** What a step shows: a stamp also says what it replaced. */
const label = (s: StepInfo) =>
  s.kind === "stamp" && s.from && s.from.length > 0
    ? `${s.revision} (was ${s.from.join(", ")})`
    : s.revision;

/** Prints each step as it starts and ends, with its time, on stderr; a bar for long runs. */
export function progressEvents(out: Output): RunEvents {
  // --quiet prints none of it: no line is built per step.
  if (out.options.quiet) return {};
  const tty = process.stderr.isTTY === true && !out.options.quiet && !out.options.json;
  const c = out.c;
  let started = 0;
  return {
    onLockWait(wait) {
      const limit =
        Number.isFinite(wait.timeoutMs) && wait.timeoutMs >= 0
          ? `up to ${wait.timeoutMs / 1000} s`
          : "no limit";
      out.info(
        `${c.yellow("…")} Waiting for the migration lock${wait.holder ? ` (${wait.holder})` : ""}, ${limit}; another run is migrating this database.`,
      );
    },
    onStepStart(step) {
      started = performance.now();
      if (tty && step.total >= BAR_THRESHOLD) {
        const done = Math.round((step.index / step.total) * BAR_WIDTH);
        const bar = `${"#".repeat(done)}${"-".repeat(BAR_WIDTH - done)}`;
        process.stderr.write(
          `\r[${bar}] ${step.index}/${step.total} ${arrow(step)} ${step.revision}\x1b[K`,
        );
        markProgressLine(true);
        return;
      }
      out.info(
        `${c.cyan("→")} ${arrow(step)} ${label(step)}${step.message ? ` ${c.dim(step.message)}` : ""} ...`,
      );
    },
    onStepEnd(_result: StepResult, step) {
      const ms = (performance.now() - started).toFixed(0);
      if (tty && step.total >= BAR_THRESHOLD) {
        if (step.index + 1 === step.total) {
          process.stderr.write(
            `\r[${"#".repeat(BAR_WIDTH)}] ${step.total}/${step.total} done\x1b[K\n`,
          );
          markProgressLine(false);
        }
        return;
      }
      out.info(`${c.green("✓")} ${arrow(step)} ${label(step)} ${c.dim(`(${ms} ms)`)}`);
    },
  };
}
