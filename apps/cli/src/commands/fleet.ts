import type { FleetOptions, FleetTarget, TargetStatusResult } from "@mig/core";
import {
  currentAll,
  downgradeAll,
  resolveTargets,
  statusAll,
  upgradeAll,
} from "@mig/core/internal/fleet";
import type { CommandContext } from "../context.js";
import { type FleetVerb, formatRows, targetLine } from "../fleet-lines.js";
import { fleetDisplay } from "../fleet-progress.js";
import { type FleetFlags, fleetSelection } from "../fleet-run.js";
import { countLine, failureLines, fleetJson, summaryTable } from "../fleet-summary.js";
import type { FleetResult, TargetResult } from "../fleet-types.js";
import { INTERRUPTED_EXIT, onStopSignal } from "../interrupt.js";
import type { RunFlags } from "./run.js";

export type FleetRunFlags = RunFlags & FleetFlags;

/** Ctrl-C (or SIGTERM) in a fleet run: the first stops starting targets and interrupts the running ones. */
function onInterrupt(ctx: CommandContext, controller: AbortController): () => void {
  const handler = () => {
    if (controller.signal.aborted) {
      ctx.out.info("Interrupted again: leaving without waiting for the running targets.");
      process.exit(INTERRUPTED_EXIT);
    }
    ctx.out.info("Interrupting: no new target starts; the running ones roll back and stop.");
    controller.abort();
  };
  return onStopSignal(handler);
}

/** How one fleet command runs its targets and names an ended one. */
export interface FleetCommand<R extends TargetResult> {
  readonly line: (result: R) => string;
  readonly run: (
    targets: readonly FleetTarget[],
    options: FleetOptions & CommandContext["project"],
  ) => Promise<FleetResult<R>>;
}

/**
 * Resolves the selected targets (a config or name mistake stops here, before anything runs),
 * runs them with the live display or plain lines on stderr, and returns the result.
 */
export async function runFleet<R extends TargetResult>(
  ctx: CommandContext,
  flags: FleetFlags & { readonly sql?: boolean },
  command: FleetCommand<R>,
): Promise<FleetResult<R>> {
  const selection = fleetSelection(flags, ctx.project);
  const targets = await resolveTargets({ ...ctx.project, select: selection.select });
  const out = ctx.out;
  const display = fleetDisplay(process.stderr, {
    line: (r) => command.line(r as R),
    live: process.stderr.isTTY === true && !out.options.quiet && !out.options.json,
    quiet: out.options.quiet,
    total: targets.length,
  });
  const controller = new AbortController();
  const release = onInterrupt(ctx, controller);
  try {
    return await command.run(targets, {
      ...ctx.project,
      ...(selection.concurrency === undefined ? {} : { concurrency: selection.concurrency }),
      failFast: selection.failFast,
      events: display.events,
      signal: controller.signal,
    });
  } finally {
    display.finish();
    release();
  }
}

/** The summary on stdout (table, failures, count line), or the JSON alone; the exit code. */
export function report(ctx: CommandContext, result: FleetResult): number {
  const out = ctx.out;
  if (out.options.json) out.json(fleetJson(result));
  else {
    for (const line of summaryTable(result.targets)) out.line(line);
    footer(ctx, result.targets, countLine(result.targets), { where: true });
  }
  return exitCode(result);
}

/**
 * 0 all well; 130 when Ctrl-C (or SIGTERM) interrupted a target, as a single run exits, and
 * then at once, even if an abandoned script still waits on a timer; else 1.
 */
function exitCode(result: FleetResult): number {
  if (result.ok) return 0;
  if (!result.targets.some((t) => t.error?.code === "interrupted")) return 1;
  setTimeout(() => process.exit(INTERRUPTED_EXIT), 0);
  return INTERRUPTED_EXIT;
}

/** Each failure in full, then the count line. */
/** On stderr, as a single target's `Note:` line: what each target's URL hides (a missing SQLite file). */
function urlNotes(ctx: CommandContext, targets: readonly TargetResult[]): void {
  for (const t of targets) if (t.note) ctx.out.info(`Note: ${t.name}: ${t.url} (${t.note}).`);
}

export function footer(
  ctx: CommandContext,
  targets: readonly TargetResult[],
  count: string,
  opts: { where?: boolean } = { where: false },
): void {
  const failures = failureLines(targets, opts);
  if (failures.length > 0) {
    ctx.out.line();
    for (const line of failures) ctx.out.line(line);
  }
  ctx.out.line();
  ctx.out.line(count);
}

function runOptions(flags: RunFlags) {
  return {
    ...(flags.lockTimeout === undefined ? {} : { lockTimeout: Number(flags.lockTimeout) }),
    ...(flags.tag === undefined ? {} : { tag: flags.tag }),
  };
}

