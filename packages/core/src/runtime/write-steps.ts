import { DONE } from "../operations/operation-queue.js";
import { Operations } from "../operations/operations.js";
import type { MigrationStep } from "../revision/plan.js";
import { RowsHistory } from "../revision/rows-history.js";
import { withScriptStack } from "./bundle-lines.js";
import { CallSites } from "./call-sites.js";
import type { RunContext } from "./run-context.js";
import type { StepResult } from "./run-events.js";
import { type AbortRace, interruptedBetweenSteps } from "./run-interrupt.js";
import { type Rows, RunTransaction } from "./run-transaction.js";
import { ScriptLoader } from "./script-loader.js";
import type { ScriptModule } from "./script-module.js";
import { checksumOf } from "./step-checksum.js";
import { describeStep } from "./step-describe.js";
import { stepError } from "./step-failure.js";
import { StepOutcome } from "./step-outcome.js";
import { TransactionPlan } from "./transaction-plan.js";

/**
 * Writes planned steps as one SQL script (`--sql`), in order, each in the transaction the
 * plan gives it, its version-table change and log row after its statements. No database
 * answers, so nothing waits but a script's own function: every statement is written in the
 * caller's turn. A run of 10,000 steps spends most of its time here, so the loop keeps to
 * what writing needs (online runs go through run-steps.ts).
 */
export async function writeSteps(
  ctx: RunContext,
  steps: readonly MigrationStep[],
  startRows: readonly string[],
  abort: AbortRace,
): Promise<StepResult[]> {
  const { executor: exec, versionTable, log, events } = ctx;
  const plan = new TransactionPlan({
    transactionalDDL: exec.dialect.capabilities.transactionalDDL,
    transactionPerMigration: ctx.transactionPerMigration,
  });
  const loader = new ScriptLoader(ctx.scripts, steps);
  // The bundle's files are read while the rows are moved in memory (below).
  if (steps.length > 0) loader.prefetch();
  // A plan that cannot apply fails before anything is written (rows-history.ts).
  const moves =
    steps.length === 0 ? undefined : new RowsHistory(() => ctx.map, steps, startRows, ctx.scripts);
  const sites = new CallSites();
  const op = new Operations(exec);
  const scriptOp = sites.wrap(op);
  const results: StepResult[] = [];
  const tx = new RunTransaction(exec, startRows);
  // From base the script creates the version table and the log, in the first transaction.
  let pendingCreate = startRows.length === 0;
  let rows: Rows = startRows;
  // Offline the text written is the record: a failure report lists no statements.
  const record = exec.startRecord();
  // The bundle's entries carry the checksums of the scripts they were built from.
  await loader.ready();
  if (steps.length > 0) await loader.preflight();
  const start = plan.start(steps.length);
  if (!tx.toNow(start, rows)) await tx.to(start, rows);
  // One clock read per step: a step starts when the one before it ended.
  let started = performance.now();
  // One call per step, not the loop's body: V8 optimizes an async function's code only
  // between calls (no on-stack replacement inside one), so a body inside the loop would run
  // unoptimized for all 10,000 steps of a run.
  const writeStep = async (index: number): Promise<void> => {
    const step = steps[index]!;
    const script = step.kind === "revision" ? ctx.scripts.get(step.revision) : undefined;
    const info = describeStep(step, script, index, steps.length);
    const around = plan.step(script?.transactional ?? true);
    const after = moves!.after(index);
    if (ctx.signal?.aborted) {
      await tx.abandon();
      throw interruptedBetweenSteps(step.direction, tx.committed);
    }
    events?.onStepStart?.(info);
    const stepLog = log?.step({
      revision: info.revision,
      direction: step.kind === "stamp" ? "stamp" : step.direction,
      checksum: script ? checksumOf(script, ctx.checksums, loader) : null,
    });
    let recording = false; // the script ran; its version change and log row are being written
    try {
      let mod: ScriptModule | Promise<ScriptModule> | undefined = script && loader.loadNow(script);
      if (mod instanceof Promise) mod = await mod;
      if (around.before !== "none" && !tx.toNow(around.before, rows)) {
        await tx.to(around.before, rows);
      }
      if (pendingCreate) {
        await versionTable.create();
        await log?.create();
        pendingCreate = false;
      }
      if (mod) {
        exec.comment(
          `Running ${step.direction}grade ${info.revision}${info.message ? ` (${info.message})` : ""}`,
        );
        const stepOp = sites.forStep(scriptOp);
        try {
          const ran = (step.direction === "up" ? mod.upgrade : mod.downgrade)(stepOp);
          // A script awaiting something endless must not keep an interrupted run open.
          if (ran instanceof Promise) await abort.race(ran);
          // Calls the script did not await are written by now; flush rethrows their failure.
          const flushed = op.flush();
          if (flushed !== DONE) await abort.race(flushed);
        } finally {
          sites.close(stepOp, info);
        }
        // A call an earlier step's script made after it was done fails this step.
        const late = sites.takeLate();
        if (late) throw late;
      }
      recording = true;
      const changes = moves!.changes(index);
      if (!versionTable.applyNow(changes)) await versionTable.apply(changes);
      if (stepLog && !stepLog.succeedNow(0)) await stepLog.succeed(0);
      rows = after;
      recording = false;
      if (around.autocommit) tx.settled(rows);
      if (around.after !== "none" && !tx.toNow(around.after, rows)) {
        await tx.to(around.after, rows);
      }
    } catch (error) {
      withScriptStack(error);
      // Calls the script did not await finish before the failure is reported.
      await op.settle();
      await tx.abandon();
      throw stepError(error, {
        offline: true,
        record,
        step,
        info,
        script,
        committed: tx.committed,
        rolledBack: around.rollsBack,
        site: sites.siteOf(error),
        recording,
      });
    }
    const ended = performance.now();
    const result = new StepOutcome(info, ended - started, after);
    started = ended;
    results.push(result);
    events?.onStepEnd?.(result, info);
  };
  for (let index = 0; index < steps.length; index++) await writeStep(index);
  await tx.finish(rows);
  const late = sites.takeLate();
  if (late) throw late;
  return results;
}
