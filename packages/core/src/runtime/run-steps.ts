import { DONE } from "../operations/operation-queue.js";
import { Operations } from "../operations/operations.js";
import type { MigrationStep } from "../revision/plan.js";
import { RowsHistory } from "../revision/rows-history.js";
import { withScriptStack } from "./bundle-lines.js";
import { CallSites } from "./call-sites.js";
import { resumePoints, statementsChecksum } from "./resume-step.js";
import type { RunContext } from "./run-context.js";
import type { StepInfo, StepResult } from "./run-events.js";
import { ABORTED, AbortRace, interruptedBetweenSteps } from "./run-interrupt.js";
import { type Rows, RunTransaction } from "./run-transaction.js";
import { ScriptLoader } from "./script-loader.js";
import type { MigrationFn } from "./script-module.js";
import { checksumOf } from "./step-checksum.js";
import { describeStep } from "./step-describe.js";
import { stepError } from "./step-failure.js";
import type { StepLog } from "./step-log.js";
import { StepOutcome } from "./step-outcome.js";
import { TransactionPlan } from "./transaction-plan.js";
import { writeSteps } from "./write-steps.js";

/**
 * Runs planned steps in order. Each migration commits together with its version-table
 * update, so a failure leaves the database at the last good revision; a script with
 * `transactional = false` runs outside any transaction with its version update after it.
 * Offline (`--sql`) the same steps are written as one script instead (write-steps.ts).
 */
export async function runSteps(
  ctx: RunContext,
  steps: readonly MigrationStep[],
  startRows: readonly string[],
): Promise<StepResult[]> {
  const abort = new AbortRace(ctx.signal);
  try {
    return ctx.executor.offline
      ? await writeSteps(ctx, steps, startRows, abort)
      : await applySteps(ctx, steps, startRows, abort);
  } finally {
    abort.dispose();
  }
}

