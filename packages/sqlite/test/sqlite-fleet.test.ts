import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  checkAll,
  currentAll,
  downgradeAll,
  type FleetTarget,
  isMigError,
  statusAll,
  type TargetResult,
  upgradeAll,
} from "@mig/core";
import { FLEET_REVISIONS, FleetProject } from "@mig/dialect-tests";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createDialect } from "../src/index.js";

const projects: FleetProject[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) p.dispose();
});

function project(config?: string): FleetProject {
  const p = new FleetProject(config);
  projects.push(p);
  return p;
}

/** The target's file: its version rows and tables, read with the driver. */
function inspect(file: string): { rows: string[]; tables: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    const rows = tables.includes("mig_version")
      ? db
          .prepare("SELECT version_num FROM mig_version")
          .all()
          .map((r) => (r as { version_num: string }).version_num)
      : [];
    return {
      rows,
      tables: tables.filter((t) => !t.startsWith("mig_") && !t.startsWith("sqlite_")),
    };
  } finally {
    db.close();
  }
}

const byName = (results: readonly TargetResult[]) => new Map(results.map((r) => [r.name, r]));

/** `count` targets t0, t1, ... each on its own file in the project. */
function fileTargets(p: FleetProject, count: number): FleetTarget[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `t${i}`,
    url: `sqlite:///${join(p.dir, `t${i}.db`)}`,
  }));
}

/** Gives the target's file the table migration 2 creates, so that migration fails there. */
function breakTarget(p: FleetProject, i: number): void {
  const db = new Database(join(p.dir, `t${i}.db`));
  db.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
  db.close();
}

const statuses = (results: readonly TargetResult[]) => results.map((r) => `${r.name}:${r.status}`);

describe("upgradeAll on SQLite", () => {
  it("migrates 200 database files; one fails alone, stays at its last good revision, and a rerun finishes it", async () => {
    const p = project();
    const targets: FleetTarget[] = Array.from({ length: 200 }, (_, i) => ({
      name: `t${String(i).padStart(3, "0")}`,
      url: `sqlite:///${join(p.dir, `t${i}.db`)}`,
    }));
    // t042 already has the table migration 2 creates: that migration fails there.
    const broken = new Database(join(p.dir, "t42.db"));
    broken.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    broken.close();

    const options = { cwd: p.dir, dialects: [createDialect()], concurrency: 8 };
    const first = await upgradeAll(targets, options);
    expect(first.ok).toBe(false);
    expect(first.targets.map((t) => t.name)).toEqual(targets.map((t) => t.name));
    const results = byName(first.targets);
    const failed = results.get("t042")!;
    expect(failed.status).toBe("failed");
    expect(failed.from).toEqual([]);
    expect(failed.to).toEqual(["f0001"]);
    expect(failed.steps).toBe(1);
    expect(failed.error?.message).toMatch(/invoices/);
    expect(inspect(join(p.dir, "t42.db"))).toEqual({
      rows: ["f0001"],
      tables: ["accounts", "invoices"],
    });
    for (const [i, t] of targets.entries()) {
      if (t.name === "t042") continue;
      const r = results.get(t.name)!;
      expect(r).toMatchObject({ status: "applied", from: [], to: ["f0003"], steps: 3 });
      expect(inspect(join(p.dir, `t${i}.db`))).toEqual({
        rows: ["f0003"],
        tables: ["accounts", "invoices", "payments"],
      });
    }

    // The fix: the stray table goes (its data moved elsewhere); the rerun runs t042 alone.
    const fix = new Database(join(p.dir, "t42.db"));
    fix.exec("DROP TABLE invoices");
    fix.close();
    const steps: string[] = [];
    const second = await upgradeAll(targets, {
      ...options,
      events: { onTargetStepEnd: (target, step) => steps.push(`${target.name}:${step.revision}`) },
    });
    expect(second.ok).toBe(true);
    expect(steps).toEqual(["t042:f0002", "t042:f0003"]);
    const again = byName(second.targets);
    expect(again.get("t042")).toMatchObject({
      status: "applied",
      from: ["f0001"],
      to: ["f0003"],
      steps: 2,
    });
    expect(second.targets.filter((t) => t.status === "current")).toHaveLength(199);
    expect(inspect(join(p.dir, "t42.db")).rows).toEqual([FLEET_REVISIONS[2]]);
  });
});

