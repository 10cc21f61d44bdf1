import type { RunFlags } from "./commands/run.js";
import type { CommandContext } from "./context.js";
import { type FleetFlags, isFleetRun } from "./fleet-run.js";

// What each command does once its arguments are parsed (by commander in program.ts, or not
// at all for a bare command, bare-command.ts). Each command's module (and the part of core
// it uses) loads only when that command runs: `mig heads` never loads the runner, `mig up`
// never loads the schema comparator.
const appliedLog = () => import("./commands/log.js");
const runs = () => import("./commands/run.js");
// current and status read the database without loading the runner.
const reads = () => import("./commands/current.js");
const scaffold = () => import("./commands/scaffold.js");
const schema = () => import("./commands/schema.js");
const baselineCmd = () => import("./commands/baseline.js");
const squashing = () => import("./commands/squash.js");
const fleet = () => import("./commands/fleet.js");
// The commands that read only headers, never scripts, drivers or the runner.
const graph = () => import("./commands/graph.js");

/** A command's action: the context, then its arguments; resolves to the exit code. */
export type Action = (ctx: CommandContext, ...args: never[]) => Promise<number>;

type Flags = Record<string, unknown>;

export const init = async (ctx: CommandContext, dir: string, opts: { template: "ts" | "sql" }) =>
  (await scaffold()).initCommand(ctx, dir, opts);

export const revision = async (ctx: CommandContext, opts: Flags) =>
  (await scaffold()).revisionCommand(ctx, opts);

export const check = async (ctx: CommandContext, flags: FleetFlags) =>
  isFleetRun(flags)
    ? (await import("./commands/fleet-check.js")).fleetCheckCommand(ctx, flags)
    : (await schema()).checkCommand(ctx);

export const pull = async (
  ctx: CommandContext,
  opts: { out?: string; force?: boolean; schema?: string[] },
) => (await schema()).pullCommand(ctx, opts);

export const baseline = async (ctx: CommandContext, opts: object) =>
  (await baselineCmd()).baselineCommand(ctx, opts);

export const merge = async (ctx: CommandContext, revs: string[], opts: Flags) =>
  (await scaffold()).mergeCommand(ctx, revs, opts);

export const squash = async (
  ctx: CommandContext,
  range: string,
  opts: { message: string; revId?: string },
) => (await squashing()).squashCommand(ctx, range, opts);

export const up = async (
  ctx: CommandContext,
  target: string | undefined,
  flags: FleetFlags & RunFlags,
) =>
  isFleetRun(flags)
    ? (await fleet()).fleetUpCommand(ctx, target, flags)
    : (await runs()).upCommand(ctx, target, flags);

export const down = async (ctx: CommandContext, target: string, flags: FleetFlags & RunFlags) =>
  isFleetRun(flags)
    ? (await fleet()).fleetDownCommand(ctx, target, flags)
    : (await runs()).downCommand(ctx, target, flags);

export const stamp = async (ctx: CommandContext, revs: string[], flags: object) =>
  (await runs()).stampCommand(ctx, revs, flags);

export const current = async (
  ctx: CommandContext,
  opts: FleetFlags & { verbose?: boolean; all?: boolean },
) =>
  isFleetRun(opts)
    ? (await fleet()).fleetCurrentCommand(ctx, opts)
    : (await reads()).currentCommand(ctx, opts);

export const status = async (ctx: CommandContext, opts: FleetFlags) =>
  isFleetRun(opts)
    ? (await fleet()).fleetStatusCommand(ctx, opts)
    : (await reads()).statusCommand(ctx);

export const log = async (ctx: CommandContext, opts: { limit?: string; verify?: boolean }) =>
  (await appliedLog()).logCommand(ctx, opts);

export const heads = async (
  ctx: CommandContext,
  opts: { verbose?: boolean; resolveDependencies?: boolean },
) => (await graph()).headsCommand(ctx, opts);

export const branches = async (ctx: CommandContext, opts: { verbose?: boolean }) =>
  (await graph()).branchesCommand(ctx, opts);

export const history = async (
  ctx: CommandContext,
  opts: { revRange?: string; verbose?: boolean; indicateCurrent?: boolean },
) =>
  (await graph()).historyCommand(ctx, {
    rev: opts.revRange,
    verbose: opts.verbose,
    indicateCurrent: opts.indicateCurrent,
  });

export const show = async (ctx: CommandContext, revs: string[]) =>
  (await graph()).showCommand(ctx, revs);

export const picture = async (
  ctx: CommandContext,
  opts: { format?: "mermaid" | "dot" | "html"; out?: string },
) => (await import("./commands/graph-picture.js")).graphCommand(ctx, opts);
