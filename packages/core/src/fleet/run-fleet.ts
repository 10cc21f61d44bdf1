import type { Project } from "../config/project.js";
import { type DatabaseUrl, maskSecrets } from "../connection/database-url.js";
import { thrownMessage } from "../errors/first-line.js";
import { isMigError, MigError } from "../errors/mig-error.js";
import type { RunEvents } from "../runtime/run-events.js";
import type { FleetMember } from "./fleet-members.js";
import type { FleetOptions, FleetResult, TargetResult } from "./fleet-types.js";
import { SharedSources } from "./shared-sources.js";

/** What one target's task sees: its project and the events to pass to the run. */
export interface TargetRun {
  readonly member: FleetMember;
  readonly project: Project;
  /** Forwards step events to the fleet's and records the rows for the result. */
  readonly events: RunEvents;
  readonly signal: AbortSignal | undefined;
}

/** What a task returns: the result's fields besides the target's name, url and time. */
export type TaskOutcome<R extends TargetResult> = Omit<
  R,
  "name" | "url" | "schema" | "durationMs" | "reached"
>;

/** Targets run at once when `concurrency` is not given. */
export const DEFAULT_CONCURRENCY = 4;

/** `concurrency` as given, or a usage error: it must be a whole number ≥ 1. */
export function fleetConcurrency(value: unknown): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  throw new MigError(
    "invalid_concurrency",
    `The concurrency must be a whole number ≥ 1 (got ${String(value)}).`,
    { usage: true, hint: `For example --concurrency ${DEFAULT_CONCURRENCY} (the default).` },
  );
}

/**
 * Runs `task` for each member, at most `concurrency` at once, and never throws for one
 * target: a failure becomes that target's `failed` result, with `to` its rows at failure
 * (`reread` asks the database; else the last step that ended). After a failure with
 * `failFast`, or once `signal` aborts, no target starts: the rest are `skipped`.
 */
export async function runFleet<R extends TargetResult>(
  members: readonly FleetMember[],
  options: FleetOptions,
  task: (run: TargetRun) => Promise<TaskOutcome<R>>,
  reread?: (project: Project) => Promise<readonly string[]>,
): Promise<FleetResult<R>> {
  const concurrency = fleetConcurrency(options.concurrency);
  const events = options.events;
  const sources = new SharedSources(members);
  const results = new Array<R | undefined>(members.length);
  let next = 0;
  let stopped = false;

  const runOne = async (member: FleetMember): Promise<R> => {
    const info = member.info;
    events?.onTargetStart?.(info);
    const started = performance.now();
    let from: readonly string[] | undefined;
    let to: readonly string[] | undefined;
    let steps = 0;
    const project = sources.projectFor(member);
    const runEvents: RunEvents = {
      onRunStart: (rows) => {
        from = rows;
        to = rows;
      },
      onStepStart: (step) => events?.onTargetStepStart?.(info, step),
      onStepEnd: (result, step) => {
        to = result.rows;
        steps++;
        events?.onTargetStepEnd?.(info, result, step);
      },
      onChecksumMismatch: (found) => events?.onTargetChecksumMismatch?.(info, found),
      onLockWait: (wait) => events?.onTargetLockWait?.(info, wait),
    };
    let result: R;
    try {
      const outcome = await task({ member, project, events: runEvents, signal: options.signal });
      const took = performance.now() - started;
      result = { ...info, ...outcome, reached: true, durationMs: took } as R;
    } catch (error) {
      // The rows the database holds now: a failed step's transaction rolled back.
      const rows = from && reread ? await reread(project).catch(() => to) : to;
      result = {
        ...info,
        status: "failed",
        reached: from !== undefined,
        from: from ?? [],
        to: rows ?? from ?? [],
        steps,
        durationMs: performance.now() - started,
        error: targetError(error, member.url),
      } as R;
    }
    events?.onTargetEnd?.(result);
    return result;
  };

  const worker = async () => {
    while (!stopped && !options.signal?.aborted && next < members.length) {
      const i = next++;
      const member = members[i]!;
      try {
        results[i] = await runOne(member);
      } finally {
        await sources.done(member);
      }
      if (results[i]!.status === "failed" && options.failFast) stopped = true;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, members.length) }, worker));
  } finally {
    await sources.closeAll();
    for (const cache of new Set(members.map((m) => m.project.checksums))) cache?.save();
  }
  const targets = members.map(
    (m, i) =>
      results[i] ??
      ({
        ...m.info,
        status: "skipped",
        reached: false,
        from: [],
        to: [],
        steps: 0,
        durationMs: 0,
      } as TargetResult as R),
  );
  return { targets, ok: targets.every((t) => t.status !== "failed") };
}

/** A target's error as plain data, with the URL's password masked out. */
function targetError(error: unknown, url: DatabaseUrl): NonNullable<TargetResult["error"]> {
  const mask = (text: string) => maskSecrets(text, url);
  if (isMigError(error)) {
    return {
      code: error.code,
      message: mask(error.message),
      ...(error.hint ? { hint: mask(error.hint) } : {}),
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === "string" ? code : "error",
    message: mask(thrownMessage(error)),
  };
}