async function applySteps(
  ctx: RunContext,
  steps: readonly MigrationStep[],
  startRows: readonly string[],
  abort: AbortRace,
): Promise<StepResult[]> {
  const { executor: exec, versionTable, log } = ctx;
  const plan = new TransactionPlan({
    transactionalDDL: exec.dialect.capabilities.transactionalDDL,
    transactionPerMigration: ctx.transactionPerMigration,
  });
  const loader = new ScriptLoader(ctx.scripts, steps);
  // Move the rows in memory first: a plan that cannot apply fails before anything runs,
  // so a stamp or run never stops half way through for that reason. Each step's changes
  // are kept for the run itself, so it moves no rows again; its rows are made when asked.
  const moves =
    steps.length === 0 ? undefined : new RowsHistory(() => ctx.map, steps, startRows, ctx.scripts);
  const sites = new CallSites();
  const op = new Operations(exec);
  const scriptOp = sites.wrap(op);
  const results: StepResult[] = [];
  const tx = new RunTransaction(exec, startRows);
  let rows: Rows = startRows;
  // Whether step `at` opens a transaction: a commit before it may open it in one round trip.
  const beginsNext = (at: number): boolean => {
    const next = steps[at];
    if (!next) return false;
    const script = next.kind === "revision" ? ctx.scripts.get(next.revision) : undefined;
    return plan.step(script?.transactional ?? true).before === "begin";
  };

  // Before anything runs: a half-applied step is refused, or checked for resuming, and every
  // script the run needs loads (one that cannot fails the run before its first step).
  const resumes = await resumePoints(exec, steps, ctx.halfApplied, ctx.resume, loader, ctx.scripts);
  if (steps.length > 0) await loader.preflight();
  const logStep = (at: number, revision: string): StepLog | undefined => {
    const step = steps[at]!;
    const script = step.kind === "revision" ? ctx.scripts.get(step.revision) : undefined;
    const point = step.kind === "revision" ? resumes.get(step.revision) : undefined;
    return log?.step({
      revision,
      direction: step.kind === "stamp" ? "stamp" : step.direction,
      checksum: script ? checksumOf(script, ctx.checksums, undefined) : null,
      resumedFrom: point?.done,
      resumedChecksum: point?.checksum,
    });
  };
  // Step `at`'s unfinished row, made now to ride with the commit before it, where the step
  // opens one (it cannot roll back) in a transaction; undefined where it cannot be made.
  const logAhead = (at: number): StepLog | undefined => {
    const next = steps[at]!;
    const script = next.kind === "revision" ? ctx.scripts.get(next.revision) : undefined;
    if (!log || plan.step(script?.transactional ?? true).rollsBack) return;
    try {
      return logStep(at, describeStep(next, script, at, steps.length).revision);
    } catch {
      return undefined; // its checksum is read again, and fails, when the step starts
    }
  };
  let ahead: StepLog | undefined;

  await tx.to(plan.start(steps.length), rows);
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    const script = step.kind === "revision" ? ctx.scripts.get(step.revision) : undefined;
    const info = describeStep(step, script, index, steps.length);
    const around = plan.step(script?.transactional ?? true);
    const changes = moves!.changes(index);
    const after = moves!.after(index);
    if (ctx.signal?.aborted) {
      await tx.abandon();
      throw interruptedBetweenSteps(step.direction, tx.committed);
    }
    ctx.events?.onStepStart?.(info);
    const started = performance.now();
    const point = step.kind === "revision" ? resumes.get(step.revision) : undefined;
    if (point) ctx.events?.onResume?.(point);
    // Only this step's statements are kept, for its failure report; a resumed step's first
    // ones count but are not sent again.
    let record = exec.startRecord(log && !around.rollsBack ? 0 : point?.done);
    const stepLog = ahead ?? logStep(index, info.revision);
    let recording = false; // the script ran; its version change and log row are being written
    ahead?.start();
    ahead = undefined;
    try {
      // Offline, each `...Now` call writes in this turn: a step awaits only its script.
      let mod = script ? loader.loadNow(script) : undefined;
      if (mod instanceof Promise) mod = await mod;
      if (around.before !== "none" && !tx.toNow(around.before, rows)) {
        await tx.to(around.before, rows);
      }
      if (stepLog && !around.rollsBack) {
        // Visible before the step's statements, which may commit one by one.
        if (!stepLog.isOpen) await stepLog.open();
        record = exec.startRecord(point?.done);
      }
      if (mod) {
        const fn = step.direction === "up" ? mod.upgrade : mod.downgrade;
        // A script awaiting something endless must not keep an interrupted run open.
        await abort.race(runScript(fn, sites.forStep(scriptOp), op, sites, info));
      }
      // Ctrl-C during a long synchronous statement: heard now, before the commit.
      await abort.checkAfter(started);
      const done = record.statements.length;
      recording = true;
      // The version change and the log row ride with COMMIT and the next BEGIN where the
      // connection sends them as one, the change only where the database checks its count.
      // Asked only where a commit can open the next step's transaction.
      const next = tx.carries(true) && beginsNext(index + 1);
      const carried = around.after === "commit" && tx.carries(next);
      const moveSql = carried ? versionTable.checkedSql(changes) : undefined;
      if (moveSql === undefined && !versionTable.applyNow(changes)) {
        await versionTable.apply(changes);
      }
      const logRow = carried ? stepLog?.succeeded(done) : undefined;
      if (!carried && stepLog && !stepLog.succeedNow(done)) await stepLog.succeed(done);
      rows = after;
      recording = false; // a COMMIT may fail for the script's own work (a deferred constraint)
      if (around.autocommit) tx.settled(rows);
      // So does the next step's unfinished row, inside its transaction, where it has one.
      const nextLog =
        carried && moveSql === undefined && tx.carriesAfter(next) ? logAhead(index + 1) : undefined;
      if (around.after !== "none" && (nextLog || carried || !tx.toNow(around.after, rows))) {
        const before = moveSql && logRow ? `${moveSql}; ${logRow}` : (moveSql ?? logRow);
        const opened = await tx
          .to(around.after, rows, next, before, nextLog?.opening())
          .catch((error: unknown) => {
            throw (moveSql && versionTable.mismatch(error)) || error;
          });
        if (opened) nextLog!.opened();
        ahead = nextLog;
      }
    } catch (error) {
      withScriptStack(error);
      // The abandoned script may still call `op`: nothing of it may run after the rollback.
      if (error === ABORTED) await exec.stop();
      // Calls the script did not await must finish before the rollback.
      await op.settle();
      await tx.abandon();
      const done = record.statements.length - (record.failed ? 1 : 0);
      // Where the step does not roll back, what ran stays: its checksum lets `up --resume` go on.
      const kept =
        stepLog && !around.rollsBack && done > 0
          ? statementsChecksum(exec.dialect, record, done)
          : null;
      // mig's own failure row is not the step's: a lost connection fails it too, and the
      // report must name the script's statement, not the log's.
      exec.startRecord();
      await stepLog?.fail(error, done, around.rollsBack, kept);
      throw stepError(error, {
        offline: false,
        record,
        step,
        info,
        script,
        committed: tx.committed,
        rolledBack: around.rollsBack,
        site: sites.siteOf(error),
        recording,
        fix: exec.dialect.fixFor?.(error),
      });
    }
    const result = new StepOutcome(info, performance.now() - started, after);
    results.push(result);
    ctx.events?.onStepEnd?.(result, info);
  }
  await tx.finish(rows);
  // A call made after the last step's script was done: the steps stand, the call did not run.
  const late = sites.takeLate();
  if (late) throw late;
  return results;
}

/**
 * The script's function, then every `op` call it made (awaited or not). The function runs
 * in a job of its own whose outcome is handed on by plain functions to a promise made apart,
 * which V8's async stack traces do not follow (they do follow a chain of `then`s to the
 * runner's awaits): each `op` call's call-site record stops at the script instead of also
 * walking the runner's awaits (six frames more, each costing time on every call).
 */
function runScript(
  fn: MigrationFn,
  stepOp: Operations,
  op: Operations,
  sites: CallSites,
  info: StepInfo,
): Promise<void> {
  return new Promise((resolve, reject) => {
    // Once its calls are done the step's `op` is closed; a call an earlier step's script made
    // after it was (a timer it left) fails this step rather than running in it.
    const done = () => {
      sites.close(stepOp, info);
      const late = sites.takeLate();
      if (late) reject(late);
      else resolve();
    };
    const failed = (error: unknown) => {
      sites.close(stepOp, info);
      reject(error);
    };
    RESOLVED.then(() => fn(stepOp)).then(() => {
      const flushed = op.flush();
      // Offline, usually settled already: no promise to resolve with.
      if (flushed === DONE) done();
      else flushed.then(done, failed);
    }, failed);
  });
}
const RESOLVED = Promise.resolve();
