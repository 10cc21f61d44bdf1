import { join } from "node:path";
import { type FleetTarget, type TargetResult, upgradeAll } from "@mig/core";
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