describe("a fleet's failure handling on SQLite", () => {
  it("failFast: running targets finish, the rest are skipped", async () => {
    const p = project();
    const targets = fileTargets(p, 5);
    breakTarget(p, 1);
    const result = await upgradeAll(targets, {
      cwd: p.dir,
      dialects: [createDialect()],
      concurrency: 1,
      failFast: true,
    });
    expect(statuses(result.targets)).toEqual([
      "t0:applied",
      "t1:failed",
      "t2:skipped",
      "t3:skipped",
      "t4:skipped",
    ]);
    expect(result.targets[3]).toMatchObject({ from: [], to: [], steps: 0 });
    expect(inspect(join(p.dir, "t0.db")).rows).toEqual(["f0003"]);
    expect(existsSync(join(p.dir, "t2.db"))).toBe(false);
  });

  it("without failFast every other target still runs", async () => {
    const p = project();
    const targets = fileTargets(p, 4);
    breakTarget(p, 0);
    const result = await upgradeAll(targets, {
      cwd: p.dir,
      dialects: [createDialect()],
      concurrency: 1,
    });
    expect(statuses(result.targets)).toEqual([
      "t0:failed",
      "t1:applied",
      "t2:applied",
      "t3:applied",
    ]);
  });

  it("an aborted signal starts no more targets", async () => {
    const p = project();
    const controller = new AbortController();
    const result = await upgradeAll(fileTargets(p, 4), {
      cwd: p.dir,
      dialects: [createDialect()],
      concurrency: 1,
      signal: controller.signal,
      events: { onTargetEnd: () => controller.abort() },
    });
    expect(statuses(result.targets)).toEqual([
      "t0:applied",
      "t1:skipped",
      "t2:skipped",
      "t3:skipped",
    ]);
  });

  it("refuses a schema on SQLite before anything runs", async () => {
    const p = project();
    const error = await upgradeAll([{ name: "a", url: "sqlite:///a.db", schema: "tenant_a" }], {
      cwd: p.dir,
      dialects: [createDialect()],
    }).catch((e: unknown) => e);
    expect(isMigError(error) && error.code).toBe("schema_targets_unsupported");
    expect(isMigError(error) && error.usage).toBe(true);
    expect((error as Error).message).toBe(
      "Target 'a' names a schema ('tenant_a'), but the sqlite dialect has no schemas.",
    );
  });
});

describe("fleets from the config on SQLite", () => {
  it("runs the targets() hook's targets with the -x arguments", async () => {
    const p = project(
      `export default {
  targets: ({ x }) => x.tenants.split(",").map((name) => ({ name, url: "sqlite:///" + name + ".db" })),
};\n`,
    );
    const result = await upgradeAll(undefined, {
      cwd: p.dir,
      dialects: [createDialect()],
      x: { tenants: "acme,globex" },
    });
    expect(result.targets.map((t) => [t.name, t.status, t.to])).toEqual([
      ["acme", "applied", ["f0003"]],
      ["globex", "applied", ["f0003"]],
    ]);
    // Relative file URLs resolve against the config's directory.
    expect(inspect(join(p.dir, "acme.db")).rows).toEqual(["f0003"]);
    const rows = await currentAll(undefined, {
      cwd: p.dir,
      dialects: [createDialect()],
      x: { tenants: "acme,globex" },
      select: ["globex"],
    });
    expect(rows.targets).toEqual([
      expect.objectContaining({
        name: "globex",
        status: "current",
        from: ["f0003"],
        to: ["f0003"],
      }),
    ]);
  });

  it("makes each databases entry a target with its own scripts", async () => {
    const p = project(
      `export default {
  databases: {
    main: { url: "sqlite:///main.db" },
    audit: { url: "sqlite:///audit.db", scriptLocation: "audit_migrations" },
  },
};\n`,
    );
    mkdirSync(join(p.dir, "audit_migrations"));
    writeFileSync(
      join(p.dir, "audit_migrations", "a0001.sql"),
      "-- revision: a0001\n-- down_revision: none\n\n-- migrate:up\nCREATE TABLE audit_events (id INTEGER PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE audit_events;\n",
    );
    const options = { cwd: p.dir, dialects: [createDialect()] };
    const result = await upgradeAll(undefined, options);
    expect(result.targets.map((t) => [t.name, t.status, t.to, t.steps])).toEqual([
      ["main", "applied", ["f0003"], 3],
      ["audit", "applied", ["a0001"], 1],
    ]);
    expect(inspect(join(p.dir, "audit.db"))).toEqual({ rows: ["a0001"], tables: ["audit_events"] });
    const status = await statusAll(undefined, options);
    expect(status.targets.map((t) => [t.name, t.upToDate])).toEqual([
      ["main", true],
      ["audit", true],
    ]);
    const down = await downgradeAll(undefined, { ...options, target: "base", select: ["main"] });
    expect(down.targets.map((t) => [t.name, t.status, t.from, t.to])).toEqual([
      ["main", "applied", ["f0003"], []],
    ]);
    expect(inspect(join(p.dir, "main.db")).tables).toEqual([]);
  });
});

