import { mkdirSync, readdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { type FleetTarget, statusAll, type TargetResult, upgradeAll } from "@mig/core";
import { clockAhead, FLEET_REVISIONS, FleetProject, realNow } from "@mig/dialect-tests";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDialect } from "../src/index.js";
import { withConnection } from "./connection-helper.js";
import { createTestDatabase, serverUrl, type TestDatabase } from "./helpers.js";

let db: TestDatabase;
let project: FleetProject;
beforeAll(async () => {
  db = await createTestDatabase("fleet");
  project = new FleetProject();
});
afterAll(async () => {
  project?.dispose();
  await db?.drop();
});

/** Each schema's version rows and user tables, read in one query per catalog. */
async function schemas(url: string): Promise<Map<string, { rows: string[]; tables: string[] }>> {
  return withConnection(url, async (c) => {
    const tables = await c.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const found = new Map<string, { rows: string[]; tables: string[] }>();
    for (const t of tables) {
      const entry = found.get(t.schema) ?? { rows: [], tables: [] };
      found.set(t.schema, entry);
      if (t.name === "mig_version") {
        const rows = await c.query<{ v: string }>(
          `SELECT version_num AS v FROM "${t.schema.replaceAll('"', '""')}".mig_version`,
        );
        entry.rows.push(...rows.map((r) => r.v));
      }
      entry.tables.push(t.name);
    }
    return found;
  });
}

const byName = (results: readonly TargetResult[]) => new Map(results.map((r) => [r.name, r]));

describe("upgradeAll over PostgreSQL schemas", () => {
  it("migrates 50 schemas of one database; one fails alone and a rerun finishes it", async () => {
    const targets: FleetTarget[] = Array.from({ length: 50 }, (_, i) => ({
      name: `tenant_${String(i).padStart(2, "0")}`,
      schema: `tenant_${String(i).padStart(2, "0")}`,
    }));
    // tenant_07 already has the table migration 2 creates.
    await withConnection(db.url, async (c) => {
      await c.execute("CREATE SCHEMA tenant_07");
      await c.execute("CREATE TABLE tenant_07.invoices (id INTEGER PRIMARY KEY)");
    });
    const options = { cwd: project.dir, url: db.url, dialects: [createDialect()], concurrency: 6 };

    const first = await upgradeAll(targets, options);
    expect(first.ok).toBe(false);
    const results = byName(first.targets);
    const failed = results.get("tenant_07")!;
    expect(failed).toMatchObject({ status: "failed", from: [], to: ["f0001"], steps: 1 });
    expect(failed.error?.message).toMatch(/invoices/);
    const found = await schemas(db.url);
    expect(found.get("tenant_07")).toEqual({
      rows: ["f0001"],
      tables: ["accounts", "invoices", "mig_log", "mig_version"],
    });
    for (const t of targets) {
      if (t.name === "tenant_07") continue;
      expect(results.get(t.name)).toMatchObject({
        status: "applied",
        schema: t.schema,
        from: [],
        to: ["f0003"],
        steps: 3,
      });
      expect(found.get(t.schema!)).toEqual({
        rows: ["f0003"],
        tables: ["accounts", "invoices", "mig_log", "mig_version", "payments"],
      });
    }
    // Nothing leaked into the database's default schema.
    expect(found.get("public")).toBeUndefined();

    await withConnection(db.url, (c) => c.execute("DROP TABLE tenant_07.invoices"));
    const steps: string[] = [];
    const second = await upgradeAll(targets, {
      ...options,
      events: { onTargetStepEnd: (target, step) => steps.push(`${target.name}:${step.revision}`) },
    });
    expect(second.ok).toBe(true);
    expect(steps).toEqual(["tenant_07:f0002", "tenant_07:f0003"]);
    expect(second.targets.filter((t) => t.status === "current")).toHaveLength(49);
    expect((await schemas(db.url)).get("tenant_07")?.rows).toEqual([FLEET_REVISIONS[2]]);

    // The shared pool's connections went back with their search_path restored.
    const status = await statusAll(targets, options);
    expect(status.targets.every((t) => t.upToDate === true && t.to[0] === "f0003")).toBe(true);
  });

  it("gives a pooled connection back with its search_path restored", async () => {
    // One connection, reused: the target without a schema runs right after the one with.
    const result = await upgradeAll(
      [{ name: "tenant", schema: "restore_tenant" }, { name: "plain" }],
      {
        cwd: project.dir,
        url: db.url,
        dialects: [createDialect()],
        concurrency: 1,
        pool: { poolSize: 1, maxOverflow: 0 },
      },
    );
    expect(result.targets.map((t) => [t.name, t.status, t.to])).toEqual([
      ["tenant", "applied", ["f0003"]],
      ["plain", "applied", ["f0003"]],
    ]);
    expect((await schemas(db.url)).get("public")).toEqual({
      rows: ["f0003"],
      tables: ["accounts", "invoices", "mig_log", "mig_version", "payments"],
    });
  });

  it("keeps each schema target's clean checksum check apart", async () => {
    const own = new FleetProject();
    try {
      // The project's cache in its node_modules; scripts old enough for a check to be kept.
      mkdirSync(join(own.dir, "node_modules"));
      const past = realNow() / 1000 - 60;
      for (const file of readdirSync(join(own.dir, "migrations")))
        utimesSync(join(own.dir, "migrations", file), past, past);
      clockAhead(); // and their ctimes: the clock moves on (a ctime cannot be set back)
      const targets = [
        { name: "a", schema: "clean_a" },
        { name: "b", schema: "clean_b" },
      ];
      const options = { cwd: own.dir, url: db.url, dialects: [createDialect()], concurrency: 1 };
      expect((await upgradeAll(targets, options)).ok).toBe(true);
      // At head: each target checks its scripts' checksums and keeps the clean result.
      expect((await upgradeAll(targets, options)).ok).toBe(true);
      const cache = readdirSync(join(own.dir, "node_modules", ".cache", "mig"));
      expect(cache.filter((f) => f.startsWith("clean-check-"))).toHaveLength(2);
    } finally {
      vi.useRealTimers();
      own.dispose();
    }
  });

  it("quotes a schema name that needs it", async () => {
    const schema = 'Odd "Tenant"; x';
    const result = await upgradeAll([{ name: "odd", schema }], {
      cwd: project.dir,
      url: db.url,
      dialects: [createDialect()],
    });
    expect(result.targets[0]).toMatchObject({ status: "applied", schema, to: ["f0003"] });
    expect((await schemas(db.url)).get(schema)?.rows).toEqual(["f0003"]);
  });

  it("reports a target it cannot reach as failed, with no password in the result", async () => {
    const server = new URL(serverUrl());
    const wrong = new URL(db.url);
    wrong.password = "Wr0ng-Secret-Pw";
    const result = await upgradeAll(
      [
        { name: "good", schema: "pw_good" },
        { name: "bad", url: wrong.toString(), schema: "pw_bad" },
      ],
      { cwd: project.dir, url: db.url, dialects: [createDialect()] },
    );
    const bad = byName(result.targets).get("bad")!;
    expect(bad.status).toBe("failed");
    expect(bad.error?.code).toBeTruthy();
    expect(byName(result.targets).get("good")?.status).toBe("applied");
    const text = JSON.stringify(result);
    expect(text).not.toContain("Wr0ng-Secret-Pw");
    expect(text).not.toContain(decodeURIComponent(server.password));
    expect(bad.url).toContain("***");
  });
});
