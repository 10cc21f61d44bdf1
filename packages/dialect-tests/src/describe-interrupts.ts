import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { upgrade } from "@mig/core";
import { afterEach, describe, expect, test } from "vitest";
import { versionRows, withConnection } from "./inspect.js";
import type { ConformanceOptions } from "./options.js";
import { TestProject } from "./project.js";

const FIRST = "aaaa00000001";
const SECOND = "bbbb00000002";
/** Generous: these wait for other processes on a shared, possibly busy machine. */
const PATIENCE_MS = 90_000;

/** A `mig` process whose output the test can watch while it runs. */
class Watched {
  readonly child: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(cli: string, args: readonly string[], cwd: string) {
    this.child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
    });
    this.child.stdout?.on("data", (d: Buffer) => (this.stdout += d));
    this.child.stderr?.on("data", (d: Buffer) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on("close", (code) => resolve(code)));
  }
}

async function until(what: string, ready: () => boolean): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Two scripts: the first creates `step_log`, the second inserts a row, says it started (a
 * file) and then waits until the test creates the gate file. DML, so every dialect can
 * roll it back.
 */
function writeScripts(project: TestProject, slowSql?: string): { started: string; gate: string } {
  const started = join(project.dir, "started");
  const gate = join(project.dir, "gate");
  writeFileSync(
    join(project.migrations, `0001_${FIRST}.ts`),
    `/** create the log */
export const revision = "${FIRST}";
export const downRevision = null;
export async function upgrade(op) { await op.execute("CREATE TABLE step_log (rev VARCHAR(32))"); }
export async function downgrade(op) { await op.execute("DROP TABLE step_log"); }
`,
  );
  writeFileSync(
    join(project.migrations, `0002_${SECOND}.ts`),
    `/** log and wait */
import { existsSync, writeFileSync } from "node:fs";
export const revision = "${SECOND}";
export const downRevision = "${FIRST}";
export async function upgrade(op) {
  await op.execute("INSERT INTO step_log (rev) VALUES ('second')");
  writeFileSync(${JSON.stringify(started)}, "");${slowSql ? `\n  await op.execute(${JSON.stringify(slowSql)});` : ""}
  while (!existsSync(${JSON.stringify(gate)})) await new Promise((r) => setTimeout(r, 20));
}
export async function downgrade(op) { await op.execute("DELETE FROM step_log"); }
`,
  );
  return { started, gate };
}

/** Lock waits and Ctrl-C, through the `mig` executable, for one dialect. */
export function describeInterrupts(options: ConformanceOptions): void {
  const dialect = options.dialect();
  const projects: TestProject[] = [];
  const children: Watched[] = [];
  const make = async () => {
    const p = await TestProject.create(options);
    projects.push(p);
    return p;
  };
  const start = (project: TestProject, args: readonly string[]) => {
    const w = new Watched(options.cli, args, project.dir);
    children.push(w);
    return w;
  };

  describe(`${options.name}: lock waits and Ctrl-C`, () => {
    afterEach(async () => {
      for (const w of children.splice(0)) if (w.child.exitCode === null) w.child.kill("SIGKILL");
      await Promise.all(projects.splice(0).map((p) => p.dispose()));
    });

    test("a run waiting for another run's lock says so at once, on stderr", async () => {
      const project = await make();
      const { started, gate } = writeScripts(project);
      const first = start(project, ["up"]);
      await until("the first run's second migration", () => existsSync(started));
      const second = start(project, ["up", "--json", "--lock-timeout", "120"]);
      await until("the waiting message", () => second.stderr.includes("Waiting"));
      expect(second.stderr).toMatch(
        /Waiting for the migration lock \(held [^)]+\), up to 120 s; another run is migrating this database\./,
      );
      expect(second.stdout).toBe("");
      // Ctrl-C while waiting: nothing has changed, so it leaves at once.
      const third = start(project, ["up", "--lock-timeout", "120"]);
      await until("the third run's waiting message", () => third.stderr.includes("Waiting"));
      third.child.kill("SIGINT");
      expect(await third.exited).toBe(130);
      expect(third.stderr).toContain(
        "Interrupted before a migration ran; the database is unchanged.",
      );
      writeFileSync(gate, "");
      expect(await first.exited, first.stderr).toBe(0);
      expect(await second.exited, second.stderr).toBe(0);
      // Nothing left to do once the first run finished; stdout holds only the JSON result.
      expect(JSON.parse(second.stdout)).toMatchObject({ steps: [], rows: [SECOND] });
    }, 180_000);

    // SIGTERM: how a deploy tool (Kubernetes, Docker, systemd) asks a process to stop.
    test.each(["SIGINT", "SIGTERM"] as const)(
      "%s during a migration rolls it back, releases the lock and says where the database is",
      async (signal) => {
        const project = await make();
        const { started, gate } = writeScripts(project);
        const run = start(project, ["up"]);
        await until("the second migration", () => existsSync(started));
        run.child.kill(signal);
        expect(await run.exited, run.stderr).toBe(130);
        const lines = run.stderr.trim().split("\n");
        const except = dialect.capabilities.transactionalDDL
          ? ""
          : ", except any DDL it ran (this database cannot roll DDL back)";
        expect(lines.at(-1)).toBe(
          `Error: Interrupted: the upgrade of ${SECOND} was rolled back${except}; the database is at ${FIRST}.`,
        );
        expect(await versionRows(dialect, project)).toEqual([FIRST]);
        const logged = await withConnection(dialect, project, (c) =>
          c.query("SELECT rev FROM step_log"),
        );
        expect(logged).toEqual([]);
        // The lock is free: a run that may not wait at all gets it.
        writeFileSync(gate, "");
        const again = await upgrade({ ...project.options, lockTimeout: 0 });
        expect(again.rows).toEqual([SECOND]);
      },
      180_000,
    );

    test("Ctrl-C during `up --sql` prints no SQL and says that nothing was written", async () => {
      const project = await make();
      const { started } = writeScripts(project);
      const run = start(project, ["up", "--sql"]);
      await until("the second migration", () => existsSync(started));
      run.child.kill("SIGINT");
      expect(await run.exited, run.stderr).toBe(130);
      expect(run.stderr.trim()).toBe(
        "Interrupted before the SQL was complete; nothing was written.",
      );
      expect(run.stdout).toBe("");
    }, 180_000);

    const sleepSql = options.sleepSql;
    if (sleepSql) {
      test("Ctrl-C during a long statement cancels it and rolls back at once", async () => {
        const project = await make();
        // Ten minutes: the test's own limit fails it long before, unless the statement is cancelled.
        const { started } = writeScripts(project, sleepSql(600));
        const run = start(project, ["up"]);
        await until("the second migration", () => existsSync(started));
        await sleep(200); // let the statement reach the server; the test passes either way
        run.child.kill("SIGINT");
        expect(await run.exited, run.stderr).toBe(130);
        expect(run.stderr).toContain(
          `Error: Interrupted: the upgrade of ${SECOND} was rolled back`,
        );
        expect(await versionRows(dialect, project)).toEqual([FIRST]);
        const logged = await withConnection(dialect, project, (c) =>
          c.query("SELECT rev FROM step_log"),
        );
        expect(logged).toEqual([]);
      }, 180_000);
    }
  });
}