describe("a fleet's warnings on SQLite", () => {
  it("tells each target's checksum mismatch, and still runs", async () => {
    const p = project();
    const targets = fileTargets(p, 2);
    const options = { cwd: p.dir, dialects: [createDialect()] };
    await upgradeAll(targets, { ...options, target: "f0002" });
    const script = join(p.dir, "migrations", "f0001.sql");
    writeFileSync(script, `${readFileSync(script, "utf8")}-- edited after it ran\n`);
    const told: string[] = [];
    const result = await upgradeAll(targets, {
      ...options,
      events: {
        onTargetChecksumMismatch: (target, found) =>
          told.push(`${target.name}:${found.map((m) => `${m.revision} ${m.kind}`).join()}`),
      },
    });
    expect(told.sort()).toEqual(["t0:f0001 changed", "t1:f0001 changed"]);
    expect(statuses(result.targets)).toEqual(["t0:applied", "t1:applied"]);
  });
});

describe("targets sharing one SQLite file", () => {
  it("two databases entries on one file both run, one after the other under its lock", async () => {
    const p = project(
      `export default {
  url: "sqlite:///shared.db",
  databases: {
    app: {},
    audit: { scriptLocation: "audit_migrations", versionTable: "audit_version", logTable: "audit_log" },
  },
};\n`,
    );
    mkdirSync(join(p.dir, "audit_migrations"));
    writeFileSync(
      join(p.dir, "audit_migrations", "a0001.sql"),
      "-- revision: a0001\n-- down_revision: none\n\n-- migrate:up\nCREATE TABLE audit_events (id INTEGER PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE audit_events;\n",
    );
    const result = await upgradeAll(undefined, {
      cwd: p.dir,
      dialects: [createDialect()],
      concurrency: 2,
    });
    expect(result.targets.map((t) => [t.name, t.status, t.to])).toEqual([
      ["app", "applied", ["f0003"]],
      ["audit", "applied", ["a0001"]],
    ]);
    expect(inspect(join(p.dir, "shared.db")).tables).toEqual([
      "accounts",
      "audit_events",
      "audit_log",
      "audit_version",
      "invoices",
      "payments",
    ]);
  });
});

describe("checkAll on SQLite", () => {
  it("compares each target with the schema module; one not at head fails alone", async () => {
    const p = project(`export default { schema: "./schema.mjs" };\n`);
    // The schema module imports @mig/core as an application's would.
    mkdirSync(join(p.dir, "node_modules", "@mig"), { recursive: true });
    symlinkSync(
      fileURLToPath(new URL("../../core", import.meta.url)),
      join(p.dir, "node_modules", "@mig", "core"),
    );
    writeFileSync(
      join(p.dir, "schema.mjs"),
      `import { table } from "@mig/core";
const id = { id: { type: "integer", primaryKey: true } };
export const accounts = table("accounts", id);
export const invoices = table("invoices", id);
export const payments = table("payments", id);
`,
    );
    const targets = fileTargets(p, 3);
    const options = { cwd: p.dir, dialects: [createDialect()] };
    await upgradeAll(targets.slice(0, 2), options);
    await upgradeAll([targets[2]!], { ...options, target: "f0001" });
    const extra = new Database(join(p.dir, "t1.db"));
    extra.exec("CREATE TABLE stray (id INTEGER PRIMARY KEY)");
    extra.close();

    const result = await checkAll(targets, options);
    expect(result.ok).toBe(false);
    const [t0, t1, t2] = result.targets;
    expect(t0).toMatchObject({ status: "current", clean: true, changes: [], to: ["f0003"] });
    expect(t1).toMatchObject({ status: "current", clean: false });
    expect(t1?.changes?.map((c) => c.kind)).toEqual(["dropTable"]);
    expect(t2).toMatchObject({ status: "failed", error: { code: "not_up_to_date" } });
    expect(t2?.clean).toBeUndefined();
  });

  it("a missing schema module fails the fleet once, before any target is read", async () => {
    const p = project(`export default { schema: "./missing.mjs" };\n`);
    const targets = fileTargets(p, 3);
    await expect(
      checkAll(targets, { cwd: p.dir, dialects: [createDialect()] }),
    ).rejects.toMatchObject({ code: "schema_not_found", usage: true });
    expect(existsSync(join(p.dir, "t0.db"))).toBe(false);
  });

  it("a goal no script defines fails the fleet once, before any target runs; a relative one is each target's", async () => {
    const p = project();
    const targets = fileTargets(p, 3);
    const options = { cwd: p.dir, dialects: [createDialect()] };
    await expect(upgradeAll(targets, { ...options, target: "nosuch" })).rejects.toMatchObject({
      code: "unknown_revision",
      usage: true,
    });
    await expect(downgradeAll(targets, { ...options, target: "nosuch" })).rejects.toMatchObject({
      code: "unknown_revision",
    });
    expect(existsSync(join(p.dir, "t0.db"))).toBe(false);
    await upgradeAll(targets, options);
    const down = await downgradeAll(targets, { ...options, target: "-1" });
    expect(down.targets.map((t) => t.status)).toEqual(["applied", "applied", "applied"]);
  });
});