const lineOf = (verb: FleetVerb) => (r: TargetResult) => targetLine(r, verb);

/** `mig up --all`: every selected target to `target` (default head). */
export async function fleetUpCommand(
  ctx: CommandContext,
  target: string | undefined,
  flags: FleetRunFlags & { strict?: boolean; resume?: boolean; restart?: boolean },
): Promise<number> {
  const result = await runFleet(ctx, flags, {
    line: lineOf("up"),
    run: (targets, options) =>
      upgradeAll(targets, {
        ...options,
        ...runOptions(flags),
        ...(target ? { target } : {}),
        strict: flags.strict === true,
        resume: flags.resume === true,
        restart: flags.restart === true,
      }),
  });
  return report(ctx, result);
}

/** `mig down <target> --all`. */
export async function fleetDownCommand(
  ctx: CommandContext,
  target: string,
  flags: FleetRunFlags,
): Promise<number> {
  const result = await runFleet(ctx, flags, {
    line: lineOf("down"),
    run: (targets, options) => downgradeAll(targets, { ...options, ...runOptions(flags), target }),
  });
  return report(ctx, result);
}

const failedLine = (r: TargetResult) => targetLine(r, "up");

/** `mig current --all`: each target's revisions. */
export async function fleetCurrentCommand(ctx: CommandContext, flags: FleetFlags): Promise<number> {
  const result = await runFleet(ctx, flags, {
    line: (r) => (r.status === "current" ? `${r.name}: ${formatRows(r.to)}` : failedLine(r)),
    run: (targets, options) => currentAll(targets, options),
  });
  if (ctx.out.options.json) {
    ctx.out.json(fleetJson(result));
    return result.ok ? 0 : 1;
  }
  const read = result.targets.filter((t) => t.status === "current");
  urlNotes(ctx, result.targets);
  for (const line of readTable(result.targets, ["current"], (t) => [formatRows(t.to)]))
    ctx.out.line(line);
  const failed = result.targets.length - read.length;
  footer(ctx, result.targets, `${read.length} read${failed > 0 ? `, ${failed} failed` : ""}`);
  return result.ok ? 0 : 1;
}

/** `mig status --all`: each target's revisions and how many migrations are pending. */
export async function fleetStatusCommand(ctx: CommandContext, flags: FleetFlags): Promise<number> {
  const pendingOf = (r: TargetStatusResult) => r.pending ?? [];
  const half = (r: TargetStatusResult) =>
    (r.stopped ?? []).length > 0 ? `, ${(r.stopped ?? []).length} half applied` : "";
  const state = (r: TargetStatusResult) =>
    (pendingOf(r).length === 0 ? "up to date" : `${pendingOf(r).length} pending`) + half(r);
  const result = await runFleet<TargetStatusResult>(ctx, flags, {
    line: (r) =>
      r.status === "current" ? `${r.name}: at ${formatRows(r.to)}, ${state(r)}` : failedLine(r),
    run: (targets, options) => statusAll(targets, options),
  });
  if (ctx.out.options.json) {
    const json = fleetJson(result);
    ctx.out.json({
      ...json,
      targets: json.targets.map((t, i) => {
        const r = result.targets[i];
        return !r || r.status === "failed"
          ? t
          : {
              ...t,
              pending: pendingOf(r).map((p) => p.revision),
              upToDate: r.upToDate ?? false,
              mismatches: r.mismatches ?? [],
              stopped: r.stopped ?? [],
            };
      }),
    });
    return result.ok ? 0 : 1;
  }
  urlNotes(ctx, result.targets);
  for (const line of readTable(result.targets, ["current", "pending"], (t) => [
    formatRows(t.to),
    state(t),
  ]))
    ctx.out.line(line);
  const read = result.targets.filter((t) => t.status === "current");
  const behind = read.filter((t) => pendingOf(t).length > 0).length;
  const failed = result.targets.length - read.length;
  footer(
    ctx,
    result.targets,
    [
      `${read.length - behind} up to date`,
      ...(behind > 0 ? [`${behind} with pending migrations`] : []),
      ...(failed > 0 ? [`${failed} failed`] : []),
    ].join(", "),
  );
  return result.ok ? 0 : 1;
}

/** A table for the read commands: target, the given columns, failed targets last. */
export function readTable<R extends TargetResult>(
  targets: readonly R[],
  header: readonly string[],
  cells: (t: R) => readonly string[],
): string[] {
  const rows = [
    ...targets.filter((t) => t.status !== "failed").map((t) => [t.name, ...cells(t)]),
    ...targets
      .filter((t) => t.status === "failed")
      .map((t) => [t.name, ...header.map((_, i) => (i === 0 ? `FAILED ${t.error?.code}` : ""))]),
  ];
  const all = [["target", ...header], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((r) => r[i]?.length ?? 0))) ?? [];
  return all.map((r) =>
    r
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}
